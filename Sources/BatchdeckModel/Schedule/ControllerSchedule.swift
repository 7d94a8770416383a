import Foundation

/// A CronJob's schedule as the CronJob controller builds it from `spec.schedule` and
/// `spec.timeZone` (KUBERNETES.md 5.9): the zone becomes a `TZ=` prefix, an unset zone means the
/// controller's own zone, and a schedule that already mentions `TZ` is used as written (with a
/// warning, and `spec.timeZone` then has no effect on the evaluation).
public struct ControllerSchedule: Sendable, Hashable {
  /// The parsed effective schedule.
  public let schedule: CronSchedule
  /// The zone the wall clock is read in (the `TZ=` zone, else the controller's zone).
  public let zone: TimeZone
  /// `spec.timeZone` as given, or `nil` when unset.
  public let timeZoneName: String?
  /// Warnings to show beside the schedule (e.g. a `TZ=` prefix in `spec.schedule`).
  public let warnings: [String]

  /// Builds the controller's schedule; throws for an invalid zone (Kubernetes' validation
  /// message) or an unparsable schedule (the cron library's message, naming the field).
  public static func make(
    schedule: String, timeZone: String?, controllerZone: TimeZone = TimeZoneResolver.utc
  ) throws(CronError) -> ControllerSchedule {
    let zone = try TimeZoneResolver.resolve(timeZone, controllerZone: controllerZone)
    let parsed = try CronSchedule.parse(
      effectiveExpression(schedule: schedule, timeZone: timeZone))
    var warnings: [String] = []
    if schedule.contains("TZ"), let warning = parsed.timeZonePrefixWarning {
      warnings.append(warning)
      if timeZone != nil {
        warnings.append(
          "spec.timeZone is ignored because the schedule has its own TZ or CRON_TZ prefix")
      }
    }
    let effectiveZone = parsed.prefixZone ?? (schedule.contains("TZ") ? controllerZone : zone)
    return ControllerSchedule(
      schedule: parsed, zone: effectiveZone, timeZoneName: timeZone, warnings: warnings)
  }

  /// The string the controller hands to the cron parser (`formatSchedule`): the schedule as
  /// written when it contains `TZ`, `TZ=<timeZone> <schedule>` when a zone is set, otherwise the
  /// bare schedule.
  public static func effectiveExpression(schedule: String, timeZone: String?) -> String {
    if schedule.contains("TZ") { return schedule }
    guard let timeZone else { return schedule }
    return "TZ=\(timeZone) \(schedule)"
  }

  /// The first fire time strictly after `date`, `nil` for never.
  public func next(after date: Date) -> Date? {
    schedule.next(after: date, in: zone)
  }
}
