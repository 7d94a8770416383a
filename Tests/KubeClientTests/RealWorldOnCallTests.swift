import APIMachinery
import BatchdeckModel
import Foundation
import KubeYAML
import Testing

@testable import KubeClient

/// History limits, ownership, TTL countdowns and sidecars on the real-world cases 26, 28, 34
/// and 38, at the "now" each case assumes.
@Suite(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
struct RealWorldOnCallTests {
  let printer = RealWorldPrinterTests()

  func snapshot(_ caseName: String) throws -> ClusterSnapshot {
    let objects = try printer.objects(caseName)
    let kind = { (name: String) in objects.filter { $0["kind"]?.stringValue == name } }
    return ClusterSnapshot(
      cronJobs: kind("CronJob").map(CronJob.init(wire:)), jobs: kind("Job").map(Job.init(wire:)),
      pods: kind("Pod").map(Pod.init(wire:)))
  }

  @Test func historyLimitsKeepTheNewestAndIgnoreTheUnowned() throws {
    let now = try printer.now("2025-06-10T08:00:00Z")
    let snapshot = try snapshot("26-history-limits-defaults")
    let curator = try #require(snapshot.cronJobs.first)
    let owned = snapshot.jobs(of: curator)
    #expect(!owned.contains { $0.metadata.name == "curator-adhoc-reindex" })
    let cleanup = HistoryCleanup.assess(curator, jobs: owned)
    #expect(cleanup.keptSuccessful == ["curator-29158560", "curator-29157120", "curator-29155680"])
    #expect(cleanup.keptFailed == ["curator-29136960"])
    #expect(cleanup.pendingDeletion == ["curator-29152800", "curator-29154240"])
    #expect(cleanup.summary == "history: 3/3 successful, 1/1 failed (2 pending cleanup)")

    let failed = try #require(owned.first { $0.metadata.name == "curator-29136960" })
    let columns = failed.printedColumns(now: now)
    #expect(columns[1...2] == ["Failed", "0/1"])
    #expect(columns[3] == "15d", "no completionTime: DURATION keeps growing")

    let diagnosis = Diagnosis.diagnose(curator, in: snapshot, now: now)
    #expect(diagnosis.health.state == .ok)
    #expect(!diagnosis.findings.contains { $0.severity == .critical })
    let codes = diagnosis.findings.map(\.code)
    #expect(codes.contains("history-pending-cleanup"))
    let kept = try #require(diagnosis.findings.first { $0.code == "history-failed-kept" })
    #expect(kept.summary.contains("curator-29136960 (15d old)"))
    let lookalikes = try #require(diagnosis.findings.first { $0.code == "lookalike-jobs" })
    #expect(lookalikes.evidence == ["job curator-adhoc-reindex has no owner reference"])
  }

  @Test func jobsOwnedByUIDIncludingTheManualRun() throws {
    let now = try printer.now("2025-06-13T00:10:00Z")
    let snapshot = try snapshot("28-jobs-owned-by-cronjob-manual-trigger")
    let backup = try #require(snapshot.cronJobs.first { $0.metadata.name == "backup" })
    let owned = snapshot.jobs(of: backup)
    #expect(
      Set(owned.map(\.metadata.name)) == [
        "backup-29162880", "backup-manual-7xk2p", "backup-29161440", "backup-29160000",
      ])
    let durations = Dictionary(
      uniqueKeysWithValues: owned.map { ($0.metadata.name, $0.printedColumns(now: now)[3]) })
    #expect(durations["backup-29162880"] == "9m59s")
    #expect(durations["backup-29161440"] == "20m")
    #expect(durations["backup-29160000"] == "19m")
    #expect(backup.printedColumns(now: now)[4] == "1", "ACTIVE leaves the manual run out")
    let scheduled = Dictionary(
      uniqueKeysWithValues: owned.map { ($0.metadata.name, RunRecord(job: $0).scheduledTime) })
    #expect(scheduled["backup-29160000"] == RFC3339.parse("2025-06-11T00:00:00Z"))
    #expect(scheduled["backup-manual-7xk2p"] == .some(nil))

    let diagnosis = Diagnosis.diagnose(backup, in: snapshot, now: now)
    #expect(diagnosis.health.state == .running)
    #expect(diagnosis.findings.first?.code == "running")
    let unexpected = try #require(diagnosis.findings.first { $0.code == "unexpected-job" })
    #expect(
      unexpected.evidence.contains {
        $0.contains("Saw a job that the controller did not create or forgot: backup-manual-7xk2p")
      })
    let lookalikes = try #require(diagnosis.findings.first { $0.code == "lookalike-jobs" })
    #expect(lookalikes.evidence.count == 2)
    #expect(lookalikes.evidence.contains("job backup-restore-drill has no owner reference"))
    #expect(
      lookalikes.evidence.contains { $0.hasPrefix("job backup-29158560 belongs to an earlier") })
  }

  @Test func ttlCountdownFromTheFinishCondition() throws {
    let now = try printer.now("2025-06-10T08:01:00Z")
    let jobs = try printer.jobs("34-job-ttl-after-finished")
    let expected = [
      "pi-with-ttl": ("auto-delete in 2m20s", "19s"),
      "failed-with-ttl": ("auto-delete in 10m", "20m"),
      "clock-skewed": ("finished in the future (clock skew?) — deletion deferred", "3m29s"),
    ]
    for (name, (countdown, duration)) in expected {
      let job = try #require(jobs[name], "\(name)")
      #expect(job.ttlCountdown(now: now)?.text == countdown, "\(name)")
      #expect(job.printedColumns(now: now)[3] == duration, "\(name)")
    }
    let pi = try #require(jobs["pi-with-ttl"])
    #expect(
      pi.ttlCountdown(now: now) == .deletesIn(140, at: try printer.now("2025-06-10T08:03:20Z")))
    let skewed = try #require(jobs["clock-skewed"])
    let finding = try #require(
      Diagnosis.diagnose(job: skewed, in: ClusterSnapshot(jobs: [skewed]), now: now).findings.first)
    #expect(finding.code == "ttl-deferred")
  }

  @Test func aRegularSidecarKeepsTheJobRunning() throws {
    let now = try printer.now("2025-06-10T12:00:00Z")
    let snapshot = try snapshot("38-pod-sidecar-keeps-job-running")
    let job = try #require(snapshot.jobs.first { $0.metadata.name == "pg-backup-29159100" })
    #expect(snapshot.pods(of: job).map(\.metadata.name) == ["pg-backup-29159100-q4t7n"])
    let diagnosis = Diagnosis.diagnose(job: job, in: snapshot, now: now)
    #expect(diagnosis.status == "Running")
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "sidecar-keeps-job-running")
    #expect(
      finding.summary.hasPrefix(
        "Main container backup finished 2025-06-10T11:06:40Z (exit 0) but sidecar istio-proxy "
          + "is still running"))
    #expect(finding.evidence.contains("pod pg-backup-29159100-q4t7n: NotReady 1/2"))
    let pods = try printer.pods("38-pod-sidecar-keeps-job-running")
    #expect(pods["pg-backup-native-done-h2m5c"]?.failureDetail == nil, "exit 143 at shutdown")
  }
}
