import Foundation
import TestHTTPServer
import Testing

/// An exec plugin with `interactiveMode: Always` that asks for the token on the terminal: the
/// dashboard runs it before its screen starts, so the user can answer, then shows the cluster.
@Suite(
  .serialized,
  .enabled(if: TmuxSession.isAvailable && BatchdeckBinary.url != nil, "needs tmux and the binary"))
struct InteractiveExecTests {
  /// The TLS kubeconfig with its token replaced by a plugin that prompts for it on stderr and
  /// reads the answer from stdin, which must be a terminal.
  func promptingKubeconfig(_ server: SimServer) throws -> String {
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    let token = try #require(text.firstMatch(of: /token: (\w+)/)?.1)
    let plugin = server.folder.appendingPathComponent("login.sh").path
    let credential =
      #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","#
      + #""status":{"token":"%s"}}"#
    let script = """
      #!/bin/sh
      [ -t 0 ] || { echo 'no terminal' >&2; exit 3; }
      case "$KUBERNETES_EXEC_INFO" in *'"interactive":true'*) ;; *) exit 4 ;; esac
      printf 'Token for the simulator: ' >&2
      read -r answer
      printf '\(credential)\\n' "$answer"
      """
    try ExecutableScript.write(script, to: plugin)
    let exec = """
      exec:
            apiVersion: client.authentication.k8s.io/v1
            command: \(plugin)
            interactiveMode: Always
      """
    let rewritten = text.replacing(/\/sim-\w+/, with: "")
      .replacing("token: \(token)", with: exec)
    let path = server.folder.appendingPathComponent("interactive.kubeconfig").path
    try rewritten.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func aPromptingPluginIsAnsweredBeforeTheScreenStarts() throws {
    let server = try SimServer(["--tls"])
    defer { server.stop() }
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    let token = String(try #require(text.firstMatch(of: /token: (\w+)/)?.1))
    let binary = try #require(BatchdeckBinary.url).path
    let home = NSTemporaryDirectory() + "batchdeck-exec-\(UUID().uuidString)"
    let session = try TmuxSession(
      command: [binary, "--kubeconfig", try promptingKubeconfig(server), "-A"], width: 120,
      height: 40, environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let prompt = try session.waitForScreen(timeout: 15) {
      $0.contains("Token for the simulator:")
    }
    #expect(prompt.contains("Token for the simulator:"), "screen was:\n\(prompt)")
    try session.send(token, "Enter")
    let live = try session.waitForScreen(timeout: 20) {
      $0.contains("log-cleanup") && $0.contains("live")
    }
    #expect(live.contains("live"), "screen was:\n\(live)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }
}
