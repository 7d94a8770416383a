import BatchdeckModel
import Foundation

/// A fixed cluster picture for screen tests: every value is written out, nothing is random.
enum DemoSnapshotFixture {
  static let now = Date(timeIntervalSince1970: 1_796_342_400)  // 2026-12-04T00:00:00Z

  static func meta(
    _ namespace: String, _ name: String, age: Double, owner: OwnerReference? = nil
  ) -> ObjectMeta {
    ObjectMeta(
      namespace: namespace, name: name, uid: "uid-\(name)", creationTimestamp: now - age,
      controller: owner)
  }

  static var snapshot: ClusterSnapshot {
    let cleanup = OwnerReference(kind: "CronJob", name: "log-cleanup", uid: "uid-log-cleanup")
    let cronJobs = [
      CronJob(
        metadata: meta("default", "log-cleanup", age: 7200), schedule: "* * * * *",
        suspend: false,
        active: [OwnerReference(kind: "Job", name: "log-cleanup-29939040", uid: "j")],
        lastScheduleTime: now - 20),
      CronJob(
        metadata: meta("ml-pipeline", "embedding-sync", age: 86400 * 3),
        schedule: "0 3 * * *", timeZone: "Europe/Berlin", suspend: true,
        concurrencyPolicy: "Forbid", lastScheduleTime: now - 75600),
    ]
    let jobOwner = OwnerReference(
      kind: "Job", name: "log-cleanup-29939040", uid: "uid-log-cleanup-29939040")
    let jobs = [
      Job(
        metadata: meta("default", "log-cleanup-29939040", age: 20, owner: cleanup),
        startTime: now - 20, active: 1),
      Job(
        metadata: meta("ml-pipeline", "batch-processor", age: 300), completions: 5,
        parallelism: 2, startTime: now - 300, active: 2, succeeded: 3),
      Job(
        metadata: meta("ml-pipeline", "nightly-fail", age: 900), backoffLimit: 2,
        conditions: [Condition(type: "Failed", status: "True", reason: "BackoffLimitExceeded")],
        startTime: now - 900, failed: 3),
    ]
    let pods = [
      Pod(
        metadata: meta("default", "log-cleanup-29939040-x7k2p", age: 20, owner: jobOwner),
        containers: [ContainerSpec(name: "cleanup", image: "busybox:1.36")], phase: "Running",
        containerStatuses: [
          ContainerStatus(
            name: "cleanup", ready: true, started: true, state: .running(startedAt: now - 15))
        ])
    ]
    let sources = Dictionary(
      uniqueKeysWithValues: ["cronjobs", "jobs", "pods", "events"].map {
        ($0, SourceStatus(lastSynced: now - 1))
      })
    return ClusterSnapshot(cronJobs: cronJobs, jobs: jobs, pods: pods, sources: sources)
  }

  static var logTail: LogTail {
    var tail = LogTail(
      namespace: "default", pod: "log-cleanup-29939040-x7k2p", container: "cleanup")
    tail.append([
      "Running log cleanup at Thu Dec  3 00:00:05 UTC 2026",
      "Removing logs older than 7 days...",
      "bad \u{1B}[31mescape\u{07} stays visible",
    ])
    return tail
  }
}
