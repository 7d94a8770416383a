import BatchdeckModel
import Foundation
import Testing

private func at(_ text: String) -> Date {
  UTCText.parse(text) ?? Date(timeIntervalSince1970: 0)
}

@Suite struct ScheduleTimingTests {
  let utc = TimeZoneResolver.utc

  @Test func manyMissedStillRunsTheMostRecent() throws {
    let schedule = try CronSchedule.parse("*/5 * * * *")
    let due = try ScheduleTiming.mostRecent(
      schedule: schedule, zone: utc, now: at("2024-01-01T20:07:00Z"),
      creation: at("2024-01-01T00:00:00Z"), lastSchedule: at("2024-01-01T10:05:00Z"))
    #expect(due.due == at("2024-01-01T20:05:00Z"))
    #expect(due.tooManyMissed)
    #expect(due.missedEstimate == 120)
  }

  @Test func deadlineMovesTheEarliestTime() throws {
    let schedule = try CronSchedule.parse("* * * * *")
    let due = try ScheduleTiming.mostRecent(
      schedule: schedule, zone: utc, now: at("2024-01-01T12:07:30Z"),
      creation: at("2024-01-01T00:00:00Z"), lastSchedule: at("2024-01-01T10:05:00Z"),
      startingDeadlineSeconds: 200)
    #expect(due.earliest == at("2024-01-01T12:04:10Z"))
    #expect(due.due == at("2024-01-01T12:07:00Z"))
    #expect(due.missed == .few)
  }

  @Test func nothingDueAndOneDue() throws {
    let schedule = try CronSchedule.parse("0 * * * *")
    let none = try ScheduleTiming.mostRecent(
      schedule: schedule, zone: utc, now: at("2024-01-01T10:30:00Z"),
      creation: at("2024-01-01T10:10:00Z"), lastSchedule: nil)
    #expect(none.due == nil && none.missed == .none && none.next == at("2024-01-01T11:00:00Z"))
    let one = try ScheduleTiming.mostRecent(
      schedule: schedule, zone: utc, now: at("2024-01-01T11:00:00Z"),
      creation: at("2024-01-01T10:10:00Z"), lastSchedule: nil)
    #expect(one.due == at("2024-01-01T11:00:00Z") && one.missedEstimate == 1)
  }

  @Test func neverFiringScheduleIsAnError() throws {
    let schedule = try CronSchedule.parse("59 23 31 2 *")
    #expect(throws: ScheduleTiming.noIntervalError) {
      try ScheduleTiming.mostRecent(
        schedule: schedule, zone: utc, now: at("2025-06-10T10:00:00Z"),
        creation: at("2025-06-01T00:00:00Z"), lastSchedule: nil)
    }
  }

  @Test func requeueDelayIsNextFirePlusAHundredMilliseconds() throws {
    let schedule = try CronSchedule.parse("*/5 * * * *")
    let delay = ScheduleTiming.requeueDelay(
      schedule: schedule, zone: utc, now: at("2024-01-01T10:05:00.100Z"),
      creation: at("2024-01-01T00:00:00Z"), lastSchedule: at("2024-01-01T10:05:00Z"))
    #expect(abs((delay ?? 0) - 300.0) < 0.001)
  }

  @Test func exactMissedCountAndJobName() throws {
    let schedule = try CronSchedule.parse("1 0 * * *")
    let count = ScheduleTiming.countFireTimes(
      schedule: schedule, zone: utc, after: at("2025-02-24T00:01:00Z"),
      through: at("2025-02-26T09:00:00Z"))
    #expect(count == 2)
    #expect(
      ScheduleTiming.jobName(cronJob: "hello", scheduled: at("2024-01-01T00:05:00Z"))
        == "hello-28401125")
  }
}

@Suite struct TimeZoneAndDescriptionTests {
  @Test func zoneResolution() throws {
    #expect(try TimeZoneResolver.resolve(nil).secondsFromGMT() == 0)
    #expect(try TimeZoneResolver.resolve("America/New_York").identifier == "America/New_York")
    #expect(TimeZoneResolver.validate("Mars/Olympus")?.message == "unknown time zone Mars/Olympus")
    #expect(TimeZoneResolver.validate("")?.message == "timeZone must be nil or non-empty string")
    #expect(
      TimeZoneResolver.validate("local")?.message.hasPrefix("timeZone must be an explicit") == true)
    #expect(
      TimeZoneResolver.validate("America/../etc")?.message == "unknown time zone America/../etc")
    #expect(TimeZoneResolver.validate("-Bad")?.message == "unknown time zone -Bad")
    #expect(TimeZoneResolver.validate("Europe/Berlin") == nil)
  }

  @Test func controllerScheduleAppliesTheZone() throws {
    let schedule = try ControllerSchedule.make(schedule: "0 4 * * 1-5", timeZone: "Asia/Singapore")
    #expect(schedule.warnings.isEmpty)
    #expect(schedule.next(after: at("2025-06-13T21:00:00Z")) == at("2025-06-15T20:00:00Z"))
    let legacy = try ControllerSchedule.make(schedule: "TZ=UTC 0 4 * * *", timeZone: nil)
    #expect(legacy.warnings.count == 1)
  }

  @Test(
    arguments: [
      ("*/15 * * * *", nil, "every 15 minutes"),
      ("30 2 * * 1-5", "America/New_York", "at 02:30 on Monday to Friday, America/New_York"),
      ("* * * * *", nil, "every minute"),
      ("0 * * * *", nil, "every hour"),
      ("0 0 29 2 *", nil, "at 00:00 on day 29 of the month in February"),
      ("0 0 1,15 * 5", nil, "at 00:00 on day 1 and 15 of the month or on Friday"),
      ("* */5 * * *", nil, "every minute during hours 0, 5, 10, 15 and 20"),
      ("30 3 * * SAT,SUN", nil, "at 03:30 on Sunday and Saturday"),
      ("@every 1h30m", nil, "every 1 hour 30 minutes, counted from the last run"),
    ] as [(String, String?, String)])
  func descriptions(expression: String, zone: String?, expected: String) throws {
    let schedule = try CronSchedule.parse(expression)
    #expect(schedule.describe(zone: zone.flatMap(TimeZone.init(identifier:))) == expected)
  }
}
