import Foundation
import TestHTTPServer
import Testing

/// Batchdeck over HTTP/2: `nghttpx` (`TestHTTP2Proxy`) terminates TLS on 127.0.0.1, agrees on `h2`
/// through ALPN and forwards to `sim serve` over HTTP/1.1. Each test checks what the client
/// logged and what nghttpx's access log saw on its side.
@Suite(
  .serialized,
  .enabled(if: BatchdeckBinary.url != nil, "needs the built binary"),
  .enabled(if: TestHTTP2Proxy.isAvailable, "needs nghttpx (Debian nghttp2-proxy) and openssl"))
struct HTTP2AgainstSimServeTests {
  static let clock = "2026-12-04T12:00:00Z"

  /// Objects served exactly as given (`--paused`), so two reads print the same rows.
  static let manifests = """
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: nightly-report
      namespace: reports
      uid: 6a1c0e52-0000-4000-8000-000000000001
      creationTimestamp: "2026-12-01T00:00:00Z"
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: report, image: busybox}]
    status:
      lastScheduleTime: "2026-12-04T03:00:00Z"
      lastSuccessfulTime: "2026-12-04T03:02:10Z"
    ---
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: nightly-report-29939340
      namespace: reports
      uid: 6a1c0e52-0000-4000-8000-000000000002
      creationTimestamp: "2026-12-04T03:00:00Z"
      labels: {batch.kubernetes.io/job-name: nightly-report-29939340}
      ownerReferences:
      - {apiVersion: batch/v1, kind: CronJob, name: nightly-report, controller: true,
         uid: 6a1c0e52-0000-4000-8000-000000000001}
    spec:
      completions: 1
      template:
        spec:
          restartPolicy: Never
          containers: [{name: report, image: busybox}]
    status:
      startTime: "2026-12-04T03:00:00Z"
      completionTime: "2026-12-04T03:02:10Z"
      succeeded: 1
      conditions:
      - {type: Complete, status: "True", lastTransitionTime: "2026-12-04T03:02:10Z"}
    ---
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: reindex
      namespace: search
      uid: 6a1c0e52-0000-4000-8000-000000000003
      creationTimestamp: "2026-12-04T11:40:00Z"
    spec:
      completions: 4
      parallelism: 2
      template:
        spec:
          restartPolicy: Never
          containers: [{name: indexer, image: busybox}]
    status:
      startTime: "2026-12-04T11:40:00Z"
      active: 2
      succeeded: 1
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: reindex-k2x8p
      namespace: search
      uid: 6a1c0e52-0000-4000-8000-000000000004
      creationTimestamp: "2026-12-04T11:50:00Z"
      labels: {batch.kubernetes.io/job-name: reindex}
    spec:
      restartPolicy: Never
      containers: [{name: indexer, image: busybox}]
    status:
      phase: Running
      startTime: "2026-12-04T11:50:00Z"
      containerStatuses:
      - name: indexer
        ready: true
        restartCount: 0
        image: busybox
        state: {running: {startedAt: "2026-12-04T11:50:05Z"}}
    """

  /// `sim serve` with `arguments`, nghttpx in front of it, and a kubeconfig for nghttpx.
  struct Setup {
    var server: SimServer
    var proxy: TestHTTP2Proxy
    var kubeconfig: String

    init(_ arguments: [String]) throws {
      server = try SimServer(arguments)
      do {
        let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
        let port = try #require(text.firstMatch(of: /server: http:\/\/127\.0\.0\.1:(\d+)/)?.1)
        proxy = try TestHTTP2Proxy(backendPort: try #require(Int(port)))
        kubeconfig = server.folder.appendingPathComponent("h2.kubeconfig").path
        try Self.kubeconfig(from: text, proxy: proxy).write(
          toFile: kubeconfig, atomically: true, encoding: .utf8)
      } catch {
        server.stop()
        throw error
      }
    }

    func stop() {
      proxy.stop()
      server.stop()
    }

    /// `text` of a kubeconfig written by `sim serve` (plain HTTP), pointed at `proxy`: the
    /// server becomes `https://127.0.0.1:PORT` (its secret path is dropped, so the bearer
    /// token authenticates every request) and the cluster gets the proxy's CA.
    static func kubeconfig(from text: String, proxy: TestHTTP2Proxy) throws -> String {
      let ca = try Data(contentsOf: proxy.caCertificate).base64EncodedString()
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
        line -> [String] in
        guard let range = line.range(of: "server: ") else { return [String(line)] }
        let indent = String(line[..<range.lowerBound])
        return [indent + "server: \(proxy.url)", indent + "certificate-authority-data: \(ca)"]
      }
      #expect(text.contains("token: "), "the bearer token stays")
      return lines.joined(separator: "\n")
    }
  }

  func text(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }

  @Test func getPrintsTheSameRowsOverHTTP2AsDirectly() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("batchdeck-h2-scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = folder.appendingPathComponent("scenario.yaml")
    try Self.manifests.write(to: scenario, atomically: true, encoding: .utf8)
    let setup = try Setup(["--scenario", scenario.path, "--paused", "--clock", Self.clock])
    defer { setup.stop() }
    let log = folder.appendingPathComponent("get-h2.log").path
    let directLog = folder.appendingPathComponent("get-direct.log").path

    let expectedRows = [
      "cronjobs": "nightly-report", "jobs": "nightly-report-29939340", "pods": "reindex-k2x8p",
    ]
    for (resource, row) in expectedRows.sorted(by: { $0.key < $1.key }) {
      let common = [
        "get", resource, "-A", "-o", "wide", "--now", Self.clock, "--log-level", "debug",
      ]
      let overH2 = try BatchdeckBinary.run(
        common + ["--kubeconfig", setup.kubeconfig, "--log-file", log])
      let direct = try BatchdeckBinary.run(
        common + ["--kubeconfig", setup.server.kubeconfig, "--log-file", directLog])
      #expect(overH2.status == 0, "stderr: \(overH2.stderr)")
      #expect(direct.status == 0, "stderr: \(direct.stderr)")
      #expect(overH2.stdout.contains(row), "\(resource):\n\(overH2.stdout)")
      #expect(overH2.stdout == direct.stdout, "\(resource) over HTTP/2 and directly")
    }

    // The client's log: every request over HTTP/2 through nghttpx, HTTP/1.1 directly.
    let clientLog = text(log)
    for path in ["/apis/batch/v1/cronjobs", "/apis/batch/v1/jobs", "/api/v1/pods"] {
      #expect(clientLog.contains("GET \(path): HTTP/2 200"), "log:\n\(clientLog)")
      #expect(text(directLog).contains("GET \(path): HTTP/1.1 200"))
    }
    #expect(!clientLog.contains("HTTP/1.1"), "log:\n\(clientLog)")

    // nghttpx's side: the same requests arrived as h2, and `get cronjobs` sent its two
    // requests (CronJobs, then Jobs for the LAST RESULT column) on one connection.
    let requests = setup.proxy.requests()
    #expect(requests.count == 4, "\(requests)")
    #expect(
      requests.allSatisfy { $0.version == "HTTP/2" && $0.alpn == "h2" && $0.status == 200 },
      "\(requests)")
    let cronJobs = try #require(requests.first { $0.target.hasPrefix("/apis/batch/v1/cronjobs") })
    let jobs = try #require(requests.first { $0.target.hasPrefix("/apis/batch/v1/jobs") })
    #expect(cronJobs.clientPort == jobs.clientPort, "\(requests)")
  }

  @Test func kubectlAgreesOverHTTP2() throws {
    try #require(SimServer.hasKubectl, "kubectl is not installed")
    let setup = try Setup([])
    defer { setup.stop() }
    let output = try setup.server.kubectl([
      "--kubeconfig", setup.kubeconfig, "get", "cronjobs", "-n", "default", "-o", "name",
    ])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    #expect(output.stdout.contains("cronjob.batch/log-cleanup"))
    #expect(
      setup.proxy.requests().contains {
        $0.target.contains("/cronjobs") && $0.version == "HTTP/2" && $0.status == 200
      })
  }

  @Test func theDashboardWatchesAndFollowsLogsOverHTTP2() throws {
    try #require(SimServer.hasKubectl, "kubectl is not installed")
    try #require(TmuxSession.isAvailable, "tmux is not installed")
    let setup = try Setup([])
    defer { setup.stop() }
    let log = setup.server.folder.appendingPathComponent("dashboard.log").path
    let binary = try #require(BatchdeckBinary.url).path
    let home = NSTemporaryDirectory() + "batchdeck-h2-home-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: home) }
    let session = try TmuxSession(
      command: [
        binary, "--kubeconfig", setup.kubeconfig, "-A", "--log-file", log, "--log-level",
        "debug",
      ], width: 160, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let live = try session.waitForScreen(timeout: 20) {
      $0.contains("log-cleanup") && $0.contains("live")
    }
    #expect(live.contains("live"), "screen was:\n\(live)")

    // A change made directly on the server reaches the screen through the watch over h2.
    let created = try setup.server.kubectl([
      "create", "cronjob", "aaa-over-h2", "-n", "default", "--image=busybox",
      "--schedule=*/5 * * * *",
    ])
    #expect(created.status == 0, "stderr: \(created.stderr)")
    let changed = try session.waitForScreen(timeout: 20) { $0.contains("aaa-over-h2") }
    #expect(changed.contains("aaa-over-h2"), "screen was:\n\(changed)")

    // The log pane follows the selected pod's log (the demo's workers say so first).
    let logs = try session.waitForScreen(timeout: 30) { $0.contains("picked up a task") }
    #expect(logs.contains("picked up a task"), "screen was:\n\(logs)")
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)

    let clientLog = text(log)
    #expect(
      clientLog.contains("GET /apis/batch/v1/cronjobs: HTTP/2 200, streaming"),
      "log:\n\(clientLog.suffix(3000))")
    #expect(
      clientLog.contains(
        /GET \/api\/v1\/namespaces\/[a-z-]+\/pods\/[a-z0-9-]+\/log: HTTP\/2 200, streaming/),
      "log:\n\(clientLog.suffix(3000))")
    #expect(!clientLog.contains("HTTP/1.1"), "log:\n\(clientLog.suffix(3000))")
    // Listed once: the new CronJob came through the watch, not a second list.
    let lists = clientLog.split(separator: "\n").filter {
      $0.hasSuffix("GET /apis/batch/v1/cronjobs: HTTP/2 200")
    }
    #expect(lists.count == 1, "log:\n\(clientLog.suffix(3000))")
    let requests = setup.proxy.requests()
    let overH2 = requests.filter { $0.version == "HTTP/2" && $0.alpn == "h2" }
    #expect(overH2.count == requests.count, "\(requests)")
    #expect(
      overH2.contains {
        $0.target.hasPrefix("/apis/batch/v1/cronjobs?") && $0.target.contains("watch=1")
          && $0.status == 200
      }, "\(requests)")
    #expect(
      overH2.contains {
        $0.target.contains("/log?") && $0.target.contains("follow=true") && $0.status == 200
      }, "\(requests)")
  }
}
