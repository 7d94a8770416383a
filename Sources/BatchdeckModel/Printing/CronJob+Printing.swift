import Foundation

extension CronJob {
  /// The cells of `kubectl get cronjobs`: NAME, SCHEDULE, TIMEZONE, SUSPEND, ACTIVE,
  /// LAST SCHEDULE, AGE.
  public func printedColumns(now: Date) -> [String] {
    [
      metadata.name,
      schedule,
      timeZone ?? "<none>",
      suspend.map { $0 ? "True" : "False" } ?? "<unset>",
      String(active.count),
      lastScheduleTime.map { HumanDuration.format(now.timeIntervalSince($0)) } ?? "<none>",
      HumanDuration.age(of: metadata.creationTimestamp, now: now),
    ]
  }

  /// Whether the CronJob is suspended (`spec.suspend: true`).
  public var isSuspended: Bool { suspend == true }
}
