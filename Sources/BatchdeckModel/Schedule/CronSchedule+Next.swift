import Foundation

extension CronSchedule {
  /// The first fire time strictly after `date`, or `nil` when nothing matches within five
  /// years ("never").
  ///
  /// The wall clock is read in the zone of a `TZ=`/`CRON_TZ=` prefix when the expression has
  /// one, otherwise in `zone` (for a CronJob: its `spec.timeZone`, or the controller's zone,
  /// UTC on standard clusters). Daylight saving follows the library exactly: a wall time that a
  /// spring-forward skips does not fire that day, one that a fall-back repeats fires twice.
  /// `@every D` fires `D` after `date` (whole seconds, at least one).
  public func next(after date: Date, in zone: TimeZone) -> Date? {
    let seconds = Self.unixSeconds(date)
    switch kind {
    case .every(let delay):
      return Date(timeIntervalSince1970: Double(seconds + delay))
    case .fields(let fields):
      let table = ZoneTableCache.shared.table(for: prefixZone ?? zone)
      return Self.next(fields, after: seconds, table: table).map {
        Date(timeIntervalSince1970: Double($0))
      }
    }
  }

  /// The next `count` fire times after `date` (fewer when the schedule runs out: "never").
  public func nextTimes(after date: Date, in zone: TimeZone, count: Int) -> [Date] {
    var result: [Date] = []
    var cursor = date
    while result.count < count, let fire = next(after: cursor, in: zone) {
      result.append(fire)
      cursor = fire
    }
    return result
  }

  /// Unix seconds of `date`, rounded down (the library drops sub-second parts).
  static func unixSeconds(_ date: Date) -> Int64 {
    Int64(date.timeIntervalSince1970.rounded(.down))
  }

  /// The library's search: starting at the next whole second, advance month, then day, then
  /// hour, then minute, then second until every field matches, restarting from the month check
  /// whenever a larger unit rolls over. Days and months move on the wall clock (as Go's
  /// `AddDate`), hours and smaller units move on the absolute clock (as Go's `Add`).
  static func next(_ fields: CronFields, after start: Int64, table: ZoneTable) -> Int64? {
    var time = start + 1
    var civil = table.civil(time)
    var truncated = false
    let yearLimit = civil.year + 5

    search: while true {
      if civil.year > yearLimit { return nil }

      while fields.month & (1 << UInt64(civil.month)) == 0 {
        if !truncated {
          truncated = true
          time = table.date(
            year: civil.year, month: civil.month, day: 1, hour: 0, minute: 0, second: 0)
          civil = table.civil(time)
        }
        time = table.date(
          year: civil.year, month: civil.month + 1, day: civil.day, hour: civil.hour,
          minute: civil.minute, second: civil.second)
        civil = table.civil(time)
        if civil.month == 1 { continue search }
      }

      while !fields.dayMatches(day: civil.day, weekday: civil.weekday) {
        if !truncated {
          truncated = true
          time = table.date(
            year: civil.year, month: civil.month, day: civil.day, hour: 0, minute: 0, second: 0)
          civil = table.civil(time)
        }
        time = table.date(
          year: civil.year, month: civil.month, day: civil.day + 1, hour: civil.hour,
          minute: civil.minute, second: civil.second)
        civil = table.civil(time)
        if civil.hour != 0 {
          // Midnight did not exist (or moved): land back on the day's first hour.
          time += civil.hour > 12 ? Int64(24 - civil.hour) * 3_600 : -Int64(civil.hour) * 3_600
          civil = table.civil(time)
        }
        if civil.day == 1 { continue search }
      }

      while fields.hour & (1 << UInt64(civil.hour)) == 0 {
        if !truncated {
          truncated = true
          time = table.date(
            year: civil.year, month: civil.month, day: civil.day, hour: civil.hour, minute: 0,
            second: 0)
          civil = table.civil(time)
        }
        time += 3_600
        civil = table.civil(time)
        if civil.hour == 0 { continue search }
      }

      while fields.minute & (1 << UInt64(civil.minute)) == 0 {
        if !truncated {
          truncated = true
          time = floorDivide(time, 60) * 60
          civil = table.civil(time)
        }
        time += 60
        civil = table.civil(time)
        if civil.minute == 0 { continue search }
      }

      if civil.second != 0 {
        // Stepping second by second only ends at the next whole minute: jump there.
        truncated = true
        time += Int64(60 - civil.second)
        civil = table.civil(time)
        continue search
      }
      return time
    }
  }

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
  }
}
