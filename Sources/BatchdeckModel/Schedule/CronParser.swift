import Foundation

/// Parses the fields of a five-field cron expression the way robfig/cron v3 (the library behind
/// the Kubernetes CronJob controller) does, bit for bit.
enum CronParser {
  /// Marks a field written as a bare `*` or `?` (or `*/1`): the day-of-month/day-of-week rule.
  static let starBit: UInt64 = 1 << 63

  private static let monthNames: [String: Int] = [
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
  ]
  private static let weekdayNames: [String: Int] = [
    "sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
  ]

  /// Every value of `field`, with the star marker.
  static func all(_ field: CronField) -> UInt64 {
    bits(field.bounds.lowerBound, field.bounds.upperBound, step: 1) | starBit
  }

  /// Parses one field: a comma-separated list of ranges. Empty list elements are skipped.
  static func field(_ text: Substring, _ field: CronField) throws(CronError) -> UInt64 {
    var result: UInt64 = 0
    for item in text.split(separator: ",", omittingEmptySubsequences: true) {
      result |= try range(item, field)
    }
    return result
  }

  /// Parses `*`, `?`, `N`, `N-M`, each optionally followed by `/step`.
  private static func range(_ text: Substring, _ field: CronField) throws(CronError) -> UInt64 {
    let expr = String(text)
    let rangeAndStep = text.split(separator: "/", omittingEmptySubsequences: false)
    let lowAndHigh = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false)
    let single = lowAndHigh.count == 1
    let bounds = field.bounds
    var start: Int
    var end: Int
    var extra: UInt64 = 0

    if lowAndHigh[0] == "*" || lowAndHigh[0] == "?" {
      start = bounds.lowerBound
      end = bounds.upperBound
      extra = starBit
    } else {
      start = try number(lowAndHigh[0], field)
      switch lowAndHigh.count {
      case 1:
        end = start
      case 2:
        end = try number(lowAndHigh[1], field)
      default:
        throw CronError(
          "too many hyphens: \(expr)", field: field, hint: "a range is written a-b, e.g. 1-5")
      }
    }

    var step = 1
    switch rangeAndStep.count {
    case 1:
      break
    case 2:
      step = try integer(rangeAndStep[1], field)
      if single { end = bounds.upperBound }
      if step > 1 { extra = 0 }
    default:
      throw CronError(
        "too many slashes: \(expr)", field: field, hint: "a step is written range/n, e.g. */15")
    }

    try check(start: start, end: end, step: step, expr: expr, field: field)
    return bits(start, end, step: step) | extra
  }

  private static func check(
    start: Int, end: Int, step: Int, expr: String, field: CronField
  ) throws(CronError) {
    let bounds = field.bounds
    let allowed = "the \(field.rawValue) field allows \(allowedText(field))"
    if start < bounds.lowerBound {
      throw CronError(
        "beginning of range (\(start)) below minimum (\(bounds.lowerBound)): \(expr)",
        field: field, hint: allowed)
    }
    if end > bounds.upperBound {
      throw CronError(
        "end of range (\(end)) above maximum (\(bounds.upperBound)): \(expr)", field: field,
        hint: allowed)
    }
    if start > end {
      throw CronError(
        "beginning of range (\(start)) beyond end of range (\(end)): \(expr)", field: field,
        hint: "a range must go from low to high and does not wrap around; \(allowed)")
    }
    if step == 0 {
      throw CronError(
        "step of range should be a positive number: \(expr)", field: field,
        hint: "the number after / must be 1 or more")
    }
  }

  private static func allowedText(_ field: CronField) -> String {
    switch field {
    case .month: return "1-12 or JAN-DEC"
    case .dayOfWeek: return "0-6 or SUN-SAT (Sunday is 0; 7 is not accepted)"
    default: return "\(field.bounds.lowerBound)-\(field.bounds.upperBound)"
    }
  }

  /// A number, or a month/weekday name (any case) in the fields that have names.
  private static func number(_ text: Substring, _ field: CronField) throws(CronError) -> Int {
    let names: [String: Int]? =
      switch field {
      case .month: monthNames
      case .dayOfWeek: weekdayNames
      default: nil
      }
    if let names, let value = names[text.lowercased()] {
      return value
    }
    return try integer(text, field)
  }

  /// Go's `strconv.Atoi` followed by the library's "negative number" check.
  private static func integer(_ text: Substring, _ field: CronField) throws(CronError) -> Int {
    let quoted = GoQuote.quote(String(text))
    var digits = text.utf8[...]
    var negative = false
    if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      negative = sign == UInt8(ascii: "-")
      digits = digits.dropFirst()
    }
    let isNumber =
      !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    guard isNumber else {
      throw CronError(
        "failed to parse int from \(text): strconv.Atoi: parsing \(quoted): invalid syntax",
        field: field, hint: syntaxHint(text, field))
    }

    var magnitude: UInt64 = 0
    var outOfRange = false
    for digit in digits where !outOfRange {
      let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
      outOfRange = overflow1 || overflow2
      magnitude = sum
    }
    let maximum: UInt64 = negative ? 1 << 63 : UInt64(Int64.max)
    if outOfRange || magnitude > maximum {
      throw CronError(
        "failed to parse int from \(text): strconv.Atoi: parsing \(quoted): value out of range",
        field: field, hint: "the number is far too large")
    }
    if negative && magnitude > 0 {
      let shown = magnitude == 1 << 63 ? "\(Int64.min)" : "-\(magnitude)"
      throw CronError(
        "negative number (\(shown)) not allowed: \(text)", field: field,
        hint: "numbers in a cron field cannot be negative")
    }
    let value = Int(magnitude)
    return value
  }

  private static func syntaxHint(_ text: Substring, _ field: CronField) -> String {
    let upper = text.uppercased()
    if upper.contains("L") || upper.contains("W") || upper.contains("#") || upper == "H" {
      return "L, W, # and H are not supported by Kubernetes; use numbers, *, ranges, steps, lists"
    }
    if text.isEmpty {
      return "a number is missing (negative numbers and empty range ends are not allowed)"
    }
    switch field {
    case .month: return "use 1-12 or three-letter names JAN-DEC"
    case .dayOfWeek: return "use 0-6 or three-letter names SUN-SAT"
    default: return "use numbers, *, ?, ranges a-b, steps /n and lists a,b"
    }
  }

  /// The bits `start...end` stepping by `step`.
  static func bits(_ start: Int, _ end: Int, step: Int) -> UInt64 {
    if step == 1 {
      let high: UInt64 = end >= 63 ? ~0 : ~(~0 << UInt64(end + 1))
      return high & (~0 << UInt64(start))
    }
    var result: UInt64 = 0
    var value = start
    while value <= end {
      result |= 1 << UInt64(value)
      let (next, overflow) = value.addingReportingOverflow(step)
      if overflow { break }
      value = next
    }
    return result
  }
}
