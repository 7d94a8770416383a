import Foundation

extension Describe {
  /// `kubectl describe cronjob`: the CronJob, its Jobs (for `Active Jobs`) and its events.
  public static func cronJob(
    _ cronJob: CronJob, events: [Event], now: Date, zone: TimeZone = .gmt
  ) -> [String] {
    var writer = DescribeWriter()
    let meta = cronJob.metadata
    writer.write(0, "Name:\t\(meta.name)")
    writer.write(0, "Namespace:\t\(meta.namespace)")
    labels("Labels", meta.labels, level: 0, into: &writer)
    annotations(meta.annotations, level: 0, into: &writer)
    writer.write(0, "Schedule:\t\(cronJob.schedule)")
    writer.write(0, "Concurrency Policy:\t\(cronJob.concurrencyPolicy)")
    writer.write(0, "Suspend:\t\(boolPointer(cronJob.suspend))")
    if let zone = cronJob.timeZone { writer.write(0, "Time Zone:\t\(zone)") }
    writer.write(0, "Successful Job History Limit:\t\(cronJob.successfulJobsHistoryLimit)")
    writer.write(0, "Failed Job History Limit:\t\(cronJob.failedJobsHistoryLimit)")
    writer.write(
      0,
      "Starting Deadline Seconds:\t\(cronJob.startingDeadlineSeconds.map { "\($0)s" } ?? "<unset>")"
    )
    writer.write(0, "Selector:\t\(unset(cronJob.templateSelector))")
    writer.write(0, "Parallelism:\t\(unset(cronJob.templateParallelism))")
    writer.write(0, "Completions:\t\(unset(cronJob.templateCompletions))")
    if let deadline = cronJob.templateActiveDeadlineSeconds {
      writer.write(0, "Active Deadline Seconds:\t\(deadline)s")
    }
    writer.write(0, "Pod Template:")
    podTemplate(
      labels: cronJob.podTemplateLabels, containers: cronJob.containers,
      details: cronJob.podTemplate,
      zone: zone, into: &writer)
    writer.write(
      0,
      "Last Schedule Time:\t\(cronJob.lastScheduleTime.map { time($0, zone: zone) } ?? "<unset>")")
    let active = cronJob.active.map(\.name)
    writer.write(0, "Active Jobs:\t\(active.isEmpty ? "<none>" : active.joined(separator: ", "))")
    Self.events(Self.events(about: meta, kind: "CronJob", in: events), now: now, into: &writer)
    return writer.lines()
  }

  /// `kubectl describe job`: the Job and its events.
  public static func job(_ job: Job, events: [Event], now: Date, zone: TimeZone = .gmt)
    -> [String]
  {
    var writer = DescribeWriter()
    let meta = job.metadata
    writer.write(0, "Name:\t\(meta.name)")
    writer.write(0, "Namespace:\t\(meta.namespace)")
    if let uid = meta.labels["batch.kubernetes.io/controller-uid"] ?? nonEmpty(meta.uid) {
      writer.write(0, "Selector:\tbatch.kubernetes.io/controller-uid=\(uid)")
    }
    labels("Labels", meta.labels, level: 0, into: &writer)
    annotations(meta.annotations, level: 0, into: &writer)
    if let owner = meta.controller {
      writer.write(0, "Controlled By:\t\(owner.kind)/\(owner.name)")
    }
    writer.write(0, "Parallelism:\t\(job.parallelism)")
    writer.write(0, "Completions:\t\(unset(job.completions))")
    writer.write(0, "Completion Mode:\t\(job.completionMode)")
    writer.write(0, "Suspend:\t\(job.suspend)")
    writer.write(0, "Backoff Limit:\t\(job.backoffLimit)")
    if let ttl = job.ttlSecondsAfterFinished {
      writer.write(0, "TTL Seconds After Finished:\t\(ttl)")
    }
    if let start = job.startTime { writer.write(0, "Start Time:\t\(time(start, zone: zone))") }
    if let end = job.completionTime {
      writer.write(0, "Completed At:\t\(time(end, zone: zone))")
      if let start = job.startTime {
        writer.write(0, "Duration:\t\(HumanDuration.format(end.timeIntervalSince(start)))")
      }
    }
    if let deadline = job.activeDeadlineSeconds {
      writer.write(0, "Active Deadline Seconds:\t\(deadline)s")
    }
    writer.write(
      0,
      "Pods Statuses:\t\(job.active) Active (\(job.ready) Ready) / \(job.succeeded) Succeeded"
        + " / \(job.failed) Failed")
    if job.completionMode == "Indexed" {
      writer.write(0, "Completed Indexes:\t\(completedIndexes(job.completedIndexes))")
    }
    writer.write(0, "Pod Template:")
    podTemplate(
      labels: job.podTemplateLabels, containers: job.containers, details: job.podTemplate,
      zone: zone, into: &writer)
    Self.events(Self.events(about: meta, kind: "Job", in: events), now: now, into: &writer)
    return writer.lines()
  }

  /// `Completed Indexes`: `<none>`, or the list cut after the first comma at or after 50.
  static func completedIndexes(_ list: String) -> String {
    guard !list.isEmpty else { return "<none>" }
    guard list.count > 50 else { return list }
    let tail = list.dropFirst(50)
    guard let comma = tail.firstIndex(of: ",") else { return list }
    return String(list[...comma]) + "..."
  }

  /// `printBoolPtr`: `True`, `False` or `<unset>`.
  static func boolPointer(_ value: Bool?) -> String {
    value.map { $0 ? "True" : "False" } ?? "<unset>"
  }

  static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
