import APIMachinery
import BatchdeckModel
import Foundation
import KubeYAML
import Testing

@testable import KubeClient

/// kubectl's columns for the objects of the real-world cases in `../shared/fixtures/realworld`,
/// at the "now" each case assumes; the expected cells are the ones the cases list.
@Suite(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
struct RealWorldPrinterTests {
  func objects(_ caseName: String) throws -> [JSONValue] {
    let folder = SharedFixtures.root.appendingPathComponent("fixtures/realworld/cases/\(caseName)")
    let file = ["input.yaml", "input.json"].map { folder.appendingPathComponent($0).path }
      .first { FileManager.default.fileExists(atPath: $0) }
    let path = try #require(file, "case \(caseName) has an input")
    let documents = try YAMLParser().parse(contentsOf: path).map(\.value)
    return documents.flatMap { document -> [JSONValue] in
      document["items"]?.arrayValue ?? [document]
    }
  }

  func pods(_ caseName: String) throws -> [String: Pod] {
    let pods = try objects(caseName).filter { $0["kind"]?.stringValue == "Pod" }
      .map(Pod.init(wire:))
    return Dictionary(pods.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
  }

  func jobs(_ caseName: String) throws -> [String: Job] {
    let jobs = try objects(caseName).filter { $0["kind"]?.stringValue == "Job" }
      .map(Job.init(wire:))
    return Dictionary(jobs.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
  }

  func now(_ text: String) throws -> Date { try #require(RFC3339.parse(text)) }

  @Test func podContainerReasons() throws {
    let now = try now("2025-06-10T12:00:00Z")
    let pods = try pods("36-pod-container-reasons")
    let expected: [(String, String, String, String)] = [
      ("p01-completed", "0/1", "Completed", "0"), ("p02-error", "0/1", "Error", "0"),
      ("p03-oomkilled", "0/1", "OOMKilled", "0"),
      ("p04-crashloop", "0/1", "CrashLoopBackOff", "5 (90s ago)"),
      ("p05-imagepullbackoff", "0/1", "ImagePullBackOff", "0"),
      ("p06-errimagepull", "0/1", "ErrImagePull", "0"),
      ("p07-configerror", "0/1", "CreateContainerConfigError", "0"),
      ("p08-creating", "0/1", "ContainerCreating", "0"),
      ("p09-unschedulable", "0/1", "Pending", "0"),
      ("p10-gated", "0/1", "SchedulingGated", "0"),
      ("p11-exitcode-no-reason", "0/1", "ExitCode:2", "0"),
      ("p12-two-containers", "0/2", "ImagePullBackOff", "3 (60s ago)"),
      ("p13-running", "1/1", "Running", "0"),
    ]
    for (name, ready, status, restarts) in expected {
      let pod = try #require(pods[name], "pod \(name) in the case")
      let printed = pod.printedStatus(now: now)
      #expect(printed.ready == ready, "\(name)")
      #expect(printed.status == status, "\(name)")
      #expect(printed.restarts == restarts, "\(name)")
    }
  }

  @Test func failureDetailsCarryTheCause() throws {
    let pods = try pods("36-pod-container-reasons")
    let crash = try #require(pods["p04-crashloop"]?.failureDetail)
    #expect(crash.contains("OOMKilled") && crash.contains("137"), "\(crash)")
    let config = try #require(pods["p07-configerror"]?.failureDetail)
    #expect(config.lowercased().contains("secret"), "\(config)")
    let pending = try #require(pods["p09-unschedulable"]?.failureDetail)
    #expect(pending.hasPrefix("Unschedulable: 0/5 nodes"), "\(pending)")
    #expect(pods["p13-running"]?.failureDetail == nil)
    #expect(pods["p01-completed"]?.failureDetail == nil)
  }

  @Test func sidecarPods() throws {
    let now = try now("2025-06-10T12:00:00Z")
    let pods = try pods("38-pod-sidecar-keeps-job-running")
    let expected: [(String, String, String, String)] = [
      ("pg-backup-29159100-q4t7n", "1/2", "NotReady", "0"),
      ("pg-backup-native-q9z1x", "2/2", "Running", "1 (59m ago)"),
      ("pg-backup-native-done-h2m5c", "0/2", "Completed", "0"),
    ]
    for (name, ready, status, restarts) in expected {
      let printed = try #require(pods[name], "pod \(name)").printedStatus(now: now)
      #expect(
        [printed.ready, printed.status, printed.restarts] == [ready, status, restarts], "\(name)")
    }
    let job = try #require(try jobs("38-pod-sidecar-keeps-job-running")["pg-backup-29159100"])
    #expect(job.printedColumns(now: now)[1...3] == ["Running", "0/1", "59m"])
  }

  @Test func jobPrinterVariants() throws {
    let now = try now("2025-06-10T10:00:00Z")
    let jobs = try jobs("35-job-printer-variants")
    let expected: [[String]] = [
      ["queue-workers", "Running", "0/1 of 3", "59m", "60m"],
      ["single-worker", "Running", "0/1", "59m", "60m"],
      ["queued-training", "Suspended", "0/4", "", "30m"],
      ["resumed-training", "Running", "0/4", "15m", "120m"],
      ["being-deleted", "Terminating", "0/1", "49m", "50m"],
      ["done-and-deleted", "Complete", "1/1", "2m30s", "50m"],
    ]
    for row in expected {
      let job = try #require(jobs[row[0]], "job \(row[0])")
      #expect(job.printedColumns(now: now) == row)
    }
  }

  @Test func backoffLimitExceededAndOnFailureRestarts() throws {
    let failed = try #require(try jobs("29-job-backoff-limit-exceeded").values.first)
    #expect(
      failed.printedColumns(now: try now("2025-06-10T12:00:00Z"))[1...4]
        == ["Failed", "1/4", "47m", "47m"])
    let pods = try pods("30-job-onfailure-restart-count")
    let pod = try #require(pods.values.first)
    let printed = pod.printedStatus(now: try now("2025-06-10T11:52:30Z"))
    #expect(
      [printed.ready, printed.status, printed.restarts] == [
        "0/1", "CrashLoopBackOff", "2 (32s ago)",
      ])
  }
}

/// Retries and index sets of the real-world Job cases.
@Suite(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
struct RealWorldJobProgressTests {
  let cases = RealWorldPrinterTests()

  @Test func onFailureRetriesAreContainerRestarts() throws {
    let job = try #require(try cases.jobs("30-job-onfailure-restart-count").values.first)
    let pods = Array(try cases.pods("30-job-onfailure-restart-count").values)
    let progress = JobProgress.assess(
      job, pods: pods, typicalDuration: nil, now: try cases.now("2025-06-10T11:52:30Z"))
    #expect(progress.retriesUsed == 3)
    #expect(progress.backoffLimit == 3)
    #expect(progress.countsRestarts)
  }

  @Test func indexedPerIndexBackoff() throws {
    let job = try #require(try cases.jobs("32-indexed-job-per-index-backoff").values.first)
    let pods = Array(try cases.pods("32-indexed-job-per-index-backoff").values)
    let progress = JobProgress.assess(
      job, pods: pods, typicalDuration: nil, now: try cases.now("2025-06-10T09:30:00Z"))
    let indexes = try #require(progress.indexes)
    #expect(indexes.done == "0-2,4,6")
    #expect(indexes.failed == "3")
    #expect(IndexRanges.parse(indexes.done).count == job.succeeded)
    #expect(
      job.printedColumns(now: try cases.now("2025-06-10T09:30:00Z"))[1...3] == [
        "Running", "5/8", "29m",
      ])
  }
}
