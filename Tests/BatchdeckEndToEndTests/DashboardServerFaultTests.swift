import Foundation
import Testing

/// The dashboard against `batchdeck sim serve` while it answers 429 with Retry-After, 5xx,
/// 410 Gone on watches, or slowly: the data stays, the header says it is stale and why, and
/// the dashboard goes back to live once the server does.
@Suite(
  .serialized,
  .enabled(if: TmuxSession.isAvailable && BatchdeckBinary.url != nil, "needs tmux and the binary"))
struct DashboardServerFaultTests {
  let faults = DashboardFaultTests()

  /// The dashboard on `server`'s cluster in tmux, writing its log to `log`.
  func dashboard(_ server: SimServer, log: String, level: String = "info") throws -> TmuxSession {
    let binary = try #require(BatchdeckBinary.url).path
    let home = NSTemporaryDirectory() + "batchdeck-fault-\(UUID().uuidString)"
    return try TmuxSession(
      command: [
        binary, "--kubeconfig", server.kubeconfig, "-A", "--log-file", log, "--log-level", level,
      ], width: 160, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
  }

  func logText(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }

  @Test(arguments: [
    (
      #"{"failStatus": 429, "failCount": 12, "retryAfterSeconds": 2, "#
        + #""dropWatchesAfterSeconds": 1}"#, "TooManyRequests"
    ),
    (#"{"failStatus": 503, "failCount": 12, "dropWatchesAfterSeconds": 1}"#, "ServiceUnavailable"),
  ])
  func failuresShowStaleDataThenRecover(plan: String, reason: String) throws {
    // Watches are cut every second, so new requests meet the failures once they are set.
    let server = try SimServer(["--faults", #"{"dropWatchesAfterSeconds": 1}"#])
    defer { server.stop() }
    let log = server.folder.appendingPathComponent("dashboard.log").path
    let session = try dashboard(server, log: log)
    let live = try session.waitForScreen(timeout: 15) {
      $0.contains("log-cleanup") && $0.contains("live")
    }
    #expect(live.contains("live"), "screen was:\n\(live)")
    try faults.post(plan, to: try faults.serverURL(server))
    let stale = try session.waitForScreen(timeout: 20) {
      $0.contains("stale") && $0.contains(reason)
    }
    #expect(stale.contains("stale"), "screen was:\n\(stale)")
    #expect(stale.contains("log-cleanup"), "the last good data stays on screen")
    #expect(stale.contains(reason), "the header says why: \(stale)")
    try faults.post(#"{}"#, to: try faults.serverURL(server))
    let back = try session.waitForScreen(timeout: 45) {
      $0.contains("live") && !$0.contains("stale")
    }
    #expect(back.contains("live"), "screen was:\n\(back)")
    #expect(back.contains("log-cleanup"))
    try session.send("q")
    #expect(session.exitStatus() == 0)
    let text = logText(log)
    #expect(text.contains(reason), "the failure is in the log")
  }

  @Test func expiredWatchesAreListedAgain() throws {
    let server = try SimServer(["--faults", #"{"expireWatches": 3}"#])
    defer { server.stop() }
    let log = server.folder.appendingPathComponent("dashboard.log").path
    let session = try dashboard(server, log: log)
    let live = try session.waitForScreen(timeout: 20) {
      $0.contains("log-cleanup") && $0.contains("live")
    }
    #expect(live.contains("live"), "screen was:\n\(live)")
    let url = try faults.serverURL(server)
    let used = server.eventually(timeout: 20) {
      (try? faults.fetch("\(url)/batchdeck/v1/faults"))?.contains(#""expireWatches":0"#) == true
    }
    #expect(used, "every expiry was used")
    let relisted = try session.waitForScreen(timeout: 20) {
      $0.contains("log-cleanup") && $0.contains("live")
    }
    #expect(relisted.contains("live"), "screen was:\n\(relisted)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
    let text = logText(log)
    #expect(
      text.contains("watch expired (too old resource version"), "log was:\n\(text.suffix(2000))")
  }

  @Test func slowResponsesStillArriveOverTLSWithHTTP1() throws {
    let server = try SimServer(["--tls", "--faults", #"{"delayMs": 700}"#])
    defer { server.stop() }
    let log = server.folder.appendingPathComponent("dashboard.log").path
    let session = try dashboard(server, log: log, level: "debug")
    let syncing = try session.waitForScreen(timeout: 10) {
      $0.contains("syncing") || $0.contains("live")
    }
    #expect(syncing.contains("syncing") || syncing.contains("live"))
    let live = try session.waitForScreen(timeout: 30) {
      $0.contains("log-cleanup") && $0.contains("live")
    }
    #expect(live.contains("live"), "screen was:\n\(live)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
    // The simulator offers no ALPN, so libcurl's HTTP/2 offer falls back to HTTP/1.1.
    let text = logText(log)
    #expect(
      text.contains("/apis/batch/v1/cronjobs: HTTP/1.1 200"), "log was:\n\(text.suffix(2000))")
    #expect(!text.contains(": HTTP/2 "))
  }
}
