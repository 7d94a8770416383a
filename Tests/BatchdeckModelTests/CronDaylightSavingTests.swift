import BatchdeckModel
import Foundation
import Testing

@Suite struct CronDaylightSavingTests {
  @Test func springForwardSkipsTheMissingWallTime() {
    // 2024-03-10 02:30 does not exist in New York: no run that day.
    #expect(
      fires("30 2 * * *", from: "2024-03-09T00:00:00Z", zone: "America/New_York")
        == ["2024-03-09T07:30:00Z", "2024-03-11T06:30:00Z", "2024-03-12T06:30:00Z"])
    // Hourly goes 01:00 EST to 03:00 EDT.
    #expect(
      fires("0 * * * *", from: "2024-03-10T05:30:00Z", zone: "America/New_York")
        == ["2024-03-10T06:00:00Z", "2024-03-10T07:00:00Z", "2024-03-10T08:00:00Z"])
  }

  @Test func fallBackRepeatsTheWallTime() {
    #expect(
      fires("30 1 * * *", from: "2024-11-02T12:00:00Z", zone: "America/New_York")
        == ["2024-11-03T05:30:00Z", "2024-11-03T06:30:00Z", "2024-11-04T06:30:00Z"])
    #expect(
      fires("0 2 * * *", from: "2023-10-28T12:00:00Z", zone: "Europe/Berlin")
        == ["2023-10-29T00:00:00Z", "2023-10-29T01:00:00Z", "2023-10-30T01:00:00Z"])
  }

  @Test func halfHourDaylightSavingOnLordHowe() {
    // Lord Howe moves from +10:30 to +11 on 2024-10-06 at 02:00 local.
    #expect(
      fires("15 2 * * *", from: "2024-10-04T00:00:00Z", zone: "Australia/Lord_Howe", count: 2)
        == ["2024-10-04T15:45:00Z", "2024-10-06T15:15:00Z"])
  }
}

@Suite struct DayMatchingTests {
  @Test func bothRestrictedMeansEither() {
    #expect(
      fires("0 0 1,15 * 5", from: "2025-08-16T12:00:00Z", count: 4)
        == [
          "2025-08-22T00:00:00Z", "2025-08-29T00:00:00Z", "2025-09-01T00:00:00Z",
          "2025-09-05T00:00:00Z",
        ])
  }

  @Test func starStepOneKeepsTheStarButStepTwoClearsIt() {
    // */1 is a star: Mondays only.
    #expect(
      fires("0 0 */1 * 1", from: "2027-03-01T12:00:00Z", count: 2)
        == ["2027-03-08T00:00:00Z", "2027-03-15T00:00:00Z"])
    // */2 is not: odd days or Mondays.
    #expect(
      fires("0 0 */2 * 1", from: "2027-03-01T12:00:00Z", count: 3)
        == ["2027-03-03T00:00:00Z", "2027-03-05T00:00:00Z", "2027-03-07T00:00:00Z"])
    #expect(
      fires("0 0 */2 * 1", from: "2027-03-07T12:00:00Z", count: 2)
        == ["2027-03-08T00:00:00Z", "2027-03-09T00:00:00Z"])
  }

  @Test func impossibleDateIsNever() {
    #expect(fires("0 0 31 2 *", from: "2025-06-10T10:00:00Z").isEmpty)
    #expect(fires("0 0 30 2 *", from: "2025-06-10T10:00:00Z").isEmpty)
    #expect(fires("0 0 29 2 *", from: "2025-06-10T10:00:00Z", count: 1) == ["2028-02-29T00:00:00Z"])
  }
}
