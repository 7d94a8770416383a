import APIMachinery
import BatchdeckModel
import Foundation
import Logging

/// The CronJob controller v2 (KUBERNETES.md 5): creates at most one Job per sync for the most
/// recent due time, honours suspend, concurrencyPolicy, startingDeadlineSeconds and timeZone,
/// keeps `status.active`/`lastScheduleTime`/`lastSuccessfulTime` and trims history.
final class CronJobController: @unchecked Sendable {
  static let scheduledAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"

  let store: ObjectStore
  let events: EventRecorder
  let logger: Logger
  let times = ScheduleCache()
  /// Due times skipped under Forbid, per CronJob UID, so each is reported once.
  var skipped: [String: Date] = [:]
  /// Warnings already given (CronJob UID, reason, detail): the real controller reports them
  /// when it syncs after a change, not on every tick of the simulator.
  var warned: Set<String> = []

  init(store: ObjectStore, events: EventRecorder, logger: Logger) {
    self.store = store
    self.events = events
    self.logger = logger
  }

  func sync(now: Date) {
    for cronJob in store.list(.cronjobs).items {
      syncCronJob(cronJob, now: now)
    }
  }

  private func syncCronJob(_ cronJob: JSONValue, now: Date) {
    let jobs = store.list(.jobs, namespace: cronJob.namespace).items.filter {
      $0.controllerRef?.string("kind") == "CronJob"
        && $0.controllerRef?.string("name") == cronJob.name
    }
    var status = cronJob["status"]?.objectValue ?? [:]
    var active = status["active"]?.arrayValue ?? []
    cleanupHistory(cronJob, jobs: jobs, now: now)

    for job in jobs {
      let finished = JobController.finishedCondition(job)
      let inActive = active.contains { $0.string("uid") == job.uid }
      if finished == nil, !inActive {
        warnOnce(
          cronJob, "UnexpectedJob",
          "Saw a job that the controller did not create or forgot: \(job.name)", now,
          detail: job.uid)
      }
      if let finished, inActive {
        active.removeAll { $0.string("uid") == job.uid }
        let type = finished.string("type") ?? ""
        record(
          cronJob, "SawCompletedJob", "Saw completed job: \(job.name), condition: \(type)", now)
      }
      if finished?.string("type") == "Complete", let done = job.time("status", "completionTime"),
        (status["lastSuccessfulTime"]?.stringValue.flatMap(RFC3339.parse)).map({ done > $0 })
          ?? true
      {
        status["lastSuccessfulTime"] = done.rfc3339
      }
    }
    let uids = Set(jobs.map(\.uid))
    for entry in active where !uids.contains(entry.string("uid") ?? "") {
      active.removeAll { $0 == entry }
      record(cronJob, "MissingJob", "Active job went missing: \(entry.string("name") ?? "")", now)
    }

    defer {
      status["active"] = active.isEmpty ? nil : .array(active)
      store.mutate(.cronjobs, cronJob.namespace, cronJob.name) { $0["status"] = .object(status) }
    }
    guard !cronJob.isDeleting, cronJob.bool("spec", "suspend") != true else { return }
    let zoneName = cronJob.string("spec", "timeZone")
    guard let zone = zoneName.map({ TimeZone(identifier: $0) }) ?? TimeZone(identifier: "UTC")
    else {
      let name = zoneName ?? ""
      record(
        cronJob, "UnknownTimeZone", "invalid timeZone: \"\(name)\": unknown time zone", now,
        warning: true)
      return
    }
    let expression = cronJob.string("spec", "schedule") ?? ""
    if expression.contains("TZ") {
      warnOnce(
        cronJob, "UnsupportedSchedule",
        "CRON_TZ or TZ used in schedule \"\(expression)\" is not officially supported, see "
          + "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details",
        now, detail: expression)
    }
    guard let schedule = times.schedule(expression) else {
      let reason: String
      do {
        _ = try CronSchedule.parse(expression)
        reason = "unknown error"
      } catch {
        reason = error.message
      }
      warnOnce(
        cronJob, "UnparseableSchedule", "unparseable schedule: \"\(expression)\" : \(reason)",
        now, detail: expression)
      return
    }

    let last = status["lastScheduleTime"]?.stringValue.flatMap(RFC3339.parse)
    var earliest = last ?? cronJob.time("metadata", "creationTimestamp") ?? now
    if let deadline = cronJob.int("spec", "startingDeadlineSeconds") {
      earliest = max(earliest, now.addingTimeInterval(-Double(deadline)))
    }
    guard times.next(schedule, zone: zone, after: earliest) != nil else {
      warnOnce(
        cronJob, "InvalidSchedule",
        "invalid schedule: \(expression) : time difference between two schedules is less than "
          + "1 second", now, detail: expression)
      return
    }
    guard let due = times.mostRecent(schedule, zone: zone, earliest: earliest, now: now) else {
      return
    }
    if due.missed > 100 {
      record(
        cronJob, "TooManyMissedTimes",
        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check "
          + "clock skew", now, warning: true)
    }
    let scheduled = due.time
    let jobName = "\(cronJob.name)-\(Int64(scheduled.timeIntervalSince1970) / 60)"
    if active.contains(where: { $0.string("name") == jobName }) || last == scheduled { return }
    let policy = cronJob.string("spec", "concurrencyPolicy") ?? "Allow"
    if policy == "Forbid", !active.isEmpty {
      if skipped[cronJob.uid] != scheduled {
        skipped[cronJob.uid] = scheduled
        record(
          cronJob, "JobAlreadyActive",
          "Not starting job because prior execution is running and concurrency policy is Forbid",
          now)
      }
      return
    }
    if policy == "Replace" {
      for entry in active {
        let name = entry.string("name") ?? ""
        if (try? store.delete(.jobs, cronJob.namespace, name, propagation: .background)) != nil {
          record(cronJob, "SuccessfulDelete", "Deleted job \(name)", now)
        }
      }
      active.removeAll()
    }
    guard let job = createJob(cronJob, name: jobName, scheduled: scheduled, zone: zone, now: now)
    else { return }
    active.append([
      "kind": "Job", "namespace": .string(job.namespace), "name": .string(job.name),
      "uid": .string(job.uid), "apiVersion": "batch/v1",
      "resourceVersion": .string(job.string("metadata", "resourceVersion") ?? ""),
    ])
    status["lastScheduleTime"] = scheduled.rfc3339
  }

  private func createJob(
    _ cronJob: JSONValue, name: String, scheduled: Date, zone: TimeZone, now: Date
  ) -> JSONValue? {
    let template = cronJob[path: ["spec", "jobTemplate"]] ?? [:]
    var annotations = template[path: ["metadata", "annotations"]]?.objectValue ?? [:]
    annotations[Self.scheduledAnnotation] = .string(Self.zonedTimestamp(scheduled, zone: zone))
    var metadata: JSONValue = [
      "name": .string(name), "namespace": .string(cronJob.namespace),
      "annotations": .object(annotations), "ownerReferences": [cronJob.ownerReference()],
    ]
    if let labels = template[path: ["metadata", "labels"]] { metadata["labels"] = labels }
    var job: JSONValue = [
      "apiVersion": "batch/v1", "kind": "Job", "metadata": metadata,
      "spec": template["spec"] ?? [:],
    ]
    do {
      job[path: ["metadata", "uid"]] = .string(store.makeUID())
      APIDefaults.defaultJob(&job)
      let created = try store.create(.jobs, job)
      record(cronJob, "SuccessfulCreate", "Created job \(created.name)", now)
      return created
    } catch {
      if error.code == 409, let existing = store.get(.jobs, cronJob.namespace, name),
        existing.controllerRef?.string("uid") == cronJob.uid
      {
        return existing
      }
      record(cronJob, "FailedCreate", "Error creating job: \(error.message)", now, warning: true)
      return nil
    }
  }

  private func cleanupHistory(_ cronJob: JSONValue, jobs: [JSONValue], now: Date) {
    let groups: [(String, Int64)] = [
      ("Complete", cronJob.int("spec", "successfulJobsHistoryLimit") ?? 3),
      ("Failed", cronJob.int("spec", "failedJobsHistoryLimit") ?? 1),
    ]
    for (type, limit) in groups {
      let finished = jobs.filter {
        JobController.finishedCondition($0)?.string("type") == type && !$0.isDeleting
      }
      guard finished.count > Int(limit) else { continue }
      let ordered = finished.sorted { lhs, rhs in
        let left = lhs.time("status", "startTime") ?? .distantFuture
        let right = rhs.time("status", "startTime") ?? .distantFuture
        return left == right ? lhs.name < rhs.name : left < right
      }
      for job in ordered.prefix(finished.count - Int(limit)) {
        if (try? store.delete(.jobs, job.namespace, job.name, propagation: .background)) != nil {
          record(cronJob, "SuccessfulDelete", "Deleted job \(job.name)", now)
        }
      }
    }
  }

  /// A Warning event given once per CronJob, reason and `detail`.
  private func warnOnce(
    _ cronJob: JSONValue, _ reason: String, _ message: String, _ now: Date, detail: String
  ) {
    guard warned.insert("\(cronJob.uid)|\(reason)|\(detail)").inserted else { return }
    record(cronJob, reason, message, now, warning: true)
  }

  private func record(
    _ cronJob: JSONValue, _ reason: String, _ message: String, _ now: Date, warning: Bool = false
  ) {
    events.record(
      cronJob, type: warning ? "Warning" : "Normal", reason: reason, message: message,
      component: "cronjob-controller", now: now)
  }

  /// RFC 3339 in the CronJob's zone, e.g. `2024-01-01T01:05:00+01:00`.
  static func zonedTimestamp(_ date: Date, zone: TimeZone) -> String {
    let offset = zone.secondsFromGMT(for: date)
    guard offset != 0 else { return RFC3339.format(date) }
    let local = RFC3339.format(date.addingTimeInterval(Double(offset))).dropLast()
    let sign = offset >= 0 ? "+" : "-"
    let hours = String(abs(offset) / 3600).leftPadded(2)
    let minutes = String(abs(offset) % 3600 / 60).leftPadded(2)
    return "\(local)\(sign)\(hours):\(minutes)"
  }
}
