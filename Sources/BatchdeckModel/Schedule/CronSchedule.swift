import Foundation

/// Why a cron expression was rejected, in words a person can act on.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// A parsed CronJob schedule.
///
/// Placeholder engine: five numeric fields with `*`, lists, ranges and steps, evaluated by
/// stepping minutes. The schedules issue (#3) replaces it with the controller's exact rules;
/// the two entry points below are the interface the rest of the code relies on.
public struct CronSchedule: Sendable, Hashable {
  public let expression: String
  private let fields: [Set<Int>]

  /// Parses a five-field expression.
  public static func parse(_ expression: String) throws(CronError) -> CronSchedule {
    let parts = expression.split(whereSeparator: \.isWhitespace).map(String.init)
    guard parts.count == 5 else {
      throw CronError("expected exactly 5 fields, found \(parts.count): \(expression)")
    }
    let bounds = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]
    var fields: [Set<Int>] = []
    for (part, bound) in zip(parts, bounds) {
      fields.append(try Self.parseField(part, low: bound.0, high: bound.1))
    }
    return CronSchedule(expression: expression, fields: fields)
  }

  private static func parseField(_ text: String, low: Int, high: Int) throws(CronError) -> Set<Int> {
    var values = Set<Int>()
    for item in text.split(separator: ",") {
      let stepParts = item.split(separator: "/")
      let step = stepParts.count > 1 ? Int(stepParts[1]) ?? 0 : 1
      guard step > 0 else { throw CronError("bad step in \(item)") }
      var start = low
      var end = high
      if stepParts[0] != "*" {
        let rangeParts = stepParts[0].split(separator: "-")
        guard let first = Int(rangeParts[0]) else { throw CronError("bad number in \(item)") }
        start = first
        end = rangeParts.count > 1 ? Int(rangeParts[1]) ?? -1 : (stepParts.count > 1 ? high : first)
      }
      guard start >= low, end <= high, start <= end else { throw CronError("out of range: \(item)") }
      values.formUnion(stride(from: start, through: end, by: step))
    }
    return values
  }

  /// The first fire time strictly after `date`, evaluated on the wall clock of `zone`;
  /// `nil` when nothing matches within five years.
  public func next(after date: Date, in zone: TimeZone) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    var candidate = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    let limit = date.addingTimeInterval(5 * 366 * 86_400)
    while candidate < limit {
      candidate = candidate.addingTimeInterval(60)
      let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: candidate)
      if fields[0].contains(parts.minute ?? -1), fields[1].contains(parts.hour ?? -1),
        fields[2].contains(parts.day ?? -1), fields[3].contains(parts.month ?? -1),
        fields[4].contains((parts.weekday ?? 0) - 1)
      {
        return candidate
      }
    }
    return nil
  }
}
