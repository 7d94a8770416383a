import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct DiagnosisTests {
  let now = Date(timeIntervalSince1970: 1_800_003_600)  // 2027-01-15T09:00:00Z

  func cronJob(
    _ schedule: String = "*/10 * * * *", zone: String? = nil, lastRun: Double? = 600,
    active: [String] = [], policy: String = "Allow"
  ) -> CronJob {
    CronJob(
      metadata: ObjectMeta(
        namespace: "ops", name: "sweep", uid: "cj", creationTimestamp: now - 86_400),
      schedule: schedule, timeZone: zone, concurrencyPolicy: policy,
      active: active.map { OwnerReference(kind: "Job", name: $0, uid: "uid-\($0)") },
      lastScheduleTime: lastRun.map { now - $0 })
  }

  func codes(_ diagnosis: CronJobDiagnosis) -> [String] { diagnosis.findings.map(\.code) }

  @Test func invalidScheduleAndZoneAreCritical() {
    let schedule = Diagnosis.diagnose(cronJob("*/5 * * *"), in: ClusterSnapshot(), now: now)
    #expect(codes(schedule) == ["invalid-schedule"])
    #expect(schedule.findings[0].evidence[0].contains("expected exactly 5 fields"))
    let zone = Diagnosis.diagnose(cronJob(zone: "Europe/Atlantis"), in: ClusterSnapshot(), now: now)
    #expect(codes(zone) == ["invalid-time-zone"])
    let never = Diagnosis.diagnose(cronJob("0 0 30 2 *"), in: ClusterSnapshot(), now: now)
    #expect(codes(never).first == "schedule-never-fires")
  }

  @Test func suspendedSaysHowToResume() throws {
    var suspended = cronJob(lastRun: 7200)
    suspended.suspend = true
    let diagnosis = Diagnosis.diagnose(suspended, in: ClusterSnapshot(), now: now)
    #expect(codes(diagnosis) == ["suspended"], "no late or missed finding while suspended")
    #expect(try #require(diagnosis.findings.first?.fix).contains(#""suspend":false"#))
  }

  @Test func blockedNamesTheStuckJobAndItsPod() throws {
    let owner = OwnerReference(kind: "CronJob", name: "sweep", uid: "cj")
    let job = Job(
      metadata: ObjectMeta(
        namespace: "ops", name: "sweep-stuck", uid: "uid-sweep-stuck", controller: owner),
      startTime: now - 3000, active: 1)
    let pod = Pod(
      metadata: ObjectMeta(
        namespace: "ops", name: "sweep-stuck-abcde", uid: "p",
        controller: OwnerReference(kind: "Job", name: "sweep-stuck", uid: "uid-sweep-stuck")),
      containers: [ContainerSpec(name: "main", image: "nowhere/image:1")],
      containerStatuses: [
        ContainerStatus(name: "main", state: .waiting(reason: "ImagePullBackOff", message: "nope"))
      ])
    let diagnosis = Diagnosis.diagnose(
      cronJob(lastRun: 3000, active: ["sweep-stuck"], policy: "Forbid"),
      in: ClusterSnapshot(jobs: [job], pods: [pod]), now: now)
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "blocked-by-active-job")
    #expect(finding.severity == .critical)
    #expect(finding.evidence.contains { $0.contains("4 scheduled runs skipped") })
    #expect(finding.evidence.contains { $0.contains("sweep-stuck-abcde: ImagePullBackOff") })
    #expect(try #require(finding.fix).contains("cannot be pulled"))
  }

  @Test func activeReferenceToALostJob() {
    let diagnosis = Diagnosis.diagnose(
      cronJob(active: ["gone"]), in: ClusterSnapshot(), now: now)
    #expect(codes(diagnosis).contains("active-job-missing"))
  }

  @Test func failedRunQuotesContainerAndLog() throws {
    let owner = OwnerReference(kind: "CronJob", name: "sweep", uid: "cj")
    let job = Job(
      metadata: ObjectMeta(namespace: "ops", name: "sweep-29999990", uid: "j", controller: owner),
      backoffLimit: 1,
      conditions: [
        Condition(
          type: "Failed", status: "True", reason: "BackoffLimitExceeded",
          message: "Job has reached the specified backoff limit", lastTransitionTime: now - 60)
      ], startTime: now - 300, failed: 2)
    let pod = Pod(
      metadata: ObjectMeta(
        namespace: "ops", name: "sweep-29999990-x1", uid: "p",
        controller: OwnerReference(kind: "Job", name: "sweep-29999990", uid: "j")),
      containers: [ContainerSpec(name: "main", image: "x")], phase: "Failed",
      containerStatuses: [
        ContainerStatus(
          name: "main", state: .terminated(Termination(exitCode: 137, reason: "OOMKilled")))
      ])
    let diagnosis = Diagnosis.diagnose(
      cronJob(), in: ClusterSnapshot(jobs: [job], pods: [pod]), now: now,
      logs: ["sweep-29999990-x1": ["loading 4GB index", "allocating"]])
    let finding = try #require(diagnosis.findings.first { $0.code == "last-run-failed" })
    #expect(finding.summary.contains("BackoffLimitExceeded"))
    #expect(finding.evidence.contains("pod sweep-29999990-x1: main: OOMKilled, exit 137"))
    #expect(finding.evidence.contains("  │ allocating"))
    #expect(try #require(finding.fix).contains("memory limit"))
  }

  @Test func controllerWarningEventsAreCounted() throws {
    let event = Event(
      metadata: ObjectMeta(namespace: "ops", name: "sweep.1", uid: "e"),
      involvedObject: OwnerReference(kind: "CronJob", name: "sweep", uid: "cj"),
      reason: "FailedCreate", message: "Error creating job: exceeded quota", type: "Warning",
      count: 7, lastTimestamp: now - 120)
    let diagnosis = Diagnosis.diagnose(cronJob(), in: ClusterSnapshot(events: [event]), now: now)
    let finding = try #require(diagnosis.findings.first { $0.code == "event-FailedCreate" })
    #expect(finding.severity == .critical)
    #expect(finding.evidence == ["7 events, last 2m ago"])
  }

  @Test func daylightSavingSkipAndDouble() throws {
    let march = try #require(ISO8601DateFormatter().date(from: "2027-03-01T00:00:00Z"))
    let spring = Diagnosis.diagnose(
      cronJob("30 2 * * *", zone: "America/New_York", lastRun: nil), in: ClusterSnapshot(),
      now: march)
    let skip = try #require(spring.findings.first { $0.code == "daylight-saving-skip" })
    #expect(skip.summary.contains("2027-03-14"), "\(skip.summary)")
    #expect(skip.summary.contains("02:30"))
    let fall = Diagnosis.diagnose(
      cronJob("30 1 * * *", zone: "America/New_York", lastRun: nil), in: ClusterSnapshot(),
      now: march)
    let double = try #require(fall.findings.first { $0.code == "daylight-saving-double" })
    #expect(double.summary.contains("2027-11-07"), "\(double.summary)")
    let utc = Diagnosis.diagnose(
      cronJob("30 1 * * *", lastRun: nil), in: ClusterSnapshot(), now: march)
    #expect(!codes(utc).contains { $0.hasPrefix("daylight-saving") })
  }

  @Test func nextRunOnAnotherDayInUTC() throws {
    let diagnosis = Diagnosis.diagnose(
      cronJob("0 4 * * 1-5", zone: "Asia/Singapore", lastRun: nil), in: ClusterSnapshot(),
      now: now)
    let finding = try #require(diagnosis.findings.first { $0.code == "time-zone-other-day" })
    #expect(finding.evidence[0].hasSuffix("UTC"))
  }
}
