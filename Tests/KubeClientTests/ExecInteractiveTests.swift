import APIMachinery
import Foundation
import Testing

@testable import KubeClient

#if canImport(Glibc)
  import Glibc
#endif

/// A pseudo-terminal: its secondary side is a terminal for a plugin's stdin.
final class PseudoTerminal {
  let primary: Int32
  let secondary: FileHandle

  init() throws {
    primary = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    // TIOCSPTLCK and TIOCGPTN (Linux): unlock the secondary side and learn its number.
    guard primary >= 0, ioctl(primary, 0x4004_5431, &unlock) == 0,
      ioctl(primary, 0x8004_5430, &number) == 0
    else { throw POSIXError(.ENOTTY) }
    let descriptor = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
    guard descriptor >= 0 else { throw POSIXError(.ENOTTY) }
    secondary = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }

  deinit { close(primary) }
}

/// `interactiveMode` as client-go applies it, with a plugin that reports what it was given.
@Suite struct ExecInteractiveTests {
  /// A plugin that writes whether stdin is a terminal and its KUBERNETES_EXEC_INFO to a file.
  func plugin(
    in folder: TempFolder, apiVersion: String = "client.authentication.k8s.io/v1"
  ) throws -> (ExecConfig, String) {
    let report = folder.path + "/report"
    let script = try folder.writeExecutable(
      "plugin.sh",
      """
      #!/bin/sh
      if [ -t 0 ]; then tty=yes; else tty=no; fi
      printf '%s\\n%s\\n' "$tty" "$KUBERNETES_EXEC_INFO" > \(report)
      echo '{"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":{"token":"t"}}'
      """)
    var config = ExecConfig()
    config.apiVersion = apiVersion
    config.command = script
    return (config, report)
  }

  /// Runs the plugin in `mode`; what it saw: (stdin was a terminal, spec.interactive).
  func run(_ mode: String?, terminal: FileHandle?, release: Bool = false) throws -> (Bool, Bool) {
    let folder = try TempFolder()
    defer { folder.remove() }
    let version = "client.authentication.k8s.io/" + (mode == nil ? "v1beta1" : "v1")
    var (config, report) = try plugin(in: folder, apiVersion: version)
    config.interactiveMode = mode
    let provider = ExecCredentialProvider(
      config: config, connection: loopback("https://127.0.0.1:1"), terminal: terminal)
    if release { provider.releaseTerminal() }
    #expect(try provider.credential().token == "t")
    let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
    let info = try JSONValue.parse(Array(lines[1].utf8))
    return (lines[0] == "yes", info[path: ["spec", "interactive"]] == .bool(true))
  }

  @Test func neverGivesNoTerminal() throws {
    let terminal = try PseudoTerminal()
    let (tty, interactive) = try run("Never", terminal: terminal.secondary)
    #expect(!tty)
    #expect(!interactive)
  }

  @Test func ifAvailableGivesTheTerminalOnlyWhenThereIsOne() throws {
    let terminal = try PseudoTerminal()
    let with = try run("IfAvailable", terminal: terminal.secondary)
    #expect(with == (true, true))
    let without = try run("IfAvailable", terminal: nil)
    #expect(without == (false, false))
    let v1beta1Default = try run(nil, terminal: terminal.secondary)
    #expect(v1beta1Default == (true, true), "v1beta1 without a mode is IfAvailable")
    let afterScreen = try run("IfAvailable", terminal: terminal.secondary, release: true)
    #expect(afterScreen == (false, false), "once the screen has the terminal")
  }

  @Test func aFailureBeforeTheScreenIsRepeatedLater() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    let script = try folder.writeExecutable(
      "fail.sh", "#!/bin/sh\necho 'login cancelled' >&2\nexit 2\n")
    var config = ExecConfig()
    config.apiVersion = "client.authentication.k8s.io/v1"
    config.command = script
    config.interactiveMode = "Always"
    let terminal = try PseudoTerminal()
    let provider = ExecCredentialProvider(
      config: config, connection: loopback("https://127.0.0.1:1"), terminal: terminal.secondary)
    let failure = provider.prepareBeforeScreen()
    #expect(failure == .credentials("exec: executable \(script) failed with exit code 2"))
    provider.releaseTerminal()
    #expect {
      _ = try provider.credential()
    } throws: { error in
      guard case .credentials(let text) = error as? TransportError else { return false }
      return text.hasSuffix(
        "(before the screen started, it failed: getting credentials: exec: executable "
          + "\(script) failed with exit code 2)")
    }
  }

  @Test func alwaysNeedsATerminal() throws {
    let terminal = try PseudoTerminal()
    #expect(try run("Always", terminal: terminal.secondary) == (true, true))
    let folder = try TempFolder()
    defer { folder.remove() }
    var (config, _) = try plugin(in: folder)
    config.interactiveMode = "Always"
    let noTerminal = ExecCredentialProvider(
      config: config, connection: loopback("https://127.0.0.1:1"), terminal: nil)
    #expect(
      throws: TransportError.credentials(
        "exec plugin cannot support interactive mode: standard input is not a terminal")
    ) {
      _ = try noTerminal.credential()
    }
    #expect(noTerminal.runCount == 0)
    let released = ExecCredentialProvider(
      config: config, connection: loopback("https://127.0.0.1:1"), terminal: terminal.secondary)
    #expect(released.prepareBeforeScreen() == nil, "runs while the terminal is free")
    #expect(released.runCount == 1)
    released.releaseTerminal()
    released.invalidate()
    #expect {
      _ = try released.credential()
    } throws: { error in
      guard case .credentials(let text) = error as? TransportError else { return false }
      return text.hasPrefix(
        "exec plugin cannot support interactive mode: the dashboard's screen is using the "
          + "terminal")
    }
  }
}
