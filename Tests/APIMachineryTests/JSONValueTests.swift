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

/// The reader's and writer's fast paths (integers read without a string, literals compared in
/// place, strings with nothing to escape copied whole) give what the general paths give.
@Suite struct JSONCodingFastPathTests {
  @Test func writesSortedCompactTextWithEscapes() {
    let value: JSONValue = [
      "b": ["c": .int(-7), "a": [.int(1), .double(2.5), "x\n\"y\u{01}\\", true, .null, false]],
      "a": "é😀", "": .object([:]), "n": .int(Int64.min), "m": .int(Int64.max), "z": .array([]),
    ]
    let text = String(decoding: value.serialized(), as: UTF8.self)
    #expect(
      text
        == #"{"":{},"a":"é😀","b":{"a":[1,2.5,"x\n\"y\u0001\\",true,null,false],"c":-7},"#
        + #""m":9223372036854775807,"n":-9223372036854775808,"z":[]}"#)
  }

  @Test func readsIntegersAsTheTextSpellsThem() throws {
    let cases: [(String, JSONValue)] = [
      ("0", .int(0)), ("-0", .int(0)), ("007", .int(7)), ("-42", .int(-42)),
      ("123456789012345678", .int(123_456_789_012_345_678)),
      ("1234567890123456789", .int(1_234_567_890_123_456_789)),
      ("-9223372036854775808", .int(Int64.min)), ("9223372036854775807", .int(Int64.max)),
      ("9223372036854775808", .double(9_223_372_036_854_775_808)),
      ("1e3", .double(1000)), ("-1.5", .double(-1.5)), ("2E-1", .double(0.2)),
    ]
    for (text, expected) in cases {
      #expect(try JSONValue.parse(text) == expected, "\(text)")
      #expect(try JSONValue.parse("[\(text)]") == .array([expected]), "[\(text)]")
    }
    #expect(throws: JSONParseError.self) { try JSONValue.parse("-") }
    #expect(throws: JSONParseError.self) { try JSONValue.parse("[-]") }
  }

  @Test func readsLiteralsOnlyWhenSpelledInFull() throws {
    #expect(try JSONValue.parse("[true,false,null]") == [true, false, .null])
    for text in ["tru", "[nul]", "fals", "nulll", "[truex]"] {
      #expect(throws: JSONParseError.self, "\(text)") { try JSONValue.parse(text) }
    }
  }

  @Test func roundTripsAnObjectWithManyMembers() throws {
    var object: [String: JSONValue] = [:]
    for index in 0..<300 {
      object["key-\(index)"] = index % 3 == 0 ? .int(Int64(index)) : .string("v\t\(index)")
    }
    let value = JSONValue.object(object)
    let bytes = value.serialized()
    #expect(try JSONValue.parse(bytes) == value)
    #expect(try JSONValue.parse(bytes).serialized() == bytes)
  }
}
