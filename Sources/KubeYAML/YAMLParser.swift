import APIMachinery
import CYAML
import Foundation

/// Reads YAML streams with libyaml and converts each document to `JSONValue`.
///
/// Scalars are typed the way Kubernetes' `sigs.k8s.io/yaml` (go-yaml v2, YAML 1.1) types them;
/// see `YAMLParser+Scalars.swift`. Mapping keys become strings; a key written twice keeps its
/// last value (as `yaml.Unmarshal`, the non-strict mode, does). Merge keys (`<<`) add the keys
/// of the merged mappings that the mapping does not set itself; in a list of merged mappings
/// the earlier one wins. Empty documents (nothing, only comments, or a null) are skipped.
public struct YAMLParser: Sendable {
  /// The most nodes one document may stand for once aliases are expanded.
  public var maxExpandedNodes: Int

  /// The deepest nesting of sequences and mappings accepted.
  public var maxDepth: Int

  /// Creates a parser with limits against alias bombs and runaway nesting.
  public init(maxExpandedNodes: Int = 1_000_000, maxDepth: Int = 1000) {
    self.maxExpandedNodes = maxExpandedNodes
    self.maxDepth = maxDepth
  }

  /// Parses every non-empty document of `text`; `file` names the source in errors.
  public func parse(_ text: String, file: String = "<input>") throws(YAMLError) -> [YAMLDocument] {
    let trees = try readTrees(Array(text.utf8), file: file)

    var documents: [YAMLDocument] = []
    for tree in trees {
      var converter = YAMLConverter(file: file)
      let value = try converter.convert(tree, pointer: "")
      if value.isNull { continue }
      documents.append(YAMLDocument(value: value, line: tree.mark.line, nodeLines: converter.lines))
    }
    return documents
  }

  /// Parses the file at `path`: YAML, or JSON for names ending in `.json`.
  public func parse(contentsOf path: String) throws(YAMLError) -> [YAMLDocument] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw YAMLError(file: path, line: 0, column: 0, reason: "the file cannot be read")
    }

    let text = String(decoding: data, as: UTF8.self)
    if path.lowercased().hasSuffix(".json") {
      return [try parseJSON(text, file: path)]
    }
    return try parse(text, file: path)
  }

  /// Parses one JSON document strictly with `JSONValue.parse`. The text is also read as YAML
  /// to learn node lines; they are kept when both readings agree.
  public func parseJSON(_ text: String, file: String = "<input>") throws(YAMLError) -> YAMLDocument
  {
    let value: JSONValue
    do {
      value = try JSONValue.parse(text)
    } catch {
      let (line, column) = Self.position(ofByte: error.offset, in: Array(text.utf8))
      throw YAMLError(file: file, line: line, column: column, reason: error.reason)
    }

    if let documents = try? parse(text, file: file), documents.count == 1,
      documents[0].value == value
    {
      return documents[0]
    }
    return YAMLDocument(value: value, line: 1)
  }

  /// Runs libyaml's event parser over `bytes` and builds one node tree per document.
  private func readTrees(_ bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLNode] {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw YAMLError(file: file, line: 0, column: 0, reason: "libyaml could not start")
    }
    defer { yaml_parser_delete(&parser) }

    let input = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    defer { input.deallocate() }
    input.initialize(from: bytes, count: bytes.count)
    yaml_parser_set_input_string(&parser, input, bytes.count)

    var builder = YAMLTreeBuilder(file: file, maxWeight: maxExpandedNodes, maxDepth: maxDepth)
    var trees: [YAMLNode] = []
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else {
        throw Self.error(of: parser, file: file, bytes: bytes)
      }
      defer { yaml_event_delete(&event) }

      switch event.type {
      case YAML_STREAM_END_EVENT:
        return trees
      case YAML_DOCUMENT_START_EVENT:
        builder.startDocument()
      case YAML_DOCUMENT_END_EVENT:
        if let root = builder.root { trees.append(root) }
      default:
        try Self.feed(event, to: &builder)
      }
    }
  }

  /// Hands one node event to the tree builder.
  private static func feed(_ event: yaml_event_t, to builder: inout YAMLTreeBuilder)
    throws(YAMLError)
  {
    let mark = YAMLMark(
      line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)

    switch event.type {
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      let text =
        data.value.map {
          String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self)
        } ?? ""
      let scalar = YAMLScalar(
        text: text, tag: string(data.tag), isPlain: data.style == YAML_PLAIN_SCALAR_STYLE,
        mark: mark)
      try builder.scalar(scalar, anchor: string(data.anchor))
    case YAML_ALIAS_EVENT:
      try builder.alias(string(event.data.alias.anchor) ?? "", mark: mark)
    case YAML_SEQUENCE_START_EVENT:
      try builder.startSequence(mark: mark, anchor: string(event.data.sequence_start.anchor))
    case YAML_MAPPING_START_EVENT:
      try builder.startMapping(mark: mark, anchor: string(event.data.mapping_start.anchor))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      try builder.end()
    default:
      break
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  /// libyaml's problem and context as one `YAMLError`.
  private static func error(
    of parser: yaml_parser_t, file: String, bytes: [UInt8]
  ) -> YAMLError {
    var reason = parser.problem.map { String(cString: $0) } ?? "the text is not valid YAML"
    if parser.error == YAML_READER_ERROR {
      let offset = min(Int(parser.problem_offset), bytes.count)
      let (line, column) = position(ofByte: offset, in: bytes)
      return YAMLError(file: file, line: line, column: column, reason: reason)
    }

    if let context = parser.context.map({ String(cString: $0) }) {
      let line = parser.context_mark.line + 1
      let column = parser.context_mark.column + 1
      reason += " (\(context) at line \(line), column \(column))"
    }
    let mark = parser.problem_mark
    return YAMLError(
      file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, reason: reason)
  }

  /// The line and column (from 1) of a byte offset in `text`.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for byte in bytes.prefix(offset) {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
