import Testing

@testable import APIMachinery

@Suite struct YAMLEmitterTests {
  func yaml(_ json: String, managedFields: Bool = true) throws -> [String] {
    let parsed = try OrderedJSON.parse(Array(json.utf8))
    return YAMLEmitter.lines(managedFields ? parsed : parsed.withoutManagedFields())
  }

  @Test func keysStayInTheOrderServedAndSequencesSitAtTheirKey() throws {
    let lines = try yaml(
      """
      {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"x","labels":{"b":"1","a":"z"}},
       "spec":{"template":{"spec":{"containers":[{"name":"main","args":["sh","-c"]},
       {"name":"side","ports":[]}]}},"completions":5,"ratio":0.25,"suspend":false,
       "selector":null,"empty":{}}}
      """)
    #expect(
      lines == [
        "kind: Job",
        "apiVersion: batch/v1",
        "metadata:",
        "  name: x",
        "  labels:",
        "    b: \"1\"",
        "    a: z",
        "spec:",
        "  template:",
        "    spec:",
        "      containers:",
        "      - name: main",
        "        args:",
        "        - sh",
        "        - -c",
        "      - name: side",
        "        ports: []",
        "  completions: 5",
        "  ratio: 0.25",
        "  suspend: false",
        "  selector: null",
        "  empty: {}",
      ])
  }

  @Test func stringsAreQuotedOnlyWhenYAMLWouldReadThemAsSomethingElse() {
    for text in ["", "true", "No", "on", "null", "~", "123", "1.5", "0x1F", "1e3", ".inf"] {
      #expect(YAMLEmitter.plainOrQuoted(text) == "\"\(text)\"", "\(text) reads as another type")
    }
    #expect(YAMLEmitter.plainOrQuoted("2026-12-04T00:00:00Z") == "\"2026-12-04T00:00:00Z\"")
    #expect(YAMLEmitter.plainOrQuoted("* * * * *") == "'* * * * *'")
    #expect(YAMLEmitter.plainOrQuoted("'q' it") == "'''q'' it'")
    let quoted = [
      "- item", ": x", "a: b", "a #b", " lead", "trail ", "*alias",
      "&anchor", "!tag", "{x}", "[x]", "'q'", "\"q\"", "%x", "@x", "`x", "|x", ">x", "#x",
      "end:",
    ]
    for text in quoted {
      #expect(YAMLEmitter.plainOrQuoted(text).hasPrefix("'"), "\(text) should be quoted")
    }
    let plain = [
      "busybox:1.36", "0 */2 * * *", "-c", "a-b", "http://x/y", "Europe/Berlin", "10Mi", "a'b",
      "x:y", "sha256:abc", "echo hi",
    ]
    for text in plain {
      #expect(YAMLEmitter.plainOrQuoted(text) == text, "\(text) should stay plain")
    }
    #expect(YAMLEmitter.plainOrQuoted("say \"hi\"") == "say \"hi\"")
    #expect(YAMLEmitter.plainOrQuoted("tab\there") == "\"tab\\there\"")
    #expect(YAMLEmitter.plainOrQuoted("bell\u{07}") == "\"bell\\x07\"")
  }

  @Test func multiLineStringsBecomeLiteralBlocksWithTheirChomping() throws {
    let lines = try yaml(
      #"{"a":"one\ntwo","b":"line\n","c":["x\n\ny"],"d":"  indented\nnext","e":"bad \nspace"}"#)
    #expect(
      lines == [
        "a: |-",
        "  one",
        "  two",
        "b: |",
        "  line",
        "c:",
        "- |-",
        "  x",
        "",
        "  y",
        "d: |2-",
        "    indented",
        "  next",
        "e: \"bad \\nspace\"",
      ])
  }

  @Test func managedFieldsAreHiddenOnRequest() throws {
    let json = #"{"metadata":{"name":"x","managedFields":[{"manager":"kubectl"}],"uid":"u"}}"#
    #expect(try yaml(json, managedFields: false) == ["metadata:", "  name: x", "  uid: u"])
    #expect(try yaml(json).contains("  - manager: kubectl"))
  }

  @Test func escapesAndUnicodeSurviveTheParse() throws {
    let lines = try yaml(#"{"s":"caf\u00e9 \ud83d\ude00 \"q\" \\"}"#)
    #expect(lines == ["s: café 😀 \"q\" \\"])
  }

  @Test func brokenJSONIsAnError() {
    #expect(throws: JSONParseError.self) { try OrderedJSON.parse(Array(#"{"a":}"#.utf8)) }
    #expect(throws: JSONParseError.self) { try OrderedJSON.parse(Array(#"{"a":1} x"#.utf8)) }
  }
}
