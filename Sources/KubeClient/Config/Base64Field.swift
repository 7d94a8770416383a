import Foundation

/// Decodes `*-data` fields as Go's standard base64 decoder does: line breaks are skipped,
/// anything else outside the alphabet is an error naming its byte offset.
enum Base64Field {
  static func decode(_ text: String) -> Result<[UInt8], Base64FieldError> {
    var cleaned: [UInt8] = []
    var padding = 0
    for (offset, byte) in text.utf8.enumerated() {
      switch byte {
      case 0x0A, 0x0D: continue
      case UInt8(ascii: "="):
        padding += 1
        cleaned.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
        guard padding == 0 else { return .failure(Base64FieldError(offset: offset)) }
        cleaned.append(byte)
      default:
        return .failure(Base64FieldError(offset: offset))
      }
    }
    guard cleaned.count % 4 == 0, padding <= 2,
      let data = Data(base64Encoded: Data(cleaned))
    else {
      return .failure(Base64FieldError(offset: text.utf8.count))
    }
    return .success(Array(data))
  }
}

/// Where base64 text went wrong, in Go's words.
struct Base64FieldError: Error {
  var offset: Int

  var message: String { "illegal base64 data at input byte \(offset)" }
}
