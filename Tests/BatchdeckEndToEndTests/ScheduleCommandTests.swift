import Foundation
import Testing

@Suite(.enabled(if: BatchdeckBinary.url != nil, "batchdeck binary not built"))
struct ScheduleCommandTests {
  @Test func textListsDescriptionAndTimesInBothZones() throws {
    let run = try BatchdeckBinary.run([
      "schedule", "--time-zone", "America/New_York", "--from", "2024-03-09T12:00:00Z", "--count",
      "2", "30 2 * * *",
    ])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "at 02:30, America/New_York")
    #expect(
      lines.dropFirst().first?.hasPrefix("2024-03-11T06:30:00Z  2024-03-11T02:30:00-04:00") == true)
    #expect(lines.count == 3)
  }

  @Test func jsonObject() throws {
    let run = try BatchdeckBinary.run([
      "schedule", "--json", "--from", "2025-06-10T10:07:30Z", "--count", "3", "--", "*/15 * * * *",
    ])
    #expect(run.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    #expect(object?["schedule"] as? String == "*/15 * * * *")
    #expect(object?["timeZone"] as? String == "UTC")
    #expect(object?["description"] as? String == "every 15 minutes")
    #expect(
      object?["next"] as? [String]
        == ["2025-06-10T10:15:00Z", "2025-06-10T10:30:00Z", "2025-06-10T10:45:00Z"])
  }

  @Test func neverIsSaid() throws {
    let text = try BatchdeckBinary.run(["schedule", "0 0 31 2 *"])
    #expect(text.status == 0)
    #expect(text.stdout.hasSuffix("never\n"))
    let json = try BatchdeckBinary.run(["schedule", "--json", "0 0 31 2 *"])
    #expect(json.stdout.contains("\"next\": []"))
  }

  @Test func invalidScheduleExitsTwoWithTheFieldOnStderr() throws {
    let run = try BatchdeckBinary.run(["schedule", "0 0 * * 7"])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("day-of-week field: end of range (7) above maximum (6): 7"))
    let json = try BatchdeckBinary.run(["schedule", "--json", "0 0 * * 7"])
    #expect(json.status == 2)
    #expect(json.stdout.contains("\"error\": \"day-of-week field"))
  }

  @Test func unknownZoneAndBadOptionsExitTwo() throws {
    let zone = try BatchdeckBinary.run(["schedule", "--time-zone", "Mars/Base", "* * * * *"])
    #expect(zone.status == 2)
    #expect(zone.stderr.contains("unknown time zone Mars/Base"))
    let option = try BatchdeckBinary.run(["schedule", "--bogus", "* * * * *"])
    #expect(option.status == 2)
    let count = try BatchdeckBinary.run(["schedule", "--count", "x", "* * * * *"])
    #expect(count.status == 2)
    let missing = try BatchdeckBinary.run(["schedule"])
    #expect(missing.status == 2)
  }

  @Test func helpExitsZero() throws {
    let run = try BatchdeckBinary.run(["schedule", "--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("usage: batchdeck schedule"))
  }
}
