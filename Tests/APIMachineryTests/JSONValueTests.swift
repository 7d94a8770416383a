import Testing

@testable import APIMachinery

@Suite struct JSONValueTests {
  @Test func roundTripsEveryKind() throws {
    let text = #"{"a":[1,2.5,"x\n\"y",true,null],"b":{"c":-7},"d":"\u00e9\ud83d\ude00"}"#
    let value = try JSONValue.parse(text)
    #expect(value["a"]?[0]?.intValue == 1)
    #expect(value["a"]?[2]?.stringValue == "x\n\"y")
    #expect(value["d"]?.stringValue == "é😀")
    #expect(try JSONValue.parse(value.serialized()) == value)
  }

  @Test func rejectsTrailingText() {
    #expect(throws: JSONParseError.self) { try JSONValue.parse("{} x") }
  }

  @Test func setsNestedPaths() {
    var value: JSONValue = [:]
    value[path: ["metadata", "labels", "app"]] = "web"
    #expect(value[path: ["metadata", "labels", "app"]] == "web")
  }

  @Test func rfc3339RoundTrip() throws {
    let date = try #require(RFC3339.parse("2024-01-01T00:05:00Z"))
    #expect(date.timeIntervalSince1970 == 1_704_067_500)
    #expect(RFC3339.format(date) == "2024-01-01T00:05:00Z")
    #expect(RFC3339.parse("2024-01-01T01:05:00+01:00") == date)
    #expect(RFC3339.parse("2024-01-01") == nil)
  }
}
