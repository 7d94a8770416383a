/// A JSON document that keeps object keys in the order they were served, and numbers as
/// written: what a YAML view of an API object prints.
public indirect enum OrderedJSON: Sendable, Hashable {
  case null
  case bool(Bool)
  /// A number in its original text.
  case number(String)
  case string(String)
  case array([OrderedJSON])
  case object([Member])

  /// One key and value of an object.
  public struct Member: Sendable, Hashable {
    public var key: String
    public var value: OrderedJSON

    public init(_ key: String, _ value: OrderedJSON) {
      self.key = key
      self.value = value
    }
  }

  /// Parses one JSON document.
  public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> OrderedJSON {
    var reader = OrderedJSONReader(bytes: bytes)
    reader.skipSpace()
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.position == bytes.count else {
      throw reader.failure("unexpected text after the document")
    }
    return value
  }

  /// The value without `metadata.managedFields`, as kubectl hides it by default.
  public func withoutManagedFields() -> OrderedJSON {
    guard case .object(var members) = self,
      let index = members.firstIndex(where: { $0.key == "metadata" }),
      case .object(let metadata) = members[index].value
    else { return self }
    members[index].value = .object(metadata.filter { $0.key != "managedFields" })
    return .object(members)
  }
}

private struct OrderedJSONReader {
  let bytes: [UInt8]
  var position = 0

  func failure(_ reason: String) -> JSONParseError {
    JSONParseError(offset: position, reason: reason)
  }

  mutating func skipSpace() {
    while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
      position += 1
    }
  }

  mutating func value(depth: Int) throws(JSONParseError) -> OrderedJSON {
    guard depth < 512 else { throw failure("nested too deeply") }
    guard position < bytes.count else { throw failure("unexpected end") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: return try number()
    }
  }

  mutating func literal(_ word: String, _ value: OrderedJSON) throws(JSONParseError)
    -> OrderedJSON
  {
    let expected = Array(word.utf8)
    guard position + expected.count <= bytes.count,
      Array(bytes[position..<position + expected.count]) == expected
    else { throw failure("unexpected character") }
    position += expected.count
    return value
  }

  mutating func number() throws(JSONParseError) -> OrderedJSON {
    let start = position
    let allowed = Set("+-0123456789.eE".utf8)
    while position < bytes.count, allowed.contains(bytes[position]) { position += 1 }
    guard position > start else { throw failure("unexpected character") }
    return .number(String(decoding: bytes[start..<position], as: UTF8.self))
  }

  mutating func object(depth: Int) throws(JSONParseError) -> OrderedJSON {
    position += 1
    var members: [OrderedJSON.Member] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object([])
    }
    while true {
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw failure("expected a key")
      }
      let key = try string()
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
        throw failure("expected ':'")
      }
      position += 1
      skipSpace()
      members.append(OrderedJSON.Member(key, try value(depth: depth + 1)))
      skipSpace()
      guard position < bytes.count else { throw failure("unexpected end") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
      position += 1
      return .object(members)
    }
  }

  mutating func array(depth: Int) throws(JSONParseError) -> OrderedJSON {
    position += 1
    var items: [OrderedJSON] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array([])
    }
    while true {
      skipSpace()
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard position < bytes.count else { throw failure("unexpected end") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
      position += 1
      return .array(items)
    }
  }

  mutating func string() throws(JSONParseError) -> String {
    position += 1
    var scalars = String.UnicodeScalarView()
    var run: [UInt8] = []
    func flush() {
      if !run.isEmpty {
        scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
        run.removeAll()
      }
    }
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if byte == UInt8(ascii: "\"") {
        flush()
        return String(scalars)
      }
      guard byte == UInt8(ascii: "\\") else {
        run.append(byte)
        continue
      }
      flush()
      guard position < bytes.count else { break }
      let escape = bytes[position]
      position += 1
      switch escape {
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "u"):
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count,
          bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
        {
          position += 2
          let low = try hex4()
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
      default: scalars.append(Unicode.Scalar(escape))
      }
    }
    throw failure("unterminated string")
  }

  mutating func hex4() throws(JSONParseError) -> UInt32 {
    guard position + 4 <= bytes.count,
      let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
    else { throw failure("bad \\u escape") }
    position += 4
    return code
  }
}
