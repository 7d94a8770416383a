import Foundation

/// Wall-clock fields of one instant in one zone.
struct CivilTime: Equatable {
  var year: Int
  var month: Int
  var day: Int
  var hour: Int
  var minute: Int
  var second: Int
  /// 0 = Sunday.
  var weekday: Int
}

/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01.
enum CivilCalendar {
  /// Days since 1970-01-01 of `year-month-day` (month 1...12, day 1...31).
  static func days(year: Int, month: Int, day: Int) -> Int {
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let monthFromMarch = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Splits wall-clock seconds since 1970-01-01T00:00 into fields.
  static func civil(wall: Int64) -> CivilTime {
    let seconds = Int(wall)
    let dayCount = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - dayCount * 86_400
    let shiftedDays = dayCount + 719_468
    let era = (shiftedDays >= 0 ? shiftedDays : shiftedDays - 146_096) / 146_097
    let dayOfEra = shiftedDays - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    let weekday = ((dayCount + 4) % 7 + 7) % 7
    return CivilTime(
      year: year, month: month, day: day, hour: secondOfDay / 3_600,
      minute: secondOfDay / 60 % 60, second: secondOfDay % 60, weekday: weekday)
  }

  /// Wall-clock seconds for fields that may overflow (month 13, day 32, ...), normalised the way
  /// Go's `time.Date` normalises them.
  static func wall(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
    let monthIndex = month - 1
    let yearCarry = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
    let normalisedMonth = monthIndex - yearCarry * 12 + 1
    let dayCount = days(year: year + yearCarry, month: normalisedMonth, day: 1) + day - 1
    return Int64(dayCount * 86_400 + hour * 3_600 + minute * 60 + second)
  }
}

/// The UTC offsets of one zone as a table of transitions, so that offset look-ups cost a binary
/// search instead of a call into Foundation. Built once per zone from `TimeZone`'s transitions
/// between 1900 and 2300; outside that span the nearest known offset is used.
final class ZoneTable: Sendable {
  /// `starts[i]` is the first Unix second at which `offsets[i]` applies; `starts[0]` is
  /// `Int64.min`.
  let starts: [Int64]
  let offsets: [Int64]

  private init(starts: [Int64], offsets: [Int64]) {
    self.starts = starts
    self.offsets = offsets
  }

  /// A table with one fixed offset (UTC and other zones without transitions).
  static let utc = ZoneTable(starts: [Int64.min], offsets: [0])

  /// Builds the table for `zone` by walking its transitions.
  static func build(_ zone: TimeZone) -> ZoneTable {
    let first = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
    let last = 10_413_792_000.0  // 2300-01-01
    var starts: [Int64] = [Int64.min]
    var offsets: [Int64] = [Int64(zone.secondsFromGMT(for: first))]
    var cursor = first
    while let transition = zone.nextDaylightSavingTimeTransition(after: cursor),
      transition.timeIntervalSince1970 < last
    {
      let offset = Int64(zone.secondsFromGMT(for: transition))
      let instant = Int64(transition.timeIntervalSince1970.rounded(.down))
      if offset != offsets[offsets.count - 1] {
        starts.append(instant)
        offsets.append(offset)
      }
      cursor = transition
    }
    return ZoneTable(starts: starts, offsets: offsets)
  }

  /// The index of the period containing Unix second `instant`.
  @inline(__always)
  func index(of instant: Int64) -> Int {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) >> 1
      if starts[middle] <= instant { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// The UTC offset in seconds at Unix second `instant`.
  @inline(__always)
  func offset(at instant: Int64) -> Int64 {
    offsets.count == 1 ? offsets[0] : offsets[index(of: instant)]
  }

  /// The wall-clock fields of `instant`.
  @inline(__always)
  func civil(_ instant: Int64) -> CivilTime {
    CivilCalendar.civil(wall: instant + offset(at: instant))
  }

  /// The instant for wall-clock seconds `wall`, choosing an offset the way Go's `time.Date` does
  /// when the wall time is skipped (spring forward) or repeated (fall back): take the offset in
  /// force at `wall` read as UTC; if that offset does not hold at the result, take the offset in
  /// force at that result instead.
  func instant(wall: Int64) -> Int64 {
    if offsets.count == 1 { return wall - offsets[0] }
    let found = index(of: wall)
    let guess = wall - offsets[found]
    let periodEnd = found + 1 < starts.count ? starts[found + 1] : Int64.max
    if guess >= starts[found] && guess < periodEnd {
      return guess
    }
    return wall - offsets[index(of: guess)]
  }

  /// Go's `time.Date(year, month, day, hour, minute, second, 0, zone)` as a Unix second.
  func date(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
    instant(
      wall: CivilCalendar.wall(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second))
  }
}

/// Tables already built, by zone identifier.
final class ZoneTableCache: @unchecked Sendable {
  /// The process-wide cache.
  static let shared = ZoneTableCache()

  private let lock = NSLock()
  private var tables: [String: ZoneTable] = [:]

  /// The table for `zone`, building it on first use.
  func table(for zone: TimeZone) -> ZoneTable {
    let key = zone.identifier
    if key == "UTC" || key == "GMT" { return .utc }
    lock.lock()
    defer { lock.unlock() }
    if let table = tables[key] { return table }
    let table = ZoneTable.build(zone)
    tables[key] = table
    return table
  }
}
