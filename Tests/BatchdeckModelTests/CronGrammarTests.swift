import BatchdeckModel
import Foundation
import Testing

/// Fire times for `expression` after `from` in `zone`, as UTC text.
func fires(_ expression: String, from: String, zone: String = "UTC", count: Int = 3) -> [String] {
  guard let schedule = try? CronSchedule.parse(expression), let start = UTCText.parse(from),
    let location = TimeZone(identifier: zone)
  else { return ["unparsable"] }
  return schedule.nextTimes(after: start, in: location, count: count).map(UTCText.format)
}

/// The library's message for a rejected expression, or `nil` when it parses.
func rejection(_ expression: String) -> CronError? {
  do {
    _ = try CronSchedule.parse(expression)
    return nil
  } catch {
    return error
  }
}

@Suite struct CronGrammarTests {
  @Test func numbersRangesStepsAndLists() {
    #expect(
      fires("5,20-21 3 * * *", from: "2027-04-01T00:00:00Z")
        == ["2027-04-01T03:05:00Z", "2027-04-01T03:20:00Z", "2027-04-01T03:21:00Z"])
    #expect(
      fires("10-50/20 * * * *", from: "2027-04-01T06:00:00Z")
        == ["2027-04-01T06:10:00Z", "2027-04-01T06:30:00Z", "2027-04-01T06:50:00Z"])
    // `N/step` means `N-max/step`.
    #expect(
      fires("7/25 * * * *", from: "2027-04-01T06:00:00Z")
        == ["2027-04-01T06:07:00Z", "2027-04-01T06:32:00Z", "2027-04-01T06:57:00Z"])
  }

  @Test func namesInAnyCaseAndQuestionMark() {
    #expect(
      fires("0 12 ? Mar-apr tUe", from: "2027-02-27T00:00:00Z")
        == ["2027-03-02T12:00:00Z", "2027-03-09T12:00:00Z", "2027-03-16T12:00:00Z"])
  }

  @Test func descriptors() {
    #expect(fires("@yearly", from: "2027-05-05T00:00:00Z", count: 1) == ["2028-01-01T00:00:00Z"])
    #expect(fires("@annually", from: "2027-05-05T00:00:00Z", count: 1) == ["2028-01-01T00:00:00Z"])
    #expect(fires("@monthly", from: "2027-05-05T00:00:00Z", count: 1) == ["2027-06-01T00:00:00Z"])
    #expect(fires("@weekly", from: "2027-05-05T00:00:00Z", count: 1) == ["2027-05-09T00:00:00Z"])
    #expect(fires("@daily", from: "2027-05-05T10:00:00Z", count: 1) == ["2027-05-06T00:00:00Z"])
    #expect(fires("@midnight", from: "2027-05-05T10:00:00Z", count: 1) == ["2027-05-06T00:00:00Z"])
    #expect(fires("@hourly", from: "2027-05-05T10:10:00Z", count: 1) == ["2027-05-05T11:00:00Z"])
  }

  @Test func everyDurationIsAnchoredAtTheStart() {
    #expect(
      fires("@every 1h30m", from: "2027-05-05T10:10:10.700Z", count: 2)
        == ["2027-05-05T11:40:10Z", "2027-05-05T13:10:10Z"])
    // Below one second becomes one second; fractions of a second are dropped.
    #expect(
      fires("@every 300ms", from: "2027-05-05T10:00:00Z", count: 1) == ["2027-05-05T10:00:01Z"])
    #expect(
      fires("@every 2.9s", from: "2027-05-05T10:00:00Z", count: 1) == ["2027-05-05T10:00:02Z"])
  }

  @Test func quirksTheLibraryAccepts() {
    #expect(rejection("1,,2 * * * *") == nil)
    #expect(
      fires("*/61 * * * *", from: "2027-05-05T10:10:00Z", count: 1) == ["2027-05-05T11:00:00Z"])
    #expect(rejection("0 0 ? ? ?") == nil)
    #expect(rejection("+5 * * * *") == nil)
    // A field of only commas matches nothing: never.
    #expect(fires(", * * * *", from: "2027-05-05T10:10:00Z").isEmpty)
  }

  @Test func timeZonePrefixIsHonouredAndWarned() throws {
    let schedule = try CronSchedule.parse("CRON_TZ=Asia/Kolkata 30 8 * * *")
    #expect(schedule.hasTimeZonePrefix)
    #expect(schedule.timeZonePrefixWarning != nil)
    #expect(
      fires(
        "TZ=Asia/Kolkata 30 8 * * *", from: "2025-06-10T10:00:00Z", zone: "America/Chicago",
        count: 1) == ["2025-06-11T03:00:00Z"])
    #expect(try CronSchedule.parse("0 0 * * *").timeZonePrefixWarning == nil)
  }
}

@Suite struct CronErrorTests {
  @Test(
    arguments: [
      ("", "empty spec string", nil),
      ("0 */5 * * * *", "expected exactly 5 fields, found 6: [0 */5 * * * *]", nil),
      ("* * * *", "expected exactly 5 fields, found 4: [* * * *]", nil),
      ("@reboot", "unrecognized descriptor: @reboot", nil),
      (
        "@every 1x",
        "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\"",
        nil
      ),
      ("@every", "unrecognized descriptor: @every", nil),
      ("@every ", "failed to parse duration @every : time: invalid duration \"\"", nil),
      (
        "TZ=Mars/Base * * * * *", "provided bad location Mars/Base: unknown time zone Mars/Base",
        nil
      ),
      ("60 * * * *", "end of range (60) above maximum (59): 60", CronField.minute),
      ("0 24 * * *", "end of range (24) above maximum (23): 24", .hour),
      ("0 0 0 * *", "beginning of range (0) below minimum (1): 0", .dayOfMonth),
      ("0 0 * 13 *", "end of range (13) above maximum (12): 13", .month),
      ("0 0 * * 7", "end of range (7) above maximum (6): 7", .dayOfWeek),
      ("0 5 * * MON-SUN", "beginning of range (1) beyond end of range (0): MON-SUN", .dayOfWeek),
      ("*/0 * * * *", "step of range should be a positive number: */0", .minute),
      ("1-2-3 * * * *", "too many hyphens: 1-2-3", .minute),
      ("*/2/3 * * * *", "too many slashes: */2/3", .minute),
      (
        "0 0 L * *", "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax",
        .dayOfMonth
      ),
      (
        "-1 * * * *", "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
        .minute
      ),
      ("5/-1 * * * *", "negative number (-1) not allowed: -1", .minute),
      (
        "0 0 1 JANUARY *",
        "failed to parse int from JANUARY: strconv.Atoi: parsing \"JANUARY\": invalid syntax",
        .month
      ),
      (
        "99999999999999999999 * * * *",
        "failed to parse int from 99999999999999999999: strconv.Atoi: parsing "
          + "\"99999999999999999999\": value out of range", .minute
      ),
    ] as [(String, String, CronField?)])
  func rejectsWithTheLibraryMessage(expression: String, message: String, field: CronField?) {
    let error = rejection(expression)
    #expect(error?.message == message)
    #expect(error?.field == field)
    if let field {
      #expect(error?.description.hasPrefix("\(field.rawValue) field: ") == true)
    }
  }

  @Test func everyErrorHasAHint() {
    for expression in ["0 0 * * 7", "0 0 L * *", "@reboot", "* * * *", ""] {
      #expect(rejection(expression)?.hint.isEmpty == false, "\(expression)")
    }
  }
}
