import Foundation

/// A failure to read JSON text, with the byte offset where reading stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public var offset: Int
  public var reason: String

  public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSONValue {
  /// Parses one JSON document from UTF-8 bytes.
  public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
    var reader = JSONReader(bytes: Array(bytes))
    let value = try reader.readDocument()
    return value
  }

  /// Parses one JSON document from UTF-8 bytes, leaving out every object member named in
  /// `droppedArrays` whose value is an array: such an array is only scanned for its brackets
  /// and strings, not parsed or kept. For API objects' `managedFields`, often the largest part
  /// of an object and read by nothing that decodes them.
  public static func parse(
    _ bytes: [UInt8], droppingArrays droppedArrays: Set<String>
  ) throws(JSONParseError) -> JSONValue {
    var reader = JSONReader(bytes: bytes)
    reader.droppedArrays = droppedArrays
    return try reader.readDocument()
  }

  /// Parses one JSON document from a string.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  /// The compact JSON text of this value, object keys sorted.
  public func serialized() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(into: &out)
    return out
  }

  /// The compact JSON text of this value as a string.
  public var jsonText: String { String(decoding: serialized(), as: UTF8.self) }

  private func write(into out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .int(let number): out.append(contentsOf: String(number).utf8)
    case .double(let number): out.append(contentsOf: Self.format(number).utf8)
    case .string(let text): Self.writeString(text, into: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        item.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      var first = true
      for (key, value) in members.sorted(by: { $0.key < $1.key }) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        Self.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        value.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func format(_ number: Double) -> String {
    guard number.isFinite else { return "null" }
    if number.rounded() == number && abs(number) < 1e15 { return String(Int64(number)) }
    return "\(number)"
  }

  /// Whether `byte` must be escaped inside a JSON string.
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  private static func writeString(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    // Most strings need no escape: scan their bytes in place, then copy them in one go.
    let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      for byte in bytes where needsEscape(byte) { return false }
      out.append(contentsOf: bytes)
      return true
    }
    if copied == true {
      out.append(UInt8(ascii: "\""))
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

/// A recursive-descent JSON reader over UTF-8 bytes.
private struct JSONReader {
  let bytes: [UInt8]
  var position = 0
  var depth = 0
  /// Object members left out when their value is an array.
  var droppedArrays: Set<String> = []

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func readDocument() throws(JSONParseError) -> JSONValue {
    let value = try readValue()
    skipWhitespace()
    guard position == bytes.count else { throw fail("unexpected text after the document") }
    return value
  }

  private func fail(_ reason: String) -> JSONParseError {
    JSONParseError(offset: position, reason: reason)
  }

  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  private mutating func readValue() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    guard position < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try readObject()
    case UInt8(ascii: "["): return try readArray()
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try readLiteral("null", .null)
    default: return try readNumber()
    }
  }

  private mutating func readLiteral(
    _ word: String, _ value: JSONValue
  ) throws(JSONParseError) -> JSONValue {
    let count = word.utf8.count
    guard bytes.count - position >= count,
      bytes[position..<position + count].elementsEqual(word.utf8)
    else { throw fail("unexpected character") }
    position += count
    return value
  }

  private mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > 512 { throw fail("nesting too deep") }
  }

  private mutating func readObject() throws(JSONParseError) -> JSONValue {
    try enter()
    position += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw fail("expected a string key")
      }
      let key = try readString()
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
        throw fail("expected ':'")
      }
      position += 1
      skipWhitespace()
      if !droppedArrays.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "["),
        droppedArrays.contains(key)
      {
        try skipArray()
      } else {
        members[key] = try readValue()
      }
      skipWhitespace()
      guard position < bytes.count else { throw fail("unexpected end of input") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
      position += 1
      depth -= 1
      return .object(members)
    }
  }

  /// Moves past the array at `position`, following only nesting and strings.
  private mutating func skipArray() throws(JSONParseError) {
    var nesting = 0
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
          position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard position < bytes.count else { throw fail("unterminated string") }
        position += 1
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        nesting += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        nesting -= 1
        if nesting == 0 { return }
      default:
        continue
      }
    }
    throw fail("unexpected end of input")
  }

  private mutating func readArray() throws(JSONParseError) -> JSONValue {
    try enter()
    position += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .array(items)
    }
    while true {
      items.append(try readValue())
      skipWhitespace()
      guard position < bytes.count else { throw fail("unexpected end of input") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
      position += 1
      depth -= 1
      return .array(items)
    }
  }

  private mutating func readString() throws(JSONParseError) -> String {
    position += 1
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw fail("control character in string") }
      position += 1
    }
    var scalars: [UInt8] = Array(bytes[start..<position])
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: scalars, as: UTF8.self)
      case UInt8(ascii: "\\"):
        try readEscape(into: &scalars)
      case 0..<0x20:
        throw fail("control character in string")
      default:
        scalars.append(byte)
      }
    }
    throw fail("unterminated string")
  }

  private mutating func readEscape(into out: inout [UInt8]) throws(JSONParseError) {
    guard position < bytes.count else { throw fail("unterminated escape") }
    let code = bytes[position]
    position += 1
    switch code {
    case UInt8(ascii: "\""): out.append(0x22)
    case UInt8(ascii: "\\"): out.append(0x5C)
    case UInt8(ascii: "/"): out.append(0x2F)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try readHex4()
      if (0xD800..<0xDC00).contains(scalar) {
        guard position + 1 < bytes.count, bytes[position] == 0x5C,
          bytes[position + 1] == UInt8(ascii: "u")
        else { throw fail("unpaired surrogate") }
        position += 2
        let low = try readHex4()
        guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
      out.append(contentsOf: Array(String(Character(character)).utf8))
    default:
      throw fail("invalid escape")
    }
  }

  private mutating func readHex4() throws(JSONParseError) -> UInt32 {
    guard bytes.count - position >= 4 else { throw fail("short unicode escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      position += 1
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
      default: throw fail("invalid unicode escape")
      }
      value = value * 16 + digit
    }
    return value
  }

  /// The value of an optional `-` and 1 to 18 decimal digits, read without making a string;
  /// `nil` for anything else (the caller then reads the text as `Int64` or `Double` does).
  private static func integer(_ digits: ArraySlice<UInt8>) -> Int64? {
    var index = digits.startIndex
    let negative = index < digits.endIndex && digits[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    let count = digits.endIndex - index
    guard count > 0, count <= 18 else { return nil }
    var value: Int64 = 0
    while index < digits.endIndex {
      value = value * 10 + Int64(digits[index] &- UInt8(ascii: "0"))
      index += 1
    }
    return negative ? -value : value
  }

  private mutating func readNumber() throws(JSONParseError) -> JSONValue {
    let start = position
    var isInteger = true
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    while position < bytes.count {
      let byte = bytes[position]
      if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        position += 1
      } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      {
        isInteger = false
        position += 1
      } else {
        break
      }
    }
    if isInteger, let number = Self.integer(bytes[start..<position]) { return .int(number) }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard !text.isEmpty, text != "-" else { throw fail("unexpected character") }
    if isInteger, let number = Int64(text) { return .int(number) }
    guard let number = Double(text) else { throw fail("invalid number \(text)") }
    return .double(number)
  }
}
