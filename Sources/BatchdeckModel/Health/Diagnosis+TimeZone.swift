import Foundation

extension DiagnosisContext {
  /// Surprises of the CronJob's zone: a next run on another day in UTC, and daylight-saving
  /// changes in the coming year that skip or double a run.
  func timeZoneFindings() -> [Finding] {
    guard let zoneName = cronJob.timeZone, !cronJob.isSuspended,
      let zone = TimeZone(identifier: zoneName),
      let bare = try? CronSchedule.parse(cronJob.schedule), !bare.hasTimeZonePrefix
    else { return [] }
    var findings: [Finding] = []
    if let next = health.nextRun, Self.day(next, in: zone) != Self.day(next, in: .gmt) {
      findings.append(
        Finding(
          severity: .info, code: "time-zone-other-day",
          summary: "The next run falls on another day in UTC than in \(zoneName).",
          evidence: [
            "\(Self.wall(next, in: zone)) \(zoneName) is \(Self.wall(next, in: .gmt)) UTC",
            "weekday and day-of-month fields are read on \(zoneName)'s clock",
          ]))
    }
    findings += daylightSavingFindings(bare, zone: zone, zoneName: zoneName)
    return findings
  }

  private func daylightSavingFindings(
    _ schedule: CronSchedule, zone: TimeZone, zoneName: String
  ) -> [Finding] {
    var findings: [Finding] = []
    var cursor = now
    let horizon = now.addingTimeInterval(366 * 86_400)
    while let transition = zone.nextDaylightSavingTimeTransition(after: cursor),
      transition < horizon
    {
      cursor = transition.addingTimeInterval(1)
      let before = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
      let after = zone.secondsFromGMT(for: transition.addingTimeInterval(1))
      let shift = Double(after - before)
      if shift > 0, let fixed = TimeZone(secondsFromGMT: before) {
        let skipped = ScheduleTiming.fireTimes(
          schedule: schedule, zone: fixed, after: transition.addingTimeInterval(-1),
          through: transition.addingTimeInterval(shift - 1), limit: 5)
        if let first = skipped.first {
          findings.append(
            Finding(
              severity: .warning, code: "daylight-saving-skip",
              summary: "On \(Self.day(transition, in: zone)) the clocks in \(zoneName) jump "
                + "forward and the run at \(Self.clock(first, in: fixed)) does not happen.",
              evidence: ["that wall-clock time does not exist on that day"],
              fix: "Schedule outside the changeover hour, or use UTC (leave timeZone unset)."))
        }
      } else if shift < 0 {
        let window = ScheduleTiming.fireTimes(
          schedule: schedule, zone: zone, after: transition.addingTimeInterval(shift - 1),
          through: transition.addingTimeInterval(-shift), limit: 500)
        let walls = window.map { Self.clock($0, in: zone) }
        if let repeated = walls.first(where: { wall in walls.filter { $0 == wall }.count > 1 }) {
          findings.append(
            Finding(
              severity: .warning, code: "daylight-saving-double",
              summary: "On \(Self.day(transition, in: zone)) the clocks in \(zoneName) go back "
                + "and the run at \(repeated) happens twice.",
              evidence: ["that wall-clock hour occurs twice on that day"],
              fix: "Make the job safe to run twice, schedule outside the changeover hour, or "
                + "use UTC."))
        }
      }
    }
    return findings
  }

  static func day(_ date: Date, in zone: TimeZone) -> String {
    String(wall(date, in: zone).prefix(10))
  }

  static func clock(_ date: Date, in zone: TimeZone) -> String {
    String(wall(date, in: zone).suffix(5))
  }

  static func wall(_ date: Date, in zone: TimeZone) -> String {
    WallClock.text(date, in: zone)
  }
}
