import APIMachinery

/// Turns one node tree into a `JSONValue`, noting the line of every node by its JSON Pointer.
struct YAMLConverter {
  let file: String

  /// Lines from 1, keyed by JSON Pointer.
  private(set) var lines: [String: Int] = [:]

  init(file: String) {
    self.file = file
  }

  mutating func convert(_ node: YAMLNode, pointer: String) throws(YAMLError) -> JSONValue {
    lines[pointer] = node.mark.line

    switch node {
    case .scalar(let scalar):
      return try YAMLScalarTyping.value(of: scalar, file: file)
    case .sequence(let items, _):
      var values: [JSONValue] = []
      values.reserveCapacity(items.count)
      for (index, item) in items.enumerated() {
        values.append(try convert(item, pointer: pointer + "/\(index)"))
      }
      return .array(values)
    case .mapping(let pairs, _):
      return .object(try members(of: pairs, pointer: pointer))
    }
  }

  /// The members of a mapping: first the merged ones (`<<`), then its own keys over them.
  private mutating func members(
    of pairs: [YAMLPair], pointer: String
  ) throws(YAMLError) -> [String: JSONValue] {
    var result: [String: JSONValue] = [:]
    for pair in pairs where Self.isMergeKey(pair.key) {
      try merge(pair.value, into: &result, pointer: pointer)
    }

    for pair in pairs where !Self.isMergeKey(pair.key) {
      let key = try keyText(pair.key)
      result[key] = try convert(pair.value, pointer: pointer + "/" + JSONPointer.escape(key))
    }
    return result
  }

  /// Adds the members of a merged mapping, or of a list of them (earlier ones win).
  private mutating func merge(
    _ source: YAMLNode, into result: inout [String: JSONValue], pointer: String
  ) throws(YAMLError) {
    switch source {
    case .mapping(let pairs, _):
      for (key, value) in try members(of: pairs, pointer: pointer) {
        result[key] = value
      }
    case .sequence(let items, _):
      for item in items.reversed() {
        guard case .mapping = item else { throw mergeError(at: item.mark) }
        try merge(item, into: &result, pointer: pointer)
      }
    case .scalar(let scalar):
      throw mergeError(at: scalar.mark)
    }
  }

  private func mergeError(at mark: YAMLMark) -> YAMLError {
    YAMLError(
      file: file, line: mark.line, column: mark.column,
      reason: "a merge key (<<) needs a mapping or a list of mappings")
  }

  /// A mapping key as a string: scalars by their typed value, as sigs.k8s.io/yaml does.
  private func keyText(_ key: YAMLNode) throws(YAMLError) -> String {
    guard case .scalar(let scalar) = key else {
      let mark = key.mark
      throw YAMLError(
        file: file, line: mark.line, column: mark.column,
        reason: "a mapping key must be a scalar, not a sequence or mapping")
    }

    switch try YAMLScalarTyping.value(of: scalar, file: file) {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .double(let number): return YAMLScalarTyping.keyText(number)
    case .bool(let flag): return flag ? "true" : "false"
    default: return "null"
    }
  }

  private static func isMergeKey(_ key: YAMLNode) -> Bool {
    guard case .scalar(let scalar) = key, scalar.text == "<<" else { return false }
    return scalar.tag == YAMLScalarTyping.mergeTag || (scalar.tag == nil && scalar.isPlain)
  }
}
