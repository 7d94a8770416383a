import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct RunRecordTimestampTests {
  @Test func fastTimestampMatchesTheFormatter() {
    let formatter = ISO8601DateFormatter()
    for text in [
      "2026-12-04T02:00:00Z", "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z",
      "2000-03-01T12:30:45Z", "2099-12-31T00:00:01Z",
    ] {
      #expect(RunRecord.utcTimestamp(text) == formatter.date(from: text), "\(text)")
    }
    #expect(RunRecord.utcTimestamp("2026-12-04T02:00:00+01:00") == nil)
    #expect(RunRecord.utcTimestamp("2026-13-04T02:00:00Z") == nil)
  }
}
