import Foundation

/// Next-fire computations per second over a fixed mix of plain, zoned and sparse schedules,
/// for the project's benchmark command (`batchdeck schedule --bench`). Run it in a release
/// build; debug builds are many times slower.
public enum CronBenchmark {
  /// The schedules measured and the zone each runs in.
  public static let mix: [(schedule: String, zone: String)] = [
    ("*/15 * * * *", "UTC"),
    ("30 2 * * 1-5", "America/New_York"),
    ("0 0 29 2 *", "UTC"),
    ("0 9-17 * * MON-FRI", "Europe/Berlin"),
  ]

  /// Runs `iterations` chained `next(after:in:)` calls per schedule of ``mix`` and returns each
  /// schedule (with its zone, e.g. `30 2 * * 1-5 @ America/New_York`) and its calls per second.
  public static func run(iterations: Int = 200_000) -> [(schedule: String, perSecond: Double)] {
    var results: [(schedule: String, perSecond: Double)] = []
    let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    for entry in mix {
      guard let schedule = try? CronSchedule.parse(entry.schedule),
        let zone = TimeZone(identifier: entry.zone)
      else { continue }

      _ = schedule.next(after: start, in: zone)  // builds the zone table outside the timing
      var cursor = start
      var checksum = 0.0
      let began = ProcessInfo.processInfo.systemUptime
      for _ in 0..<iterations {
        let fire = schedule.next(after: cursor, in: zone) ?? start
        checksum += fire.timeIntervalSince1970
        cursor = fire.timeIntervalSince1970 > 4_102_444_800 ? start : fire  // wrap at 2100
      }
      let elapsed = ProcessInfo.processInfo.systemUptime - began
      let label = "\(entry.schedule) @ \(entry.zone)" + (checksum == 0 ? " (no result)" : "")
      results.append((label, Double(iterations) / max(elapsed, 1e-9)))
    }
    return results
  }
}
