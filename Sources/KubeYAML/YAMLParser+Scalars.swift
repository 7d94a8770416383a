import APIMachinery

/// Typing of scalars as go-yaml v2 resolves them (what `sigs.k8s.io/yaml` sees):
/// - quoted and block scalars, `!!str`, `!!binary`, `!!timestamp` and `!` are strings;
/// - plain `""`, `~`, `null`, `Null`, `NULL` are null;
/// - plain `y Y yes Yes YES true True TRUE on On ON` are true, the `n`/`no`/`false`/`off`
///   spellings false;
/// - plain numbers after removing `_`: Go `ParseInt(base 0)` (`0x1F`, `0o17`, `017`, `0b101`,
///   signs), then unsigned values above `Int64.max` (as doubles), then YAML floats
///   (`1.5`, `1e3`, `.5`, `08`), and `.inf`, `-.inf`, `.nan` in their three cases;
/// - timestamps stay strings (go-yaml v2 keeps them so when decoding into `interface{}`);
/// - `!!int`, `!!float`, `!!bool`, `!!null` must hold a value of that type;
/// - other tags, such as `!custom`, are ignored and the scalar typed as if untagged.
enum YAMLScalarTyping {
  static let prefix = "tag:yaml.org,2002:"
  static let mergeTag = prefix + "merge"

  private static let trueWords: Set<String> = [
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
  ]
  private static let falseWords: Set<String> = [
    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
  ]
  private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
  private static let specialFloats: [String: Double] = [
    ".inf": .infinity, ".Inf": .infinity, ".INF": .infinity,
    "+.inf": .infinity, "+.Inf": .infinity, "+.INF": .infinity,
    "-.inf": -.infinity, "-.Inf": -.infinity, "-.INF": -.infinity,
    ".nan": .nan, ".NaN": .nan, ".NAN": .nan,
  ]

  /// The typed value of a scalar.
  static func value(of scalar: YAMLScalar, file: String) throws(YAMLError) -> JSONValue {
    guard let tag = scalar.tag else {
      return scalar.isPlain ? implicit(scalar.text) : .string(scalar.text)
    }

    switch tag {
    case "!", prefix + "str", prefix + "binary", prefix + "timestamp", mergeTag:
      return .string(scalar.text)
    case prefix + "null":
      return .null
    case prefix + "bool":
      if trueWords.contains(scalar.text) { return .bool(true) }
      if falseWords.contains(scalar.text) { return .bool(false) }
    case prefix + "int":
      if case .int(let number) = implicit(scalar.text) { return .int(number) }
    case prefix + "float":
      switch implicit(scalar.text) {
      case .int(let number): return .double(Double(number))
      case .double(let number): return .double(number)
      default: break
      }
    default:
      return scalar.isPlain ? implicit(scalar.text) : .string(scalar.text)
    }
    let name = tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    throw YAMLError(
      file: file, line: scalar.mark.line, column: scalar.mark.column,
      reason: "the value \"\(scalar.text)\" cannot be read as \(name)")
  }

  /// The type of a plain, untagged scalar.
  static func implicit(_ text: String) -> JSONValue {
    if nullWords.contains(text) { return .null }
    if trueWords.contains(text) { return .bool(true) }
    if falseWords.contains(text) { return .bool(false) }
    if let special = specialFloats[text] { return .double(special) }

    guard let first = text.utf8.first else { return .string(text) }
    if first == UInt8(ascii: ".") {
      if isYAMLFloat(text), let number = Double(text) { return .double(number) }
      return .string(text)
    }
    let isNumberStart =
      first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    guard isNumberStart else { return .string(text) }
    return number(text.replacingUnderscores()) ?? .string(text)
  }

  /// A plain number without underscores, in the order go-yaml v2 tries the forms.
  private static func number(_ plain: String) -> JSONValue? {
    if let signed = goParseInt(plain) { return .int(signed) }
    if let unsigned = goParseUnsigned(plain) { return .double(Double(unsigned)) }
    if isYAMLFloat(plain), let number = Double(plain) { return .double(number) }
    return nil
  }

  /// Go's `strconv.ParseInt(text, 0, 64)`: optional sign, then a base prefix or a leading 0.
  private static func goParseInt(_ text: String) -> Int64? {
    var body = Substring(text)
    var negative = false
    if let sign = body.first, sign == "+" || sign == "-" {
      negative = sign == "-"
      body = body.dropFirst()
    }
    guard let magnitude = goParseUnsigned(String(body)) else { return nil }

    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  /// Go's `strconv.ParseUint(text, 0, 64)`.
  private static func goParseUnsigned(_ text: String) -> UInt64? {
    let lower = text.lowercased()
    let digits: Substring
    let radix: Int
    if lower.hasPrefix("0x") {
      (digits, radix) = (lower.dropFirst(2), 16)
    } else if lower.hasPrefix("0o") {
      (digits, radix) = (lower.dropFirst(2), 8)
    } else if lower.hasPrefix("0b") {
      (digits, radix) = (lower.dropFirst(2), 2)
    } else if lower.hasPrefix("0") && lower.count > 1 {
      (digits, radix) = (lower.dropFirst(1), 8)
    } else {
      (digits, radix) = (Substring(lower), 10)
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
    return UInt64(digits, radix: radix)
  }

  /// go-yaml's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
  private static func isYAMLFloat(_ text: String) -> Bool {
    var rest = Substring(text)
    if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }

    let whole = rest.prefix(while: \.isASCIIDigit)
    rest = rest.dropFirst(whole.count)
    var fraction: Substring = ""
    var hasPoint = false
    if rest.first == "." {
      hasPoint = true
      rest = rest.dropFirst()
      fraction = rest.prefix(while: \.isASCIIDigit)
      rest = rest.dropFirst(fraction.count)
    }
    guard !whole.isEmpty || (hasPoint && !fraction.isEmpty) else { return false }

    guard let marker = rest.first else { return true }
    guard marker == "e" || marker == "E" else { return false }
    rest = rest.dropFirst()
    if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
    return !rest.isEmpty && rest.allSatisfy(\.isASCIIDigit)
  }

  /// A float key written as Go's `strconv.FormatFloat(f, 'g', -1, 64)` would (for common cases).
  static func keyText(_ number: Double) -> String {
    if number.isNaN { return "NaN" }
    if number.isInfinite { return number > 0 ? "+Inf" : "-Inf" }
    if number.rounded() == number && abs(number) < 1e6 { return String(Int64(number)) }
    return "\(number)"
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  fileprivate func replacingUnderscores() -> String {
    String(filter { $0 != "_" })
  }
}
