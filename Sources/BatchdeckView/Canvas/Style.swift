/// A terminal colour: the terminal's default, or one of the 256 indexed colours
/// (0–7 are the ANSI colours black, red, green, yellow, blue, magenta, cyan, white).
public enum TerminalColor: Sendable, Hashable {
  case terminalDefault
  case indexed(UInt8)
}

/// Text attributes a terminal can show.
public struct TextAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8

  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = TextAttributes(rawValue: 1 << 0)
  public static let underline = TextAttributes(rawValue: 1 << 1)
  public static let reverse = TextAttributes(rawValue: 1 << 2)
  public static let dim = TextAttributes(rawValue: 1 << 3)
}

/// How a cell is drawn: colours and attributes, already resolved from a theme role.
public struct CellStyle: Sendable, Hashable {
  public var foreground: TerminalColor
  public var background: TerminalColor
  public var attributes: TextAttributes

  public init(
    foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
    attributes: TextAttributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  public static let plain = CellStyle()
}
