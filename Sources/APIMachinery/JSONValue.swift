import Foundation

/// A JSON document kept whole: every field an API object carries survives a decode and encode.
///
/// Objects keep their keys in a dictionary; `serialized()` writes them sorted, so output is stable.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The member `key` of an object, or `nil` for a missing key or a value that is not an object.
  public subscript(key: String) -> JSONValue? {
    get {
      guard case .object(let members) = self else { return nil }
      return members[key]
    }
    set {
      guard case .object(var members) = self else { return }
      members[key] = newValue
      self = .object(members)
    }
  }

  /// The element at `index` of an array, or `nil`.
  public subscript(index: Int) -> JSONValue? {
    guard case .array(let items) = self, items.indices.contains(index) else { return nil }
    return items[index]
  }

  /// The value at a path of object keys, such as `["metadata", "name"]`.
  public subscript(path path: [String]) -> JSONValue? {
    get {
      var current: JSONValue? = self
      for key in path { current = current?[key] }
      return current
    }
    set {
      guard let first = path.first else {
        if let newValue { self = newValue }
        return
      }
      if case .object = self {} else { self = .object([:]) }
      var child = self[first] ?? .object([:])
      child[path: Array(path.dropFirst())] = newValue
      if path.count == 1 {
        self[first] = newValue
      } else {
        self[first] = child
      }
    }
  }

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// An integer, also from a JSON number written with a fraction of zero.
  public var intValue: Int64? {
    switch self {
    case .int(let number): return number
    case .double(let number) where number.rounded() == number && abs(number) < 9e18:
      return Int64(number)
    default: return nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var objectValue: [String: JSONValue]? {
    if case .object(let members) = self { return members }
    return nil
  }

  public var isNull: Bool { self == .null }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(nilLiteral: ()) { self = .null }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}
