import APIMachinery
import BatchdeckModel
import Foundation
import KubeYAML
import Testing

@testable import KubeClient

/// The CronJob state word and its numbers for the real-world diagnosis cases.
@Suite(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
struct RealWorldHealthTests {
  func load(_ caseName: String) throws -> (cronJobs: [CronJob], jobs: [Job]) {
    let folder = SharedFixtures.root.appendingPathComponent("fixtures/realworld/cases/\(caseName)")
    let file = ["input.yaml", "input.json"].map { folder.appendingPathComponent($0).path }
      .first { FileManager.default.fileExists(atPath: $0) }
    let documents = try YAMLParser().parse(contentsOf: try #require(file)).map(\.value)
    let objects = documents.flatMap { $0["items"]?.arrayValue ?? [$0] }
    return (
      objects.filter { $0["kind"]?.stringValue == "CronJob" }.map(CronJob.init(wire:)),
      objects.filter { $0["kind"]?.stringValue == "Job" }.map(Job.init(wire:))
    )
  }

  func health(_ caseName: String, now: String) throws -> CronJobHealth {
    let (cronJobs, jobs) = try load(caseName)
    let cronJob = try #require(cronJobs.first)
    let snapshot = ClusterSnapshot(cronJobs: cronJobs, jobs: jobs)
    return CronJobHealth.assess(
      cronJob, jobs: snapshot.jobs(of: cronJob), now: try #require(RFC3339.parse(now)))
  }

  @Test func forbidBlockedByAStuckJob() throws {
    let health = try health("24-forbid-blocked-by-stuck-job", now: "2025-06-10T08:05:00Z")
    #expect(health.state == .blocked)
    #expect(health.missedRuns == 426)
    #expect(health.reason.contains("cache-warmer-29154780"))
    #expect(health.nextRun == RFC3339.parse("2025-06-10T08:10:00Z"))
  }

  @Test func tooManyMissedStartTimes() throws {
    let health = try health("21-too-many-missed-start-times", now: "2025-06-10T08:03:20Z")
    #expect(health.state == .missed)
    #expect(health.missedRuns == 168)
    #expect(health.reason.contains("TooManyMissedTimes"))
  }

  @Test func startingDeadlineTooShort() throws {
    let health = try health("22-starting-deadline-too-short", now: "2025-02-26T09:00:00Z")
    #expect(health.state == .missed)
    #expect(health.missedRuns == 2)
    #expect(health.reason.contains("startingDeadlineSeconds=10s"))
    #expect(health.nextRun == RFC3339.parse("2025-02-27T00:01:00Z"))
  }

  @Test func neverScheduledIsNotLate() throws {
    let health = try health("27-never-scheduled-null-status", now: "2025-06-10T09:00:00Z")
    #expect(health.state == .ok)
    #expect(health.missedRuns == 0)
    #expect(health.nextRun == RFC3339.parse("2025-06-11T02:30:00Z"))
  }

  @Test func onlyJobsOwnedByThisCronJobsUIDAreItsRuns() throws {
    let (cronJobs, jobs) = try load("28-jobs-owned-by-cronjob-manual-trigger")
    let cronJob = try #require(cronJobs.first { $0.metadata.name == "backup" })
    let owned = ClusterSnapshot(cronJobs: cronJobs, jobs: jobs).jobs(of: cronJob)
    let names = Set(owned.map(\.metadata.name))
    #expect(names.isSuperset(of: ["backup-29162880", "backup-manual-7xk2p", "backup-29161440"]))
    let runs = owned.map(RunRecord.init(job:))
    #expect(runs.first { $0.jobName == "backup-manual-7xk2p" }?.isManual == true)
    #expect(
      runs.first { $0.jobName == "backup-29162880" }?.scheduledTime
        == RFC3339.parse("2025-06-13T00:00:00Z"))
  }
}

/// Diagnoses of the real-world CronJob cases name the cause with the right numbers.
@Suite(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
struct RealWorldDiagnosisTests {
  func diagnose(_ caseName: String, now: String) throws -> CronJobDiagnosis {
    let loaded = try RealWorldHealthTests().load(caseName)
    let cronJob = try #require(loaded.cronJobs.first)
    let pods = try RealWorldPrinterTests().pods(caseName).values.sorted {
      $0.metadata.name < $1.metadata.name
    }
    return Diagnosis.diagnose(
      cronJob, in: ClusterSnapshot(cronJobs: loaded.cronJobs, jobs: loaded.jobs, pods: pods),
      now: try #require(RFC3339.parse(now)))
  }

  @Test func forbidBlockedByImagePull() throws {
    let diagnosis = try diagnose("24-forbid-blocked-by-stuck-job", now: "2025-06-10T08:05:00Z")
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "blocked-by-active-job")
    #expect(finding.summary.contains("cache-warmer-29154780"))
    #expect(finding.evidence.contains { $0.contains("426 scheduled runs skipped") })
    #expect(finding.evidence.contains { $0.contains("ImagePullBackOff") })
    #expect(finding.evidence.contains { $0.contains("2025-06-10T08:10Z") })
  }

  @Test func deadlineSkipsAreCountedAndListed() throws {
    let diagnosis = try diagnose("22-starting-deadline-too-short", now: "2025-02-26T09:00:00Z")
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "missed-starting-deadline")
    #expect(finding.summary.hasPrefix("2 runs were skipped"))
    #expect(finding.evidence.contains { $0.contains("2025-02-25T00:01Z, 2025-02-26T00:01Z") })
  }

  @Test func tooManyMissed() throws {
    let diagnosis = try diagnose("21-too-many-missed-start-times", now: "2025-06-10T08:03:20Z")
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "too-many-missed")
    #expect(finding.summary.contains("168"))
  }
}
