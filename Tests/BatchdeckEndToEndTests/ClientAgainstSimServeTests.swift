import Foundation
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
