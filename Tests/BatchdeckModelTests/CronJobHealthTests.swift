import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct CronJobHealthTests {
  let now = Date(timeIntervalSince1970: 1_800_003_600)  // 2027-01-15T09:00:00Z

  func cronJob(
    _ schedule: String = "*/10 * * * *", zone: String? = nil, lastRun: Double? = 300,
    active: [String] = [], policy: String = "Allow", deadline: Int64? = nil
  ) -> CronJob {
    CronJob(
      metadata: ObjectMeta(
        namespace: "ops", name: "sweep", uid: "cj", creationTimestamp: now - 86_400),
      schedule: schedule, timeZone: zone, concurrencyPolicy: policy,
      startingDeadlineSeconds: deadline,
      active: active.map { OwnerReference(kind: "Job", name: $0, uid: $0) },
      lastScheduleTime: lastRun.map { now - $0 })
  }

  func run(_ name: String, minutesAgo: Double, took: Double, failed: String? = nil) -> Job {
    let start = now - minutesAgo * 60
    let owner = OwnerReference(kind: "CronJob", name: "sweep", uid: "cj")
    let condition =
      failed.map {
        Condition(type: "Failed", status: "True", reason: $0, lastTransitionTime: start + took)
      } ?? Condition(type: "Complete", status: "True", lastTransitionTime: start + took)
    return Job(
      metadata: ObjectMeta(namespace: "ops", name: name, uid: name, controller: owner),
      conditions: [condition], startTime: start,
      completionTime: failed == nil ? start + took : nil)
  }

  @Test func invalidScheduleAndZoneSayWhy() {
    let badField = CronJobHealth.assess(cronJob("61 * * * *"), jobs: [], now: now)
    #expect(badField.state == .invalid)
    #expect(badField.reason.contains("minute"))
    let badZone = CronJobHealth.assess(cronJob(zone: "Mars/Olympus"), jobs: [], now: now)
    #expect(badZone.state == .invalid)
    let never = CronJobHealth.assess(cronJob("0 0 31 2 *"), jobs: [], now: now)
    #expect(never.state == .invalid)
    #expect(never.nextRun == nil)
  }

  @Test func suspendedWins() {
    var suspended = cronJob(lastRun: 7200)
    suspended.suspend = true
    #expect(CronJobHealth.assess(suspended, jobs: [], now: now).state == .suspended)
  }

  @Test func lateWithinGraceIsNotLate() {
    let onTime = CronJobHealth.assess(cronJob(lastRun: 600), jobs: [], now: now + 30)
    #expect(onTime.state == .ok, "09:00 is due but only 30s ago")
    let late = CronJobHealth.assess(cronJob(lastRun: 1200), jobs: [], now: now)
    #expect(late.state == .late)
    #expect(late.missedRuns == 1)
  }

  @Test func deadlineTurnsLateIntoMissed() {
    let missed = CronJobHealth.assess(cronJob(lastRun: 1800, deadline: 30), jobs: [], now: now)
    #expect(missed.state == .missed)
    #expect(missed.missedRuns == 2)
    let stillPossible = CronJobHealth.assess(
      cronJob(lastRun: 1800, deadline: 3600), jobs: [], now: now)
    #expect(stillPossible.state == .late)
  }

  @Test func forbidWithAnActiveRunBlocks() {
    let blocked = CronJobHealth.assess(
      cronJob(lastRun: 3000, active: ["sweep-1"], policy: "Forbid"), jobs: [], now: now)
    #expect(blocked.state == .blocked)
    #expect(blocked.missedRuns == 4)
    let allowed = CronJobHealth.assess(
      cronJob(lastRun: 3000, active: ["sweep-1"]), jobs: [], now: now)
    #expect(allowed.state == .running)
  }

  @Test func historyFiguresAndFailureStreak() {
    let jobs = [
      run("sweep-a", minutesAgo: 40, took: 60),
      run("sweep-b", minutesAgo: 30, took: 120),
      run("sweep-c", minutesAgo: 20, took: 30, failed: "BackoffLimitExceeded"),
      run("sweep-d", minutesAgo: 10, took: 45, failed: "DeadlineExceeded"),
    ]
    let health = CronJobHealth.assess(cronJob(lastRun: 300), jobs: jobs, now: now)
    #expect(health.state == .failing)
    #expect(health.failureStreak == 2)
    #expect(health.reason.contains("DeadlineExceeded"))
    #expect(health.successRate == 0.5)
    #expect(health.typicalDuration == 120)
    #expect(health.runs.map(\.jobName) == ["sweep-d", "sweep-c", "sweep-b", "sweep-a"])
    #expect(health.lastSuccess == now - 30 * 60 + 120)
  }
}

@Suite struct RememberedRunTests {
  @Test func rememberedRunsCountInTheHistoryOnce() {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let owner = OwnerReference(kind: "CronJob", name: "c", uid: "cj")
    let liveJob = Job(
      metadata: ObjectMeta(namespace: "n", name: "c-2", uid: "j2", controller: owner),
      conditions: [Condition(type: "Complete", status: "True")], startTime: now - 100,
      completionTime: now - 50)
    var gone = RunRecord(
      job: Job(
        metadata: ObjectMeta(namespace: "n", name: "c-1", uid: "j1", controller: owner),
        conditions: [Condition(type: "Failed", status: "True", reason: "DeadlineExceeded")],
        startTime: now - 4000))
    gone.isRemembered = true
    var duplicate = RunRecord(job: liveJob)
    duplicate.isRemembered = true
    let cronJob = CronJob(
      metadata: ObjectMeta(namespace: "n", name: "c", uid: "cj"), schedule: "@hourly")
    var snapshot = ClusterSnapshot(cronJobs: [cronJob], jobs: [liveJob])
    snapshot.rememberedRuns = ["cj": [gone, duplicate]]
    let runs = snapshot.runs(of: cronJob)
    #expect(runs.map(\.jobName) == ["c-2", "c-1"])
    let health = CronJobHealth.assess(cronJob, runs: runs, now: now)
    #expect(health.successRate == 0.5)
  }
}
