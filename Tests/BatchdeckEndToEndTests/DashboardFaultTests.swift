import Foundation
import Testing

/// The dashboard against `batchdeck sim serve` while the server misbehaves: the data stays on
/// screen, the header says how stale it is, and the dashboard recovers by itself.
@Suite(
  .serialized,
  .enabled(if: TmuxSession.isAvailable && BatchdeckBinary.url != nil, "needs tmux and the binary"))
struct DashboardFaultTests {
  /// The server URL from the kubeconfig the server wrote (plain HTTP carries its credential
  /// in the path, so the admin endpoint needs nothing else).
  func serverURL(_ server: SimServer) throws -> String {
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.contains("server:") })
    return try #require(line.split(separator: " ").last.map(String.init))
  }

  func post(_ plan: String, to server: String) throws {
    let curl = Process()
    curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    curl.arguments = ["-s", "-m", "10", "-X", "POST", "\(server)/batchdeck/v1/faults", "-d", plan]
    curl.standardOutput = FileHandle.nullDevice
    curl.standardError = FileHandle.nullDevice
    try curl.run()
    curl.waitUntilExit()
    #expect(curl.terminationStatus == 0, "the fault plan was accepted")
  }

  @Test func keepsDataWhileTheServerIsAwayThenRecovers() throws {
    let server = try SimServer([])
    defer { server.stop() }
    let url = try serverURL(server)
    let binary = try #require(BatchdeckBinary.url).path
    let home = NSTemporaryDirectory() + "batchdeck-fault-\(UUID().uuidString)"
    let session = try TmuxSession(
      command: [binary, "--kubeconfig", server.kubeconfig, "-A"], width: 120, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let live = try session.waitForScreen(timeout: 10) {
      $0.contains("log-cleanup") && $0.contains("live")
    }
    #expect(live.contains("live"), "screen was:\n\(live)")

    try post(#"{"downSeconds": 8}"#, to: url)
    let away = try session.waitForScreen(timeout: 15) { $0.contains("stale") }
    #expect(away.contains("stale"), "screen was:\n\(away)")
    #expect(away.contains("log-cleanup"), "the last good data stays on screen")

    let back = try session.waitForScreen(timeout: 45) {
      $0.contains("live") && !$0.contains("stale")
    }
    #expect(back.contains("live"), "screen was:\n\(back)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func droppedWatchesAreResumedAndChangesKeepArriving() throws {
    let server = try SimServer(["--faults", #"{"dropWatchesAfterSeconds": 1}"#])
    defer { server.stop() }
    let plan = try fetch("\(try serverURL(server))/batchdeck/v1/faults")
    #expect(plan.contains("dropWatchesAfterSeconds"), "the fault is active: \(plan)")
    let binary = try #require(BatchdeckBinary.url).path
    let home = NSTemporaryDirectory() + "batchdeck-fault-\(UUID().uuidString)"
    let session = try TmuxSession(
      command: [binary, "--kubeconfig", server.kubeconfig, "-A"], width: 120, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    try session.waitForScreen(timeout: 10) { $0.contains("log-cleanup") }
    Thread.sleep(forTimeInterval: 3)
    let body = { (screen: String) in screen.split(separator: "\n").dropFirst().joined() }
    let before = body(try session.screen())
    let changed = try session.waitForScreen(timeout: 20) { body($0) != before }
    #expect(body(changed) != before, "changes arrive through resumed watches")
    let live = try session.waitForScreen(timeout: 20) { $0.contains("live") }
    #expect(live.contains("log-cleanup"))
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  func fetch(_ url: String) throws -> String {
    let curl = Process()
    curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    curl.arguments = ["-s", "-m", "10", url]
    let output = Pipe()
    curl.standardOutput = output
    curl.standardError = FileHandle.nullDevice
    try curl.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    curl.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
