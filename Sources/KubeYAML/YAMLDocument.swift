import APIMachinery
import Foundation

/// One document of a YAML stream, converted to JSON values, with the source line of its nodes.
public struct YAMLDocument: Sendable, Hashable {
  /// The document's content.
  public var value: JSONValue

  /// The line (from 1) where the document's root node starts.
  public var line: Int

  /// The line (from 1) of every node, keyed by its JSON Pointer (RFC 6901): `""` is the root,
  /// `"/spec/template"` a mapping member, `"/items/0"` a sequence element. Members that came in
  /// through an alias or a merge key carry the line where their content is written.
  public var nodeLines: [String: Int]

  /// Creates a document; `nodeLines` defaults to the root line alone.
  public init(value: JSONValue, line: Int, nodeLines: [String: Int]? = nil) {
    self.value = value
    self.line = line
    self.nodeLines = nodeLines ?? ["": line]
  }

  /// The line of the node at `path` (object keys, or decimal indices for arrays); when that
  /// node has no known line, the line of its nearest ancestor that has one.
  public func line(at path: [String]) -> Int {
    var remaining = path[...]
    while true {
      if let found = nodeLines[JSONPointer.make(remaining)] { return found }
      guard !remaining.isEmpty else { return line }
      remaining = remaining.dropLast()
    }
  }

  /// The document for the node at `path`, with `nodeLines` re-rooted there, or `nil` when the
  /// document has no such node.
  public func subdocument(at path: [String]) -> YAMLDocument? {
    guard let child = value.lookup(path) else { return nil }

    let prefix = JSONPointer.make(path[...])
    var lines: [String: Int] = [:]
    for (pointer, found) in nodeLines where pointer.hasPrefix(prefix) {
      let rest = pointer.dropFirst(prefix.count)
      if rest.isEmpty || rest.hasPrefix("/") { lines[String(rest)] = found }
    }
    return YAMLDocument(value: child, line: self.line(at: path), nodeLines: lines)
  }
}

/// JSON Pointer text (RFC 6901) for paths of keys.
enum JSONPointer {
  /// One reference token, with `~` and `/` escaped.
  static func escape(_ token: String) -> String {
    token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  /// The pointer for a path of keys.
  static func make(_ path: ArraySlice<String>) -> String {
    path.map { "/" + escape($0) }.joined()
  }
}

extension JSONValue {
  /// The value at a path where object members are named by key and array elements by their
  /// decimal index, or `nil`.
  func lookup(_ path: [String]) -> JSONValue? {
    var current = self
    for key in path {
      switch current {
      case .object(let members):
        guard let next = members[key] else { return nil }
        current = next
      case .array(let items):
        guard let index = Int(key), items.indices.contains(index) else { return nil }
        current = items[index]
      default:
        return nil
      }
    }
    return current
  }
}
