import Foundation

extension CronJobHealth {
  /// Assesses a CronJob from its own status and the Jobs it owns, at `now`.
  ///
  /// The rules follow the CronJob controller (KUBERNETES.md 5.2–5.4): an invalid schedule or
  /// zone stops it; a suspended one does nothing; a fire time with no Job is late while the
  /// controller can still start it and missed once `startingDeadlineSeconds` has passed; under
  /// `Forbid` an active Job blocks every run due after it.
  public static func assess(
    _ cronJob: CronJob, jobs: [Job], now: Date, controllerZone: TimeZone = TimeZoneResolver.utc
  ) -> CronJobHealth {
    assess(cronJob, runs: jobs.map(RunRecord.init(job:)), now: now, controllerZone: controllerZone)
  }

  /// Assesses a CronJob from its runs, remembered ones included (see
  /// `ClusterSnapshot.runs(of:)`).
  public static func assess(
    _ cronJob: CronJob, runs unsorted: [RunRecord], now: Date,
    controllerZone: TimeZone = TimeZoneResolver.utc
  ) -> CronJobHealth {
    let runs = unsorted.sorted(by: newestFirst)
    let schedule: ControllerSchedule
    do {
      schedule = try ControllerSchedule.make(
        schedule: cronJob.schedule, timeZone: cronJob.timeZone, controllerZone: controllerZone)
    } catch {
      return CronJobHealth(
        state: .invalid, reason: error.description, scheduleText: error.message, zone: nil,
        nextRun: nil, runs: runs, missedRuns: 0)
    }

    let since = cronJob.lastScheduleTime ?? cronJob.metadata.creationTimestamp ?? now
    let description = schedule.schedule.describe(
      zone: cronJob.timeZone == nil ? nil : schedule.zone)
    var health = CronJobHealth(
      state: .ok, reason: "", scheduleText: description, zone: schedule.zone,
      nextRun: schedule.next(after: now), runs: runs, missedRuns: 0)
    guard health.nextRun != nil else {
      health.state = .invalid
      health.reason = "the schedule never fires: \(ScheduleTiming.noIntervalError.message)"
      return health
    }
    if cronJob.isSuspended {
      health.state = .suspended
      health.reason = "suspended: no new runs start until it is resumed"
      return health
    }

    let overdue = ScheduleTiming.fireTimes(
      schedule: schedule.schedule, zone: schedule.zone, after: since,
      through: now.addingTimeInterval(-grace), limit: 1_000)
    health.missedRuns = overdue.count
    health.classify(cronJob, overdue: overdue, now: now)
    return health
  }

  private mutating func classify(_ cronJob: CronJob, overdue: [Date], now: Date) {
    if let activeName = cronJob.active.first?.name {
      if cronJob.concurrencyPolicy == "Forbid", !overdue.isEmpty {
        state = .blocked
        reason =
          "blocked: \(activeName) is still active (Forbid); \(Self.count(overdue.count)) skipped"
      } else {
        state = .running
        reason = "running: \(cronJob.active.map(\.name).joined(separator: ", "))"
      }
      return
    }
    if let latest = overdue.last {
      let deadline = cronJob.startingDeadlineSeconds.map(Double.init)
      if let deadline, latest.addingTimeInterval(deadline) < now {
        state = .missed
        reason =
          "missed \(Self.count(overdue.count)): each was more than startingDeadlineSeconds="
          + "\(Int(deadline))s late, so the controller skipped it"
      } else if overdue.count > 100 {
        state = .missed
        reason =
          "more than 100 runs missed: the controller reports TooManyMissedTimes and starts only "
          + "the most recent"
      } else {
        state = .late
        reason = "late: \(Self.count(overdue.count)) due but not started"
      }
      return
    }
    if let last = lastFinishedRun, case .failed(let why) = last.outcome {
      state = .failing
      let streak = failureStreak
      reason =
        "failing: \(last.jobName) failed (\(why.isEmpty ? "no reason given" : why))"
        + (streak > 1 ? ", \(streak) failures in a row" : "")
      return
    }
    state = .ok
    reason = lastFinishedRun.map { "ok: \($0.jobName) succeeded" } ?? "ok: no run yet"
  }

  private static func count(_ runs: Int) -> String {
    runs == 1 ? "1 run" : "\(runs >= 1_000 ? "1000+" : String(runs)) runs"
  }

  private static func newestFirst(_ lhs: RunRecord, _ rhs: RunRecord) -> Bool {
    let left = lhs.scheduledTime ?? lhs.startTime ?? .distantFuture
    let right = rhs.scheduledTime ?? rhs.startTime ?? .distantFuture
    return left == right ? lhs.jobName > rhs.jobName : left > right
  }
}
