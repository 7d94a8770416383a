import Foundation

/// Why a theme file was refused: the file, the line (when the problem has one) and the key
/// are named.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var reason: String
  /// The 1-based line of the offending key or value, when it could be found.
  public var line: Int?
  /// What to look for to find `line`: the role's key, then the value within it.
  var needles: [String] = []

  init(file: String, reason: String, line: Int? = nil, needles: [String] = []) {
    self.file = file
    self.reason = reason
    self.line = line
    self.needles = needles
  }

  public var description: String {
    "theme \(file)\(line.map { " line \($0)" } ?? ""): \(reason)"
  }

  public static func == (lhs: ThemeError, rhs: ThemeError) -> Bool {
    lhs.file == rhs.file && lhs.reason == rhs.reason && lhs.line == rhs.line
  }
}

/// Reads theme files: `{"version": 1, "name": ..., "roles": {"row.selected": {"fg": "black",
/// "bg": "cyan", "attrs": ["bold"]}, ...}}`. Colours are ANSI names, `default`, or 0–255.
/// Roles left out inherit the default theme.
public enum ThemeLoader {
  public static let supportedVersion = 1
  static let colorNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
    "bright-magenta", "bright-cyan", "bright-white",
  ]

  /// Loads a theme file.
  public static func load(path: String) throws(ThemeError) -> Theme {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ThemeError(file: path, reason: "cannot be read")
    }
    return try decode(data, file: path)
  }

  /// Finds a theme by name in `directories` (`<name>.json`), or loads it as a path; `default`
  /// and `monochrome` are compiled in and found even when no folder has them.
  public static func find(_ nameOrPath: String, in directories: [String]) throws(ThemeError)
    -> Theme
  {
    if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
      return try load(path: nameOrPath)
    }
    for directory in directories {
      let path = "\(directory)/\(nameOrPath).json"
      if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
    }
    if nameOrPath == "default" { return .default }
    if nameOrPath == "monochrome" { return .monochrome }
    let known = directories.flatMap { directory in
      ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    }
    let names = Set(known + ["default", "monochrome"]).sorted().joined(separator: ", ")
    throw ThemeError(file: nameOrPath, reason: "no such theme; known themes: \(names)")
  }

  /// Decodes theme JSON; a problem with a role names the line it is on.
  public static func decode(_ data: Data, file: String) throws(ThemeError) -> Theme {
    do {
      return try decodeDocument(data, file: file)
    } catch {
      var located = error
      if located.line == nil, !located.needles.isEmpty {
        located.line = line(of: located.needles, in: String(decoding: data, as: UTF8.self))
      }
      throw located
    }
  }

  /// The line of the first needle, then of each next needle at or after it.
  static func line(of needles: [String], in text: String) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var start = 0
    var found: Int?
    for needle in needles {
      guard let index = lines[start...].firstIndex(where: { $0.contains(needle) }) else {
        return found
      }
      found = index + 1
      start = index
    }
    return found
  }

  private static func decodeDocument(_ data: Data, file: String) throws(ThemeError) -> Theme {
    let document: ThemeDocument
    do {
      document = try JSONDecoder().decode(ThemeDocument.self, from: data)
    } catch {
      let path = (error as? DecodingError).map(codingPath) ?? []
      throw ThemeError(
        file: file, reason: "not a theme document (\(describe(error)))",
        needles: path.map { "\"\($0)\"" })
    }
    guard document.version <= supportedVersion else {
      throw ThemeError(
        file: file,
        reason: "version \(document.version) is newer than this Batchdeck understands "
          + "(\(supportedVersion))")
    }
    var styles = Theme.defaultStyles
    for (key, entry) in document.roles {
      guard let role = ThemeRole(rawValue: key) else {
        throw ThemeError(
          file: file, reason: "unknown role \"\(key)\"", needles: ["\"roles\"", "\"\(key)\""])
      }
      styles[role] = try style(entry, role: key, file: file)
    }
    return Theme(name: document.name, styles: styles)
  }

  private static func style(_ entry: ThemeDocument.Entry, role: String, file: String)
    throws(ThemeError) -> CellStyle
  {
    var attributes: TextAttributes = []
    for name in entry.attrs ?? [] {
      switch name {
      case "bold": attributes.insert(.bold)
      case "underline": attributes.insert(.underline)
      case "reverse": attributes.insert(.reverse)
      case "dim": attributes.insert(.dim)
      default:
        throw ThemeError(
          file: file, reason: "\(role): unknown attribute \"\(name)\"",
          needles: ["\"roles\"", "\"\(role)\"", "\"\(name)\""])
      }
    }
    return CellStyle(
      foreground: try color(entry.fg, role: role, file: file),
      background: try color(entry.bg, role: role, file: file), attributes: attributes)
  }

  private static func color(_ text: String?, role: String, file: String) throws(ThemeError)
    -> TerminalColor
  {
    guard let text, text != "default" else { return .terminalDefault }
    if let index = colorNames.firstIndex(of: text) { return .indexed(UInt8(index)) }
    if let number = UInt8(text) { return .indexed(number) }
    throw ThemeError(
      file: file, reason: "\(role): unknown colour \"\(text)\"",
      needles: ["\"roles\"", "\"\(role)\"", "\"\(text)\""])
  }

  /// The theme as JSON, in the file format; used to check the shipped files of the compiled-in
  /// themes.
  public static func encode(_ theme: Theme) -> String {
    let roles = ThemeRole.allCases.map { role -> String in
      let style = theme[role]
      var parts = ["\"fg\": \"\(name(of: style.foreground))\""]
      parts.append("\"bg\": \"\(name(of: style.background))\"")
      let attributes = [
        (TextAttributes.bold, "bold"), (.underline, "underline"), (.reverse, "reverse"),
        (.dim, "dim"),
      ].filter { style.attributes.contains($0.0) }.map { "\"\($0.1)\"" }
      if !attributes.isEmpty { parts.append("\"attrs\": [\(attributes.joined(separator: ", "))]") }
      return "    \"\(role.rawValue)\": { \(parts.joined(separator: ", ")) }"
    }
    return "{\n  \"version\": 1,\n  \"name\": \"\(theme.name)\",\n  \"roles\": {\n"
      + roles.joined(separator: ",\n") + "\n  }\n}\n"
  }

  private static func name(of color: TerminalColor) -> String {
    switch color {
    case .terminalDefault: "default"
    case .indexed(let index) where Int(index) < colorNames.count: colorNames[Int(index)]
    case .indexed(let index): String(index)
    }
  }

  /// The keys leading to a decoding problem, for finding its line.
  private static func codingPath(_ error: DecodingError) -> [String] {
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      context.codingPath.map(\.stringValue).filter { Int($0) == nil }
    default: []
    }
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    case DecodingError.dataCorrupted: "invalid JSON"
    default: "\(error)"
    }
  }
}

private struct ThemeDocument: Decodable {
  struct Entry: Decodable {
    var fg: String?
    var bg: String?
    var attrs: [String]?
  }

  var version: Int
  var name: String
  var roles: [String: Entry]
}
