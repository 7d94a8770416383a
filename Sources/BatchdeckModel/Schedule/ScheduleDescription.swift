import Foundation

extension CronSchedule {
  /// The schedule in words, e.g. "every 15 minutes" or
  /// "at 02:30 on Monday to Friday, America/New_York".
  ///
  /// `zone` names the zone the schedule runs in; it is appended unless it is UTC. A `TZ=` prefix
  /// zone takes precedence, as it does for evaluation.
  public func describe(zone: TimeZone? = nil) -> String {
    let text: String
    switch kind {
    case .every(let seconds):
      return "every " + Self.durationWords(seconds) + ", counted from the last run"
    case .fields(let fields):
      text = ScheduleWords(fields: fields).sentence
    }
    guard let name = (prefixZone ?? zone)?.identifier, name != "UTC", name != "GMT" else {
      return text
    }
    return text + ", " + name
  }

  private static func durationWords(_ seconds: Int64) -> String {
    let parts: [(Int64, String)] = [
      (seconds / 3_600, "hour"), (seconds / 60 % 60, "minute"), (seconds % 60, "second"),
    ]
    let words = parts.filter { $0.0 > 0 }.map { count, unit in
      count == 1 ? "1 \(unit)" : "\(count) \(unit)s"
    }
    return words.joined(separator: " ")
  }
}

/// Builds the words for a five-field schedule from its bit sets.
private struct ScheduleWords {
  let fields: CronFields

  private static let weekdays = [
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  ]
  private static let months = [
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  var sentence: String {
    var words = [timeOfDay]
    if let days = dayPhrase { words.append(days) }
    if let months = monthPhrase { words.append(months) }
    return words.joined(separator: " ")
  }

  private func values(_ bits: UInt64, _ field: CronField) -> [Int] {
    field.bounds.filter { bits & (1 << UInt64($0)) != 0 }
  }

  private func isFull(_ bits: UInt64, _ field: CronField) -> Bool {
    values(bits, field).count == field.bounds.count
  }

  /// The step `k` when `list` is exactly `0, k, 2k, ...` up to the field's maximum.
  private func step(_ list: [Int], _ field: CronField) -> Int? {
    guard list.count >= 2, list[0] == field.bounds.lowerBound else { return nil }
    let gap = list[1] - list[0]
    let expected = Array(stride(from: list[0], through: field.bounds.upperBound, by: gap))
    return expected == list ? gap : nil
  }

  private var timeOfDay: String {
    let minutes = values(fields.minute, .minute)
    let hours = values(fields.hour, .hour)
    let allHours = hours.count == 24
    if minutes.isEmpty || hours.isEmpty { return "never (an empty field matches nothing)" }

    if minutes.count == 1 && !allHours && hours.count <= 6 {
      let times = hours.map { String(format: "%02d:%02d", $0, minutes[0]) }
      return "at " + Self.join(times)
    }

    let minutePart: String
    if minutes.count == 60 {
      minutePart = "every minute"
    } else if let gap = step(minutes, .minute) {
      minutePart = "every \(gap) minutes"
    } else if minutes == [0] && allHours {
      return "every hour"
    } else if minutes == [0] {
      minutePart = "at minute 0"
    } else {
      let noun = minutes.count == 1 ? "minute" : "minutes"
      minutePart = "at \(noun) \(Self.join(Self.runs(minutes)))"
      if allHours { return minutePart + " past every hour" }
    }
    if allHours { return minutePart }

    if minutes.count == 1, let gap = step(hours, .hour) {
      return "every \(gap) hours at minute \(minutes[0])"
    }
    let noun = hours.count == 1 ? "hour" : "hours"
    return minutePart + " during \(noun) \(Self.join(Self.runs(hours)))"
  }

  private var dayPhrase: String? {
    let domStar = fields.dom & CronParser.starBit != 0
    let dowStar = fields.dow & CronParser.starBit != 0
    let days = values(fields.dom, .dayOfMonth)
    let weekdays = values(fields.dow, .dayOfWeek)
    let domText = "on day \(Self.join(Self.runs(days))) of the month"
    let dowText = "on " + Self.join(Self.runs(weekdays, to: " to ") { Self.weekdays[$0] })

    if domStar || dowStar {
      var parts: [String] = []
      if !isFull(fields.dom, .dayOfMonth) { parts.append(domText) }
      if !isFull(fields.dow, .dayOfWeek) { parts.append(dowText) }
      if days.isEmpty || weekdays.isEmpty { return "on no day" }
      return parts.isEmpty ? nil : parts.joined(separator: " and ")
    }
    if isFull(fields.dom, .dayOfMonth) || isFull(fields.dow, .dayOfWeek) { return nil }
    if days.isEmpty { return weekdays.isEmpty ? "on no day" : dowText }
    if weekdays.isEmpty { return domText }
    return domText + " or " + dowText
  }

  private var monthPhrase: String? {
    let months = values(fields.month, .month)
    if months.count == 12 { return nil }
    if months.isEmpty { return "in no month" }
    return "in " + Self.join(Self.runs(months, to: " to ") { Self.months[$0] })
  }

  /// Groups consecutive values into ranges of three or more: `[1, 2, 3, 5]` → `1-3, 5`.
  private static func runs(
    _ list: [Int], to separator: String = "-", name: (Int) -> String = { String($0) }
  ) -> [String] {
    var result: [String] = []
    var index = 0
    while index < list.count {
      var end = index
      while end + 1 < list.count && list[end + 1] == list[end] + 1 { end += 1 }
      if end - index >= 2 {
        result.append(name(list[index]) + separator + name(list[end]))
      } else {
        result.append(contentsOf: list[index...end].map(name))
      }
      index = end + 1
    }
    return result
  }

  /// `a`, `a and b`, `a, b and c`.
  private static func join(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    if items.count == 1 { return last }
    return items.dropLast().joined(separator: ", ") + " and " + last
  }
}
