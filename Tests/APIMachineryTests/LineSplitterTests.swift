import APIMachinery
import Testing

/// The newline-searching `append` for byte arrays splits exactly as the generic one does,
/// however a stream is cut into chunks.
@Suite struct LineSplitterTests {
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func byteArraysSplitAsAnyCollection(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var text: [UInt8] = []
    for _ in 0..<2_000 {
      let roll = random.next() % 8
      text.append(roll == 0 ? 0x0A : roll == 1 ? 0x0A : UInt8(ascii: "a") + UInt8(roll))
    }
    var fast = LineSplitter()
    var generic = LineSplitter()
    var fastLines: [[UInt8]] = []
    var genericLines: [[UInt8]] = []
    var start = 0
    while start < text.count {
      let end = min(text.count, start + 1 + Int(random.next() % 40))
      let chunk = Array(text[start..<end])
      fastLines += fast.append(chunk)
      genericLines += generic.append(chunk[...])
      start = end
    }
    #expect(fastLines == genericLines)
    #expect(fast.remainder == generic.remainder)
    #expect(!fastLines.isEmpty && fastLines.allSatisfy { !$0.isEmpty && !$0.contains(0x0A) })
  }
}

/// Parsing that leaves out named arrays gives the full parse minus those arrays, and keeps a
/// member of that name that is not an array.
@Suite struct DroppedArrayParsingTests {
  @Test func namedArraysAreLeftOutAndEverythingElseKept() throws {
    let text = #"""
      {"metadata":{"name":"a","managedFields":[{"manager":"x","fieldsV1":{"f:spec":{}},
      "note":"a \"quoted\" ] bracket"},[1,2]],"labels":{"managedFields":"kept"}},
      "items":[{"managedFields":[]}, {"spec":{"n":[1,{"b":[true]}]}}]}
      """#
    let dropped = try JSONValue.parse(Array(text.utf8), droppingArrays: ["managedFields"])
    var expected = try JSONValue.parse(text)
    expected[path: ["metadata", "managedFields"]] = nil
    expected["items"] = [[:], ["spec": ["n": [1, ["b": [true]]]]]]
    #expect(dropped == expected)
    #expect(dropped[path: ["metadata", "labels", "managedFields"]] == "kept")
  }

  @Test func aBrokenDroppedArrayIsStillAnError() {
    #expect(throws: JSONParseError.self) {
      try JSONValue.parse(
        Array(#"{"managedFields":[{"a":"b}]}"#.utf8), droppingArrays: ["managedFields"])
    }
  }
}
