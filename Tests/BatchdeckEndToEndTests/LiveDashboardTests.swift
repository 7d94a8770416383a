import Foundation
import TestHTTPServer
import Testing

/// The dashboard against a loopback API server through a kubeconfig (no `--demo`).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct LiveDashboardTests {
  static func serve(_ request: TestRequest, _ writer: TestResponseWriter) {
    guard request.headers["authorization"] == "Bearer live-token" else {
      writer.respond(401, body: "{\"kind\":\"Status\",\"code\":401,\"message\":\"Unauthorized\"}")
      return
    }
    if request.path.hasSuffix("/pods") {
      writer.respond(
        403,
        body: "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\",\"message\":"
          + "\"pods is forbidden here\"}")
      return
    }
    if request.target.contains("watch=1") {
      writer.head(200, headers: ["Content-Type": "application/json"], chunked: true)
      for _ in 0..<300 where writer.chunk("\n") { Thread.sleep(forTimeInterval: 0.1) }
      writer.end()
      return
    }
    let items =
      request.path.hasSuffix("/cronjobs")
      ? "[{\"metadata\":{\"name\":\"nightly-report\",\"namespace\":\"ml\",\"uid\":\"c1\","
        + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"spec\":{\"schedule\":\"0 3 * * *\"}}]"
      : "[]"
    writer.respond(200, body: "{\"metadata\":{\"resourceVersion\":\"7\"},\"items\":\(items)}")
  }

  @Test func showsTheContextUserAndDataAndAStaleSource() throws {
    let server = try TestHTTPServer { Self.serve($0, $1) }
    defer { server.stop() }
    let home = NSTemporaryDirectory() + "batchdeck-live-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    let config = """
      current-context: live-ctx
      clusters: [{name: loop, cluster: {server: "\(server.url)"}}]
      contexts: [{name: live-ctx, context: {cluster: loop, user: bob, namespace: ml}}]
      users: [{name: bob, user: {token: live-token}}]
      """
    try Data(config.utf8).write(to: URL(fileURLWithPath: home + "/config"))
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    let session = try TmuxSession(
      command: [binary, "--kubeconfig", home + "/config"], width: 160, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let screen = try session.waitForScreen(timeout: 10) { screen in
      screen.contains("nightly-report") && screen.contains("pods is forbidden here")
    }
    #expect(screen.contains("context live-ctx"), "screen was:\n\(screen)")
    #expect(screen.contains("user bob"))
    #expect(screen.contains("namespace ml"))
    #expect(screen.contains("stale"))
    #expect(!screen.contains("live-token"))
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }
}
