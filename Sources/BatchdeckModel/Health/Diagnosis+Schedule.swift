import Foundation

extension DiagnosisContext {
  /// An invalid schedule or zone, a schedule that never fires, suspension, `TZ=` prefixes.
  func scheduleFindings() -> [Finding] {
    do {
      let schedule = try ControllerSchedule.make(
        schedule: cronJob.schedule, timeZone: cronJob.timeZone, controllerZone: controllerZone)
      var findings: [Finding] = []
      if health.nextRun == nil {
        findings.append(
          Finding(
            severity: .critical, code: "schedule-never-fires",
            summary: "The schedule \"\(cronJob.schedule)\" matches no time: it will never run.",
            evidence: [
              "no fire time within five years",
              "the controller reports InvalidSchedule: \(ScheduleTiming.noIntervalError.message)",
            ],
            fix: "Check the day-of-month and month fields (e.g. February has no 30th or 31st)."))
      }
      for warning in schedule.warnings {
        findings.append(
          Finding(
            severity: .warning, code: "time-zone-in-schedule", summary: warning,
            evidence: ["spec.schedule is \"\(cronJob.schedule)\""],
            fix: "Move the zone into spec.timeZone; the API rejects TZ= in new CronJobs."))
      }
      if cronJob.isSuspended {
        findings.append(
          Finding(
            severity: .warning, code: "suspended",
            summary: "The CronJob is suspended: the controller starts no new runs.",
            evidence: ["spec.suspend is true"]
              + (cronJob.lastScheduleTime.map {
                ["last scheduled run \(Self.time($0)) (\(Self.ago($0, now: now)))"]
              } ?? []),
            fix: "kubectl patch cronjob \(name) -n \(cronJob.metadata.namespace) "
              + "-p '{\"spec\":{\"suspend\":false}}'"))
      }
      return findings
    } catch {
      let isZone = cronJob.timeZone.map { TimeZoneResolver.validate($0) != nil } ?? false
      return [
        Finding(
          severity: .critical, code: isZone ? "invalid-time-zone" : "invalid-schedule",
          summary: isZone
            ? "The time zone \"\(cronJob.timeZone ?? "")\" is not valid: the CronJob never runs."
            : "The schedule \"\(cronJob.schedule)\" is not valid: the CronJob never runs.",
          evidence: [error.description],
          fix: isZone
            ? "Use an IANA zone name such as Europe/Berlin, or leave spec.timeZone unset for UTC."
            : error.hint.isEmpty ? "Fix spec.schedule." : "Fix spec.schedule: \(error.hint).")
      ]
    }
  }

  /// Runs that are late, skipped by `startingDeadlineSeconds`, or more than 100 missed.
  func timingFindings() -> [Finding] {
    guard let schedule, !cronJob.isSuspended, cronJob.active.isEmpty, health.missedRuns > 0
    else { return [] }
    let since = cronJob.lastScheduleTime ?? cronJob.metadata.creationTimestamp ?? now
    let times = ScheduleTiming.fireTimes(
      schedule: schedule.schedule, zone: schedule.zone, after: since,
      through: now.addingTimeInterval(-CronJobHealth.grace), limit: 1_000)
    let listed =
      times.prefix(5).map(Self.time).joined(separator: ", ")
      + (times.count > 5 ? ", … \(Self.time(times[times.count - 1]))" : "")
    let last =
      cronJob.lastScheduleTime.map { "last scheduled run \(Self.time($0))" }
      ?? "never scheduled since creation \(Self.time(since))"
    var evidence = [last, "\(times.count) fire times since with no Job: \(listed)"]
    if let deadline = cronJob.startingDeadlineSeconds,
      let latest = times.last, latest.addingTimeInterval(Double(deadline)) < now
    {
      evidence.append(
        "startingDeadlineSeconds is \(deadline): a run that cannot start within \(deadline)s of "
          + "its time is skipped, with no event")
      return [
        Finding(
          severity: .critical, code: "missed-starting-deadline",
          summary: "\(times.count) run\(times.count == 1 ? " was" : "s were") skipped because "
            + "the controller was more than \(deadline)s late.",
          evidence: evidence,
          fix: "Raise spec.startingDeadlineSeconds (minutes, not seconds) or remove it; then "
            + "look at why kube-controller-manager was late (restarts, leader election, load).")
      ]
    }
    if times.count > 100 {
      evidence.append("the controller warns TooManyMissedTimes and starts only the most recent")
      return [
        Finding(
          severity: .warning, code: "too-many-missed",
          summary:
            "More than 100 runs were missed (\(Self.count(times.count))).",
          evidence: evidence,
          fix: "Set spec.startingDeadlineSeconds so the controller looks back only that far, "
            + "and check the controller's clock and health.")
      ]
    }
    return [
      Finding(
        severity: .warning, code: "late",
        summary: "The run due \(Self.ago(times[times.count - 1], now: now)) has not started.",
        evidence: evidence,
        fix: "Check that kube-controller-manager is running and not overloaded; look for "
          + "FailedCreate events on the CronJob.")
    ]
  }

  /// A run count, `1000+` at the counting limit.
  static func count(_ runs: Int) -> String { runs >= 1_000 ? "1000+" : String(runs) }
}
