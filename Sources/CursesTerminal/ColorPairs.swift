import BatchdeckView

/// Hands out curses colour pair numbers for (foreground, background) combinations, on demand,
/// and remembers them. Pure: the terminal calls `init_extended_pair` for each new pair.
///
/// Pair 0 is the terminal's default colours and is never allocated. When the terminal's pairs
/// run out, further combinations fall back to pair 0.
public struct ColorPairs: Sendable {
  /// A pair number and, when `isNew`, the colours the terminal must give it.
  public struct Allocation: Sendable, Equatable {
    public var pair: Int32
    public var foreground: Int32
    public var background: Int32
    public var isNew: Bool

    public init(pair: Int32, foreground: Int32, background: Int32, isNew: Bool) {
      self.pair = pair
      self.foreground = foreground
      self.background = background
      self.isNew = isNew
    }
  }

  /// How many colours the terminal shows (8, 16, 256); 0 means attributes only.
  public let colorCount: Int
  /// The highest pair number plus one (curses `COLOR_PAIRS`).
  public let pairLimit: Int
  /// Whether colour -1 means the terminal's own default (curses `use_default_colors`).
  public let hasDefaultColors: Bool
  private var pairs: [ColorKey: Int32] = [:]

  private struct ColorKey: Hashable {
    var foreground: Int32
    var background: Int32
  }

  /// - Parameters:
  ///   - colorCount: colours the terminal shows; 0 for none.
  ///   - pairLimit: curses `COLOR_PAIRS`.
  ///   - hasDefaultColors: true when `use_default_colors` succeeded.
  public init(colorCount: Int, pairLimit: Int, hasDefaultColors: Bool = true) {
    self.colorCount = colorCount
    self.pairLimit = pairLimit
    self.hasDefaultColors = hasDefaultColors
  }

  /// Pairs allocated so far, not counting pair 0.
  public var count: Int { pairs.count }

  /// The pair for a foreground and background, allocating one if needed.
  public mutating func pair(
    foreground: TerminalColor, background: TerminalColor
  ) -> Allocation {
    let key = ColorKey(
      foreground: resolve(foreground, isForeground: true),
      background: resolve(background, isForeground: false))
    guard colorCount > 0, key.foreground != -1 || key.background != -1 else {
      return Allocation(pair: 0, foreground: -1, background: -1, isNew: false)
    }
    if let existing = pairs[key] {
      return Allocation(
        pair: existing, foreground: key.foreground, background: key.background, isNew: false)
    }
    let next = Int32(pairs.count + 1)
    guard next < pairLimit else {
      return Allocation(pair: 0, foreground: -1, background: -1, isNew: false)
    }
    pairs[key] = next
    return Allocation(
      pair: next, foreground: key.foreground, background: key.background, isNew: true)
  }

  /// The curses colour number for `color` on this terminal: -1 for the default (or white on
  /// black without default colours), and indexes beyond `colorCount` folded to a basic colour.
  public func resolve(_ color: TerminalColor, isForeground: Bool) -> Int32 {
    switch color {
    case .terminalDefault:
      if hasDefaultColors { return -1 }
      return isForeground ? 7 : 0
    case .indexed(let index):
      if Int(index) < colorCount { return Int32(index) }
      return Int32(Self.basicColor(for: index))
    }
  }

  /// The nearest of the eight ANSI colours to an index of the 256-colour palette.
  public static func basicColor(for index: UInt8) -> UInt8 {
    switch index {
    case 0..<8:
      return index
    case 8..<16:
      return index - 8
    case 16..<232:
      let cube = Int(index) - 16
      let red = cube / 36
      let green = cube / 6 % 6
      let blue = cube % 6
      // Cube level 2 is 135 of 255: from there on a channel counts as lit.
      return UInt8((red >= 2 ? 1 : 0) | (green >= 2 ? 2 : 0) | (blue >= 2 ? 4 : 0))
    default:
      return index < 244 ? 0 : 7
    }
  }
}
