import Foundation
import TestHTTPServer
import Testing

/// Batchdeck's own client against `batchdeck sim serve`, over HTTP and TLS: the kubeconfig
/// the server writes carries a token, a CA and a client certificate.
@Suite(.enabled(if: BatchdeckBinary.url != nil, "needs the built binary"))
struct ClientAgainstSimServeTests {
  @Test(arguments: [false, true])
  func getListsWhatTheServerHolds(tls: Bool) throws {
    let server = try SimServer(tls ? ["--tls"] : [])
    defer { server.stop() }
    let cronJobs = try BatchdeckBinary.run([
      "get", "cronjobs", "-A", "--kubeconfig", server.kubeconfig,
    ])
    #expect(cronJobs.status == 0, "stderr: \(cronJobs.stderr)")
    let header = try #require(cronJobs.stdout.split(separator: "\n").first)
    #expect(header.hasPrefix("NAMESPACE"))
    #expect(header.contains("LAST SCHEDULE") && header.contains("NEXT RUN"))
    #expect(cronJobs.stdout.contains("log-cleanup"))
    #expect(cronJobs.stdout.contains("every minute"))
    let pods = try BatchdeckBinary.run([
      "get", "pods", "-n", "default", "-o", "json", "--kubeconfig", server.kubeconfig,
    ])
    #expect(pods.status == 0, "stderr: \(pods.stderr)")
    let list = try JSONSerialization.jsonObject(with: Data(pods.stdout.utf8)) as? [String: Any]
    #expect((list?["items"] as? [Any])?.isEmpty == false)
  }

  @Test func diagnoseReadsTheClusterOfTheKubeconfig() throws {
    let server = try SimServer(["--tls"])
    defer { server.stop() }
    let output = try BatchdeckBinary.run([
      "diagnose", "cronjob/weekly-reindex", "-n", "default", "--kubeconfig", server.kubeconfig,
    ])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    #expect(output.stdout.hasPrefix("cronjob/weekly-reindex in namespace default: suspended"))
    #expect(output.stdout.contains(#""suspend":false"#))
  }

  /// The TLS kubeconfig with the token moved into an exec plugin that prints `token`, and the
  /// credential taken out of the server URL.
  func execKubeconfig(_ server: SimServer, token printed: String?) throws -> String {
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    let token = try #require(text.firstMatch(of: /token: (\w+)/)?.1)
    let folder = NSTemporaryDirectory() + "batchdeck-exec-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let plugin = folder + "/credential.sh"
    let credential =
      #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","#
      + #""status":{"token":"\#(printed ?? String(token))"}}"#
    try ExecutableScript.write("#!/bin/sh\necho '\(credential)'\n", to: plugin)
    let exec = """
      exec:
            apiVersion: client.authentication.k8s.io/v1
            command: \(plugin)
            interactiveMode: Never
      """
    let rewritten = text.replacing(/\/sim-\w+/, with: "")
      .replacing("token: \(token)", with: exec)
    let path = folder + "/kubeconfig"
    try rewritten.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func execPluginCredentialsOverTLS() throws {
    let server = try SimServer(["--tls"])
    defer { server.stop() }
    let good = try BatchdeckBinary.run([
      "get", "cronjobs", "--kubeconfig", try execKubeconfig(server, token: nil),
    ])
    #expect(good.status == 0, "stderr: \(good.stderr)")
    #expect(good.stdout.contains("log-cleanup"))
    let wrong = try BatchdeckBinary.run([
      "get", "cronjobs", "--kubeconfig", try execKubeconfig(server, token: "not-the-token"),
    ])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("You must be logged in to the server"), "\(wrong.stderr)")
  }

  @Test func injectedErrorsReachTheUserVerbatim() throws {
    let server = try SimServer([
      "--faults", #"{"forbid": [{"resource": "jobs", "namespace": "ml-pipeline"}]}"#,
    ])
    defer { server.stop() }
    let forbidden = try BatchdeckBinary.run([
      "get", "jobs", "-n", "ml-pipeline", "--kubeconfig", server.kubeconfig,
    ])
    #expect(forbidden.status == 1)
    #expect(forbidden.stderr.contains("Error from server (Forbidden)"), "\(forbidden.stderr)")
    let allowed = try BatchdeckBinary.run([
      "get", "jobs", "-n", "default", "--kubeconfig", server.kubeconfig,
    ])
    #expect(allowed.status == 0, "another namespace still works: \(allowed.stderr)")
  }

  @Test func getWaitsOutTooManyRequestsAsTheServerAsks() throws {
    let server = try SimServer([
      "--faults", #"{"failStatus": 429, "failCount": 2, "retryAfterSeconds": 1}"#,
    ])
    defer { server.stop() }
    let log = server.folder.appendingPathComponent("get.log").path
    let run = try BatchdeckBinary.run([
      "get", "cronjobs", "-A", "--kubeconfig", server.kubeconfig, "--log-file", log,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("log-cleanup"), "\(run.stdout)")
    let logged = try String(contentsOfFile: log, encoding: .utf8)
    #expect(logged.components(separatedBy: "the server asked to retry in 1.0 s").count == 3)
  }

  @Test func aStoppedServerIsAClearError() throws {
    let server = try SimServer([])
    let kubeconfig = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    server.stop()
    let copy = NSTemporaryDirectory() + "batchdeck-stopped-\(getpid()).kubeconfig"
    try kubeconfig.write(toFile: copy, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let output = try BatchdeckBinary.run(["get", "jobs", "--kubeconfig", copy])
    #expect(output.status == 1)
    #expect(output.stderr.contains("refused") || output.stderr.contains("Unable to connect"))
  }
}
