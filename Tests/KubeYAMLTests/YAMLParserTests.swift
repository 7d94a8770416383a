import APIMachinery
import Testing

@testable import KubeYAML

@Suite struct YAMLParserTests {
  let parser = YAMLParser()

  func single(_ text: String) throws -> JSONValue {
    let documents = try parser.parse(text, file: "t.yaml")
    try #require(documents.count == 1)
    return documents[0].value
  }

  @Test func documentsAreSplitAndEmptyOnesSkipped() throws {
    let text = "---\n# only a comment\n---\na: 1\n---\n---\nb: 2\n...\n---\n~\n"
    let documents = try parser.parse(text, file: "multi.yaml")

    #expect(documents.map(\.value) == [["a": 1], ["b": 2]])
    #expect(documents.map(\.line) == [4, 7])
  }

  @Test func emptyTextHasNoDocuments() throws {
    #expect(try parser.parse("", file: "e.yaml").isEmpty)
    #expect(try parser.parse("# nothing\n\n", file: "e.yaml").isEmpty)
  }

  @Test func nodeLinesAreKeptByPointer() throws {
    let text = "kind: Job\nspec:\n  template:\n    containers:\n    - name: a\n    - name: b\n"
    let document = try #require(try parser.parse(text, file: "l.yaml").first)

    #expect(document.nodeLines["/spec"] == 3)
    #expect(document.nodeLines["/spec/template/containers"] == 5)
    #expect(document.nodeLines["/spec/template/containers/1"] == 6)
    #expect(document.nodeLines["/kind"] == 1)
    #expect(document.line(at: ["spec", "template", "containers", "1", "missing"]) == 6)
    #expect(document.subdocument(at: ["spec", "template", "containers", "1"])?.line == 6)
  }

  @Test func anchorsAliasesAndMergeKeys() throws {
    let text = """
      base: &base {image: busybox, pull: Always}
      list: &items [1, 2]
      copy: *items
      merged:
        <<: *base
        pull: Never
      multi:
        <<: [{a: 1, b: 1}, {b: 2, c: 2}]
      """
    let value = try single(text)

    #expect(value["copy"] == [1, 2])
    #expect(value["merged"] == ["image": "busybox", "pull": "Never"])
    #expect(value["multi"] == ["a": 1, "b": 1, "c": 2])
  }

  @Test func explicitKeysBeatMergedKeysWhateverTheOrder() throws {
    let value = try single("x: &x {a: 1, b: 1}\nz:\n  a: 2\n  <<: *x\n")
    #expect(value["z"] == ["a": 2, "b": 1])
  }

  @Test func mergeOfAScalarFails() {
    #expect(throws: YAMLError.self) { try parser.parse("a:\n  <<: 3\n", file: "m.yaml") }
  }

  @Test func aliasBombIsCapped() throws {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in 1...9 {
      let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      lines.append("a\(level): &a\(level) [\(refs)]")
    }
    let error = #expect(throws: YAMLError.self) {
      try YAMLParser(maxExpandedNodes: 100_000).parse(lines.joined(separator: "\n"), file: "b.yaml")
    }
    #expect(error?.reason.contains("100000 nodes") == true)
    #expect(error?.line ?? 0 >= 5)
  }

  @Test func recursiveAliasIsRejected() {
    let error = #expect(throws: YAMLError.self) {
      try parser.parse("a: &a\n  b: *a\n", file: "r.yaml")
    }
    #expect(error?.reason.contains("contains it") == true)
    #expect(error?.line == 2)
  }

  @Test func undefinedAliasIsRejected() {
    #expect(throws: YAMLError.self) { try parser.parse("a: *nowhere\n", file: "u.yaml") }
  }

  @Test func blockScalarsAndChomping() throws {
    let text =
      "clip: |\n  one\n  two\n\nstrip: |-\n  one\nkeep: |+\n  one\n\nfold: >\n  a\n  b\n\n  c\n"
    let value = try single(text)

    #expect(value["clip"] == "one\ntwo\n")
    #expect(value["strip"] == "one")
    #expect(value["keep"] == "one\n\n")
    #expect(value["fold"] == "a b\nc\n")
  }

  @Test func flowCollectionsAndComments() throws {
    let value = try single("a: {b: [1, two, {c: null}]}  # trailing\n# whole line\nd: [ ]\n")
    #expect(value == ["a": ["b": [1, "two", ["c": nil]]], "d": []])
  }

  @Test func nonStringKeysBecomeStrings() throws {
    let value = try single("1: a\ntrue: b\n~: c\n0x10: d\n1.5: e\n2.0: f\n")
    #expect(value == ["1": "a", "true": "b", "null": "c", "16": "d", "1.5": "e", "2": "f"])
  }

  @Test func collectionKeyIsRejected() {
    let error = #expect(throws: YAMLError.self) { try parser.parse("? [a]\n: 1\n", file: "k.yaml") }
    #expect(error?.line == 1)
  }

  @Test func duplicateKeysKeepTheLastValue() throws {
    #expect(try single("a: 1\na: 2\n") == ["a": 2])
  }

  @Test func malformedYAMLReportsLineAndColumn() {
    let error = #expect(throws: YAMLError.self) {
      try parser.parse("a: 1\nb: [1, 2\nc: 3\n", file: "bad.yaml")
    }
    #expect(error?.file == "bad.yaml")
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(error?.reason.contains("flow sequence") == true)
    #expect(error?.description.hasPrefix("bad.yaml:3:2: ") == true)
  }

  @Test func badIndentationReportsItsLine() {
    let error = #expect(throws: YAMLError.self) {
      try parser.parse("a:\n  b: 1\n c: 2\n", file: "indent.yaml")
    }
    #expect(error?.line == 3)
    #expect(error?.reason.isEmpty == false)
  }

  @Test func controlCharacterReportsItsPlace() {
    let error = #expect(throws: YAMLError.self) {
      try parser.parse("a: 1\nb: x\u{1}y\n", file: "c.yaml")
    }
    #expect(error?.line == 2)
    #expect(error?.column == 5)
    #expect(error?.reason.contains("control characters") == true)
  }

  @Test func deepNestingIsCapped() {
    let text = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
    #expect(throws: YAMLError.self) {
      try YAMLParser(maxDepth: 20).parse(text, file: "deep.yaml")
    }
    #expect((try? YAMLParser(maxDepth: 60).parse(text, file: "deep.yaml"))?.count == 1)
  }

  @Test func jsonTextIsRead() throws {
    let text =
      "{\"kind\": \"Pod\",\n \"n\": 10, \"f\": 1.5, \"s\": \"yes\", \"b\": true, \"z\": null}"
    let document = try parser.parseJSON(text, file: "p.json")

    #expect(document.value == ["kind": "Pod", "n": 10, "f": 1.5, "s": "yes", "b": true, "z": nil])
  }

  @Test func jsonErrorsHaveLineAndColumn() {
    let error = #expect(throws: YAMLError.self) {
      try parser.parseJSON("{\n  \"a\": 1,\n  \"b\": }\n", file: "bad.json")
    }
    #expect(error?.file == "bad.json")
    #expect(error?.line == 3)
  }
}

@Suite struct KubeconfigShapeTests {
  @Test func kubeconfigStyleYAMLReads() throws {
    let text = """
      apiVersion: v1
      kind: Config
      current-context: dev
      preferences: {}
      clusters:
      - name: dev-cluster
        cluster:
          server: https://127.0.0.1:6443
          insecure-skip-tls-verify: false
      users:
      - name: alice
        user: {token: abc, as-groups: [a, b]}
      contexts:
      - name: dev
        context: {cluster: dev-cluster, user: alice, namespace: team-a}
      """
    let value = try #require(try YAMLParser().parse(text, file: "config").first?.value)

    #expect(value["preferences"] == [:])
    #expect(value["clusters"]?[0]?[path: ["cluster", "insecure-skip-tls-verify"]] == false)
    #expect(value["users"]?[0]?[path: ["user", "as-groups"]] == ["a", "b"])
    #expect(value["contexts"]?[0]?[path: ["context", "namespace"]] == "team-a")
  }
}
