import Testing

@testable import BatchdeckModel

@Suite struct HumanDurationTests {
  static let cases: [(Double, String)] = [
    (-5.0, "<invalid>"), (-0.5, "0s"), (45, "45s"), (119, "119s"), (150, "2m30s"), (540, "9m"),
    (599, "9m59s"), (600, "10m"), (179 * 60, "179m"), (3 * 3600, "3h"), (3 * 3600 + 240, "3h4m"),
    (47 * 3600, "47h"), (49 * 3600, "2d1h"), (48 * 3600, "2d"), (729 * 86400, "729d"),
    (2 * 365 * 86400, "2y"), (2 * 365 * 86400 + 86400, "2y1d"), (9 * 365 * 86400, "9y"),
  ]

  @Test(arguments: cases)
  func formatsLikeKubectl(seconds: Double, expected: String) {
    #expect(HumanDuration.format(seconds) == expected)
  }

  @Test func missingTimestampIsUnknown() {
    #expect(HumanDuration.age(of: nil, now: .now) == "<unknown>")
  }
}
