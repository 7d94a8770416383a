import Foundation

/// Go's `time.ParseDuration`, as `@every <duration>` uses it: returns nanoseconds or the Go error
/// text.
enum GoDuration {
  private static let units: [String: UInt64] = [
    "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000,
    "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
  ]

  /// Parses `text` (e.g. `1h30m`, `90s`, `-1.5m`) into nanoseconds.
  static func parse(_ text: String) -> Result<Int64, GoDurationError> {
    let original = text
    var rest = Substring(text).utf8[...]
    let invalid = GoDurationError("time: invalid duration " + GoQuote.quote(original))
    var negative = false
    if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      rest = rest.dropFirst()
    }

    if rest.elementsEqual("0".utf8) { return .success(0) }
    if rest.isEmpty { return .failure(invalid) }

    var total: UInt64 = 0
    let limit: UInt64 = 1 << 63
    while !rest.isEmpty {
      guard let head = rest.first, head == UInt8(ascii: ".") || isDigit(head) else {
        return .failure(invalid)
      }

      var whole: UInt64 = 0
      let before = rest.count
      while let digit = rest.first, isDigit(digit) {
        guard whole <= (limit - 1) / 10 else { return .failure(invalid) }
        whole = whole * 10 + UInt64(digit - UInt8(ascii: "0"))
        guard whole <= limit - 1 else { return .failure(invalid) }
        rest = rest.dropFirst()
      }
      let hadWhole = rest.count != before

      var fraction: UInt64 = 0
      var scale = 1.0
      var hadFraction = false
      if rest.first == UInt8(ascii: ".") {
        rest = rest.dropFirst()
        let start = rest.count
        var overflow = false
        while let digit = rest.first, isDigit(digit) {
          if !overflow {
            if fraction > (limit - 1) / 10 {
              overflow = true
            } else {
              let next = fraction * 10 + UInt64(digit - UInt8(ascii: "0"))
              if next > limit {
                overflow = true
              } else {
                fraction = next
                scale *= 10
              }
            }
          }
          rest = rest.dropFirst()
        }
        hadFraction = rest.count != start
      }
      guard hadWhole || hadFraction else { return .failure(invalid) }

      let unitEnd = rest.firstIndex { $0 == UInt8(ascii: ".") || isDigit($0) } ?? rest.endIndex
      let unitBytes = rest[rest.startIndex..<unitEnd]
      guard !unitBytes.isEmpty else {
        return .failure(
          GoDurationError("time: missing unit in duration " + GoQuote.quote(original)))
      }
      let unitText = String(decoding: unitBytes, as: UTF8.self)
      rest = rest[unitEnd...]
      guard let unit = units[unitText] else {
        let message =
          "time: unknown unit " + GoQuote.quote(unitText) + " in duration "
          + GoQuote.quote(original)
        return .failure(GoDurationError(message))
      }

      guard whole <= limit / unit else { return .failure(invalid) }
      var value = whole * unit
      if fraction > 0 {
        value += UInt64(Double(fraction) * (Double(unit) / scale))
        guard value <= limit else { return .failure(invalid) }
      }
      total += value
      guard total <= limit else { return .failure(invalid) }
    }

    if negative { return .success(total == limit ? Int64.min : -Int64(total)) }
    guard total <= limit - 1 else { return .failure(invalid) }
    return .success(Int64(total))
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}

/// A Go duration parse error, carrying Go's message.
struct GoDurationError: Error, Sendable {
  let message: String

  init(_ message: String) { self.message = message }
}

/// Go's `strconv.Quote` for the strings that appear in the library's messages.
enum GoQuote {
  /// Wraps `text` in double quotes, escaping quotes, backslashes and control characters.
  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += String(format: "\\x%02x", scalar.value)
        } else if scalar.properties.isWhitespace && scalar != " " {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
