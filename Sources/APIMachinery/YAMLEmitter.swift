/// Writes JSON as block-style YAML the way kubectl's `-o yaml` reads: keys in the order
/// served, sequences at their parent key's indent, strings quoted only when YAML would read
/// them as something else, and multi-line strings as literal block scalars.
public enum YAMLEmitter {
  /// The YAML text of `value`, one string per line.
  public static func lines(_ value: OrderedJSON) -> [String] {
    var out: [String] = []
    switch value {
    case .object(let members) where !members.isEmpty: mapping(members, indent: 0, into: &out)
    case .array(let items) where !items.isEmpty: sequence(items, indent: 0, into: &out)
    default: out.append(scalar(value, indent: 0).first ?? "")
    }
    return out
  }

  private static func pad(_ count: Int) -> String { String(repeating: " ", count: count) }

  private static func mapping(
    _ members: [OrderedJSON.Member], indent: Int, into out: inout [String]
  ) {
    for member in members {
      let key = "\(pad(indent))\(plainOrQuoted(member.key)):"
      switch member.value {
      case .object(let child) where !child.isEmpty:
        out.append(key)
        mapping(child, indent: indent + 2, into: &out)
      case .array(let items) where !items.isEmpty:
        out.append(key)
        sequence(items, indent: indent, into: &out)
      default:
        let text = scalar(member.value, indent: indent + 2)
        out.append("\(key) \(text[0])")
        out += text.dropFirst()
      }
    }
  }

  private static func sequence(_ items: [OrderedJSON], indent: Int, into out: inout [String]) {
    for item in items {
      let dash = "\(pad(indent))- "
      switch item {
      case .object(let members) where !members.isEmpty:
        var nested: [String] = []
        mapping(members, indent: indent + 2, into: &nested)
        out.append(dash + nested[0].dropFirst(indent + 2))
        out += nested.dropFirst()
      case .array(let inner) where !inner.isEmpty:
        var nested: [String] = []
        sequence(inner, indent: indent + 2, into: &nested)
        out.append(dash + nested[0].dropFirst(indent + 2))
        out += nested.dropFirst()
      default:
        let text = scalar(item, indent: indent + 2)
        out.append(dash + text[0])
        out += text.dropFirst()
      }
    }
  }

  /// A scalar's text: the first element goes after `key: ` or `- `, the rest (a block
  /// scalar's lines) on their own lines at `indent`.
  private static func scalar(_ value: OrderedJSON, indent: Int) -> [String] {
    switch value {
    case .null: return ["null"]
    case .bool(let flag): return [flag ? "true" : "false"]
    case .number(let text): return [text]
    case .object: return ["{}"]
    case .array: return ["[]"]
    case .string(let text):
      if text.contains("\n"), canBeLiteral(text) { return literal(text, indent: indent) }
      return [plainOrQuoted(text)]
    }
  }

  private static func canBeLiteral(_ text: String) -> Bool {
    !text.unicodeScalars.contains { scalar in
      (scalar.value < 0x20 && scalar != "\n") || scalar.value == 0x7F
    } && !text.split(separator: "\n").contains { $0.last == " " || $0.last == "\t" }
  }

  private static func literal(_ text: String, indent: Int) -> [String] {
    var body = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let chomp: String
    if text.hasSuffix("\n\n") {
      chomp = "+"
      body.removeLast()
    } else if text.hasSuffix("\n") {
      chomp = ""
      body.removeLast()
    } else {
      chomp = "-"
    }
    let indicator = body.first.map { $0.hasPrefix(" ") } ?? false ? "2" : ""
    return ["|\(indicator)\(chomp)"] + body.map { $0.isEmpty ? "" : pad(indent) + $0 }
  }

  /// The string as a plain scalar when YAML reads it back as the same string; else as
  /// kubectl writes it: in double quotes when it would read as another type (`"6"`, `"true"`,
  /// a timestamp) or holds control characters, in single quotes when its characters cannot
  /// start or sit in a plain scalar (`'* * * * *'`).
  public static func plainOrQuoted(_ text: String) -> String {
    if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
      || readsAsAnotherType(text)
    {
      return doubleQuoted(text)
    }
    return needsQuotes(text) ? "'" + text.replacingOccurrences(of: "'", with: "''") + "'" : text
  }

  static func readsAsAnotherType(_ text: String) -> Bool {
    reserved.contains(text.lowercased()) || looksNumeric(text) || looksLikeTimestamp(text)
  }

  private static let reserved: Set<String> = [
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "",
  ]

  static func needsQuotes(_ text: String) -> Bool {
    if readsAsAnotherType(text) { return true }
    guard let first = text.first, let last = text.last else { return true }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
      // `-`, `?` and `:` start a plain scalar only when followed by a non-space.
      let second = text.dropFirst().first
      let startsPlain = "-?:".contains(first) && second != nil && second != " "
      if !startsPlain || text == "-" { return true }
    }
    if first == " " || last == " " || last == ":" { return true }
    if text.contains(": ") || text.contains(" #") || text.contains("\t") { return true }
    return false
  }

  /// `2026-12-04` or `2026-12-04T00:00:00Z`: YAML 1.1 reads these as timestamps.
  private static func looksLikeTimestamp(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars.prefix(10))
    guard scalars.count == 10 else { return false }
    let digits = [0, 1, 2, 3, 5, 6, 8, 9]
    return digits.allSatisfy { ("0"..."9").contains(scalars[$0]) } && scalars[4] == "-"
      && scalars[7] == "-"
  }

  private static func looksNumeric(_ text: String) -> Bool {
    let lowered = text.lowercased()
    if [".inf", "-.inf", "+.inf", ".nan"].contains(lowered) { return true }
    if lowered.hasPrefix("0x") || lowered.hasPrefix("0o") || lowered.hasPrefix("0b") {
      return lowered.count > 2
    }
    let body = lowered.replacingOccurrences(of: "_", with: "")
    return Double(body) != nil && body.first.map { "+-.0123456789".contains($0) } ?? false
  }

  private static func doubleQuoted(_ text: String) -> String {
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
          let hex = String(scalar.value, radix: 16)
          out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
