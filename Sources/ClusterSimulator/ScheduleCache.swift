import BatchdeckModel
import Foundation

/// Parsed schedules and `next(after:)` answers, cached because the controller asks the same
/// questions on every tick (`lastScheduleTime` rarely moves).
final class ScheduleCache: @unchecked Sendable {
  private var parsed: [String: CronSchedule?] = [:]
  private var answers: [String: Date?] = [:]

  func schedule(_ expression: String) -> CronSchedule? {
    if let cached = parsed[expression] { return cached }
    let value = try? CronSchedule.parse(expression)
    parsed[expression] = value
    return value
  }

  func next(_ schedule: CronSchedule, zone: TimeZone, after date: Date) -> Date? {
    let key = "\(schedule.expression)|\(zone.identifier)|\(date.timeIntervalSince1970)"
    if let cached = answers[key] { return cached }
    if answers.count > 4096 { answers.removeAll() }
    let value = schedule.next(after: date, in: zone)
    answers[key] = value
    return value
  }

  /// The most recent scheduled time in (earliest, now] and how many were missed
  /// (`mostRecentScheduleTime`, KUBERNETES.md 5.3).
  func mostRecent(_ schedule: CronSchedule, zone: TimeZone, earliest: Date, now: Date)
    -> (time: Date, missed: Int)?
  {
    guard let first = next(schedule, zone: zone, after: earliest), first <= now else { return nil }
    guard let second = next(schedule, zone: zone, after: first), second <= now else {
      return (first, 1)
    }
    let interval = second.timeIntervalSince(first).rounded()
    guard interval >= 1 else { return nil }
    let missed = Int((now.timeIntervalSince(first) / interval).rounded(.down)) + 1
    var cursor = first.addingTimeInterval(Double(missed - 2) * interval)
    var latest = first
    while let candidate = next(schedule, zone: zone, after: cursor), candidate <= now {
      latest = candidate
      cursor = candidate
    }
    return (latest, missed)
  }
}
