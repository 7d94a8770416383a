import Foundation
import Synchronization
import TestHTTPServer
import Testing

/// The request targets a server saw.
final class RequestLog: Sendable {
  private let targets = Mutex<[String]>([])

  func append(_ target: String) { targets.withLock { $0.append(target) } }

  var all: [String] { targets.withLock { $0 } }
}

/// `batchdeck get` against a loopback API server that checks the bearer token.
@Suite(.enabled(if: BatchdeckBinary.url != nil, "batchdeck binary not built"))
struct GetCommandTests {
  static let cronJobs = """
    {"kind":"CronJobList","metadata":{"resourceVersion":"5"},"items":[
     {"metadata":{"name":"nightly","namespace":"ml","uid":"cj1",
       "creationTimestamp":"2026-01-01T00:00:00Z"},
      "spec":{"schedule":"30 2 * * *","suspend":false,"jobTemplate":{"spec":{"template":
       {"spec":{"containers":[{"name":"train","image":"ml/train:1"}]}}}}},
      "status":{"lastScheduleTime":"2026-01-02T02:30:00Z"}}]}
    """
  static let jobs = """
    {"kind":"JobList","metadata":{"resourceVersion":"5"},"items":[
     {"metadata":{"name":"nightly-29000000","namespace":"ml","uid":"j1",
       "creationTimestamp":"2026-01-02T02:30:00Z",
       "ownerReferences":[{"kind":"CronJob","name":"nightly","uid":"cj1","controller":true}]},
      "spec":{"completions":1},
      "status":{"succeeded":1,"startTime":"2026-01-02T02:30:00Z",
       "completionTime":"2026-01-02T02:31:10Z",
       "conditions":[{"type":"Complete","status":"True"}]}}]}
    """

  func withServer(_ body: (String, RequestLog) throws -> Void) throws {
    let paths = RequestLog()
    let server = try TestHTTPServer { request, writer in
      paths.append(request.target)
      guard request.headers["authorization"] == "Bearer get-token" else {
        writer.respond(
          401,
          body: "{\"kind\":\"Status\",\"code\":401,\"reason\":\"Unauthorized\","
            + "\"message\":\"Unauthorized\"}")
        return
      }
      if request.path.hasSuffix("/cronjobs") {
        writer.respond(200, body: Self.cronJobs)
      } else if request.path.hasSuffix("/jobs") {
        writer.respond(200, body: Self.jobs)
      } else {
        writer.respond(
          403,
          body: "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\",\"message\":"
            + "\"pods is forbidden: User \\\"bob\\\" cannot list resource \\\"pods\\\"\"}")
      }
    }
    defer { server.stop() }
    let folder = NSTemporaryDirectory() + "batchdeck-get-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let config = """
      current-context: test
      clusters: [{name: loop, cluster: {server: "\(server.url)"}}]
      contexts:
      - {name: test, context: {cluster: loop, user: bob, namespace: ml}}
      - {name: nobody, context: {cluster: loop, user: anon}}
      users:
      - {name: bob, user: {token: get-token}}
      - {name: anon, user: {}}
      """
    let path = folder + "/config"
    try Data(config.utf8).write(to: URL(fileURLWithPath: path))
    try body(path, paths)
  }

  @Test func cronJobsWithScheduleColumns() throws {
    try withServer { config, paths in
      let run = try BatchdeckBinary.run([
        "get", "cronjobs", "--kubeconfig", config, "--now", "2026-01-02T12:00:00Z",
      ])
      #expect(run.status == 0)
      #expect(
        run.stdout == """
          NAME      SCHEDULE     TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   \
          DESCRIPTION   NEXT RUN   LAST RESULT
          nightly   30 2 * * *   <none>     False     0        9h              36h   \
          at 02:30      in 14h     Complete (nightly-29000000)

          """)
      #expect(paths.all.first?.hasPrefix("/apis/batch/v1/namespaces/ml/cronjobs") == true)
    }
  }

  @Test func allNamespacesJSONAndErrors() throws {
    try withServer { config, paths in
      let json = try BatchdeckBinary.run([
        "get", "jobs", "-A", "-o", "json", "--kubeconfig", config,
      ])
      #expect(json.status == 0)
      #expect(json.stdout.contains("\"kind\":\"List\""))
      #expect(paths.all.last?.hasPrefix("/apis/batch/v1/jobs?") == true)

      let forbidden = try BatchdeckBinary.run(["get", "pods", "--kubeconfig", config])
      #expect(forbidden.status == 1)
      #expect(
        forbidden.stderr
          == "Error from server (Forbidden): pods is forbidden: User \"bob\" cannot list "
          + "resource \"pods\"\n")

      let anonymous = try BatchdeckBinary.run([
        "get", "jobs", "--kubeconfig", config, "--context", "nobody",
      ])
      #expect(anonymous.stderr == "error: You must be logged in to the server (Unauthorized)\n")

      let both = try BatchdeckBinary.run(["get", "jobs", "-A", "-n", "x", "--kubeconfig", config])
      #expect(both.status == 2)
    }
  }
}
