import BatchdeckModel
import Foundation
import Testing

/// Every line of the shared conformance table must agree with the library's answers.
@Suite struct CronConformanceTests {
  static let table = FixturePaths.fixture("cron-conformance/cases.tsv")

  @Test(.enabled(if: table != nil, "cron-conformance fixtures are absent"))
  func everyLineAgrees() throws {
    let url = try #require(Self.table)
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    var checked = 0
    var mismatches: [String] = []
    for (number, line) in lines.enumerated().dropFirst() {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.count == 4 else {
        mismatches.append("line \(number + 1): malformed")
        continue
      }
      let actual = Self.answer(
        schedule: columns[0], zone: columns[1], now: columns[2], like: columns[3])
      if actual != columns[3] {
        mismatches.append("line \(number + 1): \(line)\n    got \(actual)")
      }
      checked += 1
    }

    #expect(checked > 3_000)
    let shown = mismatches.prefix(40).joined(separator: "\n")
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(checked) disagree:\n\(shown)")
  }

  /// The answer in the table's notation: `error`, `never`, or up to five times (then `never`).
  /// A few quirk lines list only their first times without `never`: `expected` tells how many.
  static func answer(schedule: String, zone: String, now: String, like expected: String) -> String {
    guard let start = UTCText.parse(now) else { return "bad now" }
    let location: TimeZone
    do {
      location = try TimeZoneResolver.resolve(zone.isEmpty ? nil : zone)
    } catch {
      return "error"
    }
    let effective = ControllerSchedule.effectiveExpression(
      schedule: schedule, timeZone: zone.isEmpty ? nil : zone)
    guard let parsed = try? CronSchedule.parse(effective) else { return "error" }
    let listed = expected.split(separator: " ")
    let count = listed.last == "never" || listed.count >= 5 ? 5 : listed.count
    let times = parsed.nextTimes(after: start, in: location, count: count)
    var words = times.map(UTCText.format)
    if times.count < count { words.append("never") }
    return words.joined(separator: " ")
  }
}
