import Foundation
import Testing

/// The config file (`$XDG_CONFIG_HOME/batchdeck/config.yaml`) and `batchdeck paths`.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ConfigFileTests {
  /// A fresh HOME and XDG config folder holding `config` as `batchdeck/config.yaml`.
  static func folders(config: String) throws -> (home: String, config: String, state: String) {
    let base = NSTemporaryDirectory() + "batchdeck-config-\(UUID().uuidString)"
    let configHome = base + "/config"
    try FileManager.default.createDirectory(
      atPath: configHome + "/batchdeck", withIntermediateDirectories: true)
    try Data(config.utf8).write(to: URL(fileURLWithPath: configHome + "/batchdeck/config.yaml"))
    return (base, configHome, base + "/state")
  }

  @Test func readOnlyPerContextReboundKeysAndABadKeyReported() throws {
    let config = """
      mouse: false
      contexts:
        batchdeck-sim: {readOnly: true}
      keys:
        filter: f
        suspend: "Ctrl-"
      """
    let paths = try Self.folders(config: config)
    defer { try? FileManager.default.removeItem(atPath: paths.home) }
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    let session = try TmuxSession(
      command: [binary, "--demo"], width: 160, height: 40,
      environment: [
        "HOME": paths.home, "XDG_CONFIG_HOME": paths.config, "XDG_STATE_HOME": paths.state,
        "TERM": "xterm-256color", "LANG": "C.UTF-8",
      ])
    let first = try session.waitForScreen(timeout: 20) { $0.contains("log-cleanup") }
    #expect(first.contains("│ read-only │"), "the context is read-only:\n\(first)")
    #expect(
      first.contains("config config.yaml:6: keys.suspend: unknown key \"Ctrl-\"; default kept"),
      "the bad key is named with file and line:\n\(first)")
    try session.send("f")
    let prompt = try session.waitForScreen { $0.contains(" /█") }
    #expect(prompt.contains(" /█"), "f opens the filter:\n\(prompt)")
    try session.send("Escape")
    try session.send("s")
    let refused = try session.waitForScreen { $0.contains("read-only mode") }
    #expect(refused.contains("read-only mode"), "s stays bound and is refused:\n\(refused)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
    let log = try String(contentsOfFile: paths.state + "/batchdeck/batchdeck.log", encoding: .utf8)
    #expect(log.contains("keys.suspend"), "the log lives in the XDG state folder")
  }

  @Test func aThemeThatDoesNotLoadLeavesTheDefaultAndANote() throws {
    let paths = try Self.folders(config: "theme: no-such-theme\n")
    defer { try? FileManager.default.removeItem(atPath: paths.home) }
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    let session = try TmuxSession(
      command: [binary, "--demo"], width: 160, height: 40,
      environment: [
        "HOME": paths.home, "XDG_CONFIG_HOME": paths.config, "XDG_STATE_HOME": paths.state,
        "TERM": "xterm-256color", "LANG": "C.UTF-8",
      ])
    let screen = try session.waitForScreen(timeout: 20) {
      $0.contains("log-cleanup") && $0.contains("using the default theme")
    }
    #expect(screen.contains("theme no-such-theme"), "the note names the theme:\n\(screen)")
    #expect(screen.contains("using the default theme"))
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func aK9sSkinIsReadAndABadColourIsNamedWithItsLine() throws {
    let paths = try Self.folders(config: "")
    defer { try? FileManager.default.removeItem(atPath: paths.home) }
    let skin = paths.home + "/mine.yaml"
    let text = """
      k9s:
        body:
          fgColor: dodgerblue
          logoColor: orange
        frame:
          status:
            errorColor: blurple
      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: skin))
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    let session = try TmuxSession(
      command: [binary, "--demo", "--theme", skin], width: 160, height: 40,
      environment: [
        "HOME": paths.home, "XDG_CONFIG_HOME": paths.config, "XDG_STATE_HOME": paths.state,
        "TERM": "xterm-256color", "LANG": "C.UTF-8",
      ])
    let screen = try session.waitForScreen(timeout: 20) {
      $0.contains("log-cleanup") && $0.contains("k9s skin")
    }
    #expect(
      screen.contains(
        "k9s skin mine.yaml:7: k9s.frame.status.errorColor: unknown colour \"blurple\"; "
          + "default kept"), "screen was:\n\(screen)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func pathsSaysWhereEverythingLives() throws {
    let paths = try Self.folders(config: "theme: light\n")
    defer { try? FileManager.default.removeItem(atPath: paths.home) }
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built")
    let process = Process()
    process.executableURL = binary
    process.arguments = ["paths"]
    process.environment = [
      "HOME": paths.home, "XDG_CONFIG_HOME": paths.config, "XDG_STATE_HOME": paths.state,
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(text.contains("config  \(paths.config)/batchdeck/config.yaml\n"), "\(text)")
    #expect(text.contains("themes  \(paths.config)/batchdeck/themes  (not there yet)"))
    #expect(text.contains("log     \(paths.state)/batchdeck/batchdeck.log  (not there yet)"))
  }
}
