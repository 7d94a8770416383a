import Foundation

/// The CronJob controller's view of time (KUBERNETES.md 5.3 and 5.4), as pure functions.
public enum ScheduleTiming {
  /// How many start times the controller believes it missed.
  public enum Missed: Sendable, Equatable {
    /// Nothing is due.
    case none
    /// One to 100 times were missed; the most recent is run.
    case few
    /// More than 100 were missed: `TooManyMissedTimes` warning, the most recent is still run.
    case many
  }

  /// What `mostRecentScheduleTime` finds.
  public struct Due: Sendable, Equatable {
    /// Where the search started: `lastScheduleTime`, else `creationTimestamp`, moved up to
    /// `now - startingDeadlineSeconds` when a deadline is set.
    public var earliest: Date
    /// The scheduled time the controller would start a Job for now, or `nil` when none is due.
    public var due: Date?
    /// The controller's estimate of missed start times (0 when nothing is due).
    public var missedEstimate: Int
    /// `none`, `few` or `many` (more than 100).
    public var missed: Missed
    /// The next fire time after `due` (or after `earliest` when nothing is due): what the
    /// controller requeues for.
    public var next: Date?

    /// Whether the controller warns `TooManyMissedTimes`.
    public var tooManyMissed: Bool { missed == .many }
  }

  /// The error for a schedule with no two fire times (e.g. `0 0 31 2 *`), as the controller
  /// reports it in an `InvalidSchedule` event.
  public static let noIntervalError = CronError(
    "time difference between two schedules is less than 1 second",
    hint: "the schedule never fires (or fires only once); check the day and month fields")

  /// The most recent unmet scheduled time (`mostRecentScheduleTime`).
  ///
  /// - Parameters:
  ///   - schedule: the effective schedule (see ``ControllerSchedule``).
  ///   - zone: the zone the wall clock is read in when the schedule has no `TZ=` prefix.
  ///   - now: the controller's clock.
  ///   - creation: the CronJob's `metadata.creationTimestamp`.
  ///   - lastSchedule: `status.lastScheduleTime`, if any.
  ///   - startingDeadlineSeconds: `spec.startingDeadlineSeconds`; pass `nil` to compute the
  ///     requeue view, which ignores the deadline.
  /// - Throws: ``noIntervalError`` when the schedule has fewer than two fire times to measure.
  public static func mostRecent(
    schedule: CronSchedule, zone: TimeZone, now: Date, creation: Date, lastSchedule: Date?,
    startingDeadlineSeconds: Int64? = nil
  ) throws(CronError) -> Due {
    var earliest = lastSchedule ?? creation
    if let deadline = startingDeadlineSeconds {
      let bound = now.addingTimeInterval(-Double(deadline))
      if bound > earliest { earliest = bound }
    }

    let next = { (date: Date) in schedule.next(after: date, in: zone) }
    guard let first = next(earliest) else { throw noIntervalError }
    if now < first {
      return Due(earliest: earliest, due: nil, missedEstimate: 0, missed: .none, next: first)
    }
    let second = next(first)
    if let second, now < second {
      return Due(earliest: earliest, due: first, missedEstimate: 1, missed: .few, next: second)
    }

    guard let second else { throw noIntervalError }
    let interval = Int64((second.timeIntervalSince(first)).rounded())
    if interval < 1 { throw noIntervalError }
    let elapsed = Int64(now.timeIntervalSince(first))
    let estimate = elapsed / interval + 1
    let firstSeconds = CronSchedule.unixSeconds(first)
    var mostRecent = Date(
      timeIntervalSince1970: Double(firstSeconds + (estimate - 2) * interval))
    var cursor = next(mostRecent)
    while let candidate = cursor, candidate <= now {
      mostRecent = candidate
      cursor = next(candidate)
    }
    return Due(
      earliest: earliest, due: mostRecent, missedEstimate: Int(estimate),
      missed: estimate > 100 ? .many : .few, next: cursor)
  }

  /// How long the controller waits before its next sync (`nextScheduleTimeDuration`): until
  /// 100 ms after the fire time that follows the most recent due time (computed without the
  /// deadline), or after `earliest` when nothing is due, or after `now` on error. `nil` when the
  /// schedule never fires again.
  public static func requeueDelay(
    schedule: CronSchedule, zone: TimeZone, now: Date, creation: Date, lastSchedule: Date?
  ) -> TimeInterval? {
    let base: Date
    do {
      let due = try mostRecent(
        schedule: schedule, zone: zone, now: now, creation: creation, lastSchedule: lastSchedule)
      base = due.due ?? (due.missed == .none ? due.earliest : now)
    } catch {
      base = now
    }
    guard let fire = schedule.next(after: base, in: zone) else { return nil }
    return fire.timeIntervalSince(now) + 0.1
  }

  /// The fire times in `(after, through]`, at most `limit` of them: the exact list of runs
  /// missed since `lastScheduleTime` (or creation) that a dashboard can show, where the
  /// controller itself only estimates their number.
  public static func fireTimes(
    schedule: CronSchedule, zone: TimeZone, after start: Date, through end: Date,
    limit: Int = 100_000
  ) -> [Date] {
    var result: [Date] = []
    var cursor = start
    while result.count < limit, let fire = schedule.next(after: cursor, in: zone), fire <= end {
      result.append(fire)
      cursor = fire
    }
    return result
  }

  /// The number of fire times in `(after, through]`, counting at most `limit`.
  public static func countFireTimes(
    schedule: CronSchedule, zone: TimeZone, after start: Date, through end: Date,
    limit: Int = 100_000
  ) -> Int {
    var count = 0
    var cursor = start
    while count < limit, let fire = schedule.next(after: cursor, in: zone), fire <= end {
      count += 1
      cursor = fire
    }
    return count
  }

  /// The Job name the controller gives the run for `scheduled`: `<cronjob>-<minutes since
  /// the Unix epoch>` (e.g. `hello-28401125` for 2024-01-01T00:05:00Z).
  public static func jobName(cronJob: String, scheduled: Date) -> String {
    "\(cronJob)-\(CronSchedule.unixSeconds(scheduled) / 60)"
  }
}
