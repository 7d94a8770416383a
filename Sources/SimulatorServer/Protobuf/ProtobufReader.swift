/// Reads protobuf wire-format fields: varints and length-delimited bytes (fixed 32/64-bit
/// fields are skipped over).
struct ProtobufReader {
  /// One field as it appears on the wire.
  enum Value {
    case varint(UInt64)
    case bytes(ArraySlice<UInt8>)
    case fixed
  }

  /// The message is cut short or uses a wire type that does not exist.
  struct Malformed: Error {}

  private var bytes: ArraySlice<UInt8>

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
  }

  /// The next field number and value, or `nil` at the end of the message.
  mutating func next() throws(Malformed) -> (field: Int, value: Value)? {
    guard !bytes.isEmpty else { return nil }
    let key = try varint()
    let field = Int(key >> 3)
    switch key & 7 {
    case 0: return (field, .varint(try varint()))
    case 1: try skip(8)
    case 2:
      let length = Int(try varint())
      guard length <= bytes.count else { throw Malformed() }
      let value = bytes.prefix(length)
      bytes = bytes.dropFirst(length)
      return (field, .bytes(value))
    case 5: try skip(4)
    default: throw Malformed()
    }
    return (field, .fixed)
  }

  private mutating func skip(_ count: Int) throws(Malformed) {
    guard bytes.count >= count else { throw Malformed() }
    bytes = bytes.dropFirst(count)
  }

  private mutating func varint() throws(Malformed) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while let byte = bytes.first {
      bytes = bytes.dropFirst()
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
      guard shift < 64 else { throw Malformed() }
    }
    throw Malformed()
  }
}
