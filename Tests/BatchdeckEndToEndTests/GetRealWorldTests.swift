import Foundation
import Testing

/// `batchdeck get` on real-world cases served by `sim serve --paused --clock`, at the "now"
/// each case assumes.
@Suite(.enabled(if: BatchdeckBinary.url != nil, "needs the built binary"))
struct GetRealWorldTests {
  static let cases = BatchdeckBinary.packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/realworld/cases")
  static var haveCases: Bool { FileManager.default.fileExists(atPath: cases.path) }

  func serve(_ caseName: String, now: String) throws -> SimServer {
    let folder = Self.cases.appendingPathComponent(caseName)
    let input = try #require(
      ["input.json", "input.yaml"].map { folder.appendingPathComponent($0).path }
        .first { FileManager.default.fileExists(atPath: $0) })
    return try SimServer(["--paused", "--clock", now, "--scenario", input])
  }

  /// Rows by their first cell; cells are split where two or more spaces separate them, as
  /// kubectl's tabwriter pads columns.
  func rows(_ output: String, nameColumn: Int = 0) -> [String: [String]] {
    var table: [String: [String]] = [:]
    for line in output.split(separator: "\n").dropFirst() {
      let cells = String(line).split(separator: /\s{2,}/).map(String.init)
      if cells.count > nameColumn { table[cells[nameColumn]] = cells }
    }
    return table
  }

  @Test(.enabled(if: haveCases, "needs ../shared"))
  func podStatusesAsKubectlPrintsThem() throws {
    let now = "2025-06-10T12:00:00Z"
    let server = try serve("36-pod-container-reasons", now: now)
    defer { server.stop() }
    let output = try BatchdeckBinary.run([
      "get", "pods", "-A", "--now", now, "--kubeconfig", server.kubeconfig,
    ])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    let table = rows(output.stdout, nameColumn: 1)
    #expect(table["p04-crashloop"]?[2...4] == ["0/1", "CrashLoopBackOff", "5 (90s ago)"])
    #expect(table["p12-two-containers"]?[2...4] == ["0/2", "ImagePullBackOff", "3 (60s ago)"])
    #expect(table["p11-exitcode-no-reason"]?[3] == "ExitCode:2")
    #expect(table["p10-gated"]?[3] == "SchedulingGated")
    #expect(table["p13-running"]?[2...3] == ["1/1", "Running"])
  }

  @Test(.enabled(if: haveCases, "needs ../shared"))
  func blockedCronJobRow() throws {
    let now = "2025-06-10T08:05:00Z"
    let server = try serve("24-forbid-blocked-by-stuck-job", now: now)
    defer { server.stop() }
    let output = try BatchdeckBinary.run([
      "get", "cronjobs", "-n", "web-tier", "--now", now, "--kubeconfig", server.kubeconfig,
    ])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    let row = try #require(rows(output.stdout)["cache-warmer"])
    #expect(row[1] == "*/10 * * * *")
    #expect(row[4] == "1", "ACTIVE: \(row)")
    #expect(row[5] == "2d23h", "LAST SCHEDULE: \(row)")
    #expect(row.contains("in 5m"), "NEXT RUN: \(row)")
  }

  @Test(.enabled(if: haveCases, "needs ../shared"))
  func historyAndAutoDeleteInWideTables() throws {
    let now = "2025-06-10T08:00:00Z"
    let server = try serve("26-history-limits-defaults", now: now)
    defer { server.stop() }
    let cronJobs = try BatchdeckBinary.run([
      "get", "cronjobs", "-n", "logging", "-o", "wide", "--now", now,
      "--kubeconfig", server.kubeconfig,
    ])
    #expect(cronJobs.status == 0, "stderr: \(cronJobs.stderr)")
    let row = try #require(rows(cronJobs.stdout)["curator"])
    #expect(row.suffix(2) == ["ok", "3/3 successful, 1/1 failed (2 pending cleanup)"], "\(row)")
    let jobs = try BatchdeckBinary.run([
      "get", "jobs", "-n", "logging", "--now", now, "--kubeconfig", server.kubeconfig,
    ])
    #expect(rows(jobs.stdout)["curator-29136960"]?[1...4] == ["Failed", "0/1", "15d", "15d"])

    let ttlNow = "2025-06-10T08:01:00Z"
    let ttlServer = try serve("34-job-ttl-after-finished", now: ttlNow)
    defer { ttlServer.stop() }
    let ttl = try BatchdeckBinary.run([
      "get", "jobs", "-n", "scratch", "-o", "wide", "--now", ttlNow,
      "--kubeconfig", ttlServer.kubeconfig,
    ])
    #expect(ttl.status == 0, "stderr: \(ttl.stderr)")
    let table = rows(ttl.stdout)
    #expect(table["pi-with-ttl"]?.last == "in 2m20s", "\(ttl.stdout)")
    #expect(table["failed-with-ttl"]?.last == "in 10m")
    #expect(table["clock-skewed"]?.last?.hasPrefix("finished in the future (clock skew?)") == true)
  }
}
