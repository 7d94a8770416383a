/// Reads a k9s skin (its YAML already flattened to `k9s.body.fgColor: dodgerblue` settings)
/// onto Batchdeck's roles, so people keep the colours they chose for k9s.
///
/// Mapped: `body` (fg, bg, logo), `frame.border` (fg, focus), `frame.title` (fg, highlight),
/// `frame.menu` (fg, key), `frame.crumbs.bgColor` (the header), `frame.status` (new → ok,
/// modify → running, error → failed, highlight → warning, kill → suspended, completed →
/// muted), `views.table` (fg, bg, cursor, header) and `views.logs` (fg, bg). k9s has no log
/// level colours: error, highlight and completed also colour error, warning and debug log
/// lines, the log foreground info lines, and the log background every log line. Other k9s
/// settings have no Batchdeck role and are left alone. Colours are `default`, `#rrggbb`
/// (mapped to the nearest of the 256 indexed colours) or one of the common named colours in
/// `namedColors`; any other value is reported and that role keeps the default.
public enum K9sSkin {
  /// One leaf of the skin: its dotted path, value and line.
  public struct Setting: Sendable, Hashable {
    public var path: String
    public var value: String
    public var line: Int

    public init(path: String, value: String, line: Int) {
      self.path = path
      self.value = value
      self.line = line
    }
  }

  enum Part { case foreground, background }

  /// Which k9s setting colours which role, and which half of it.
  static let mapping: [String: [(ThemeRole, Part)]] = [
    "k9s.body.fgcolor": [(.row, .foreground), (.header, .foreground)],
    "k9s.body.bgcolor": [(.row, .background)],
    "k9s.body.logocolor": [(.headerAccent, .foreground)],
    "k9s.frame.border.fgcolor": [(.border, .foreground)],
    "k9s.frame.border.focuscolor": [(.borderFocus, .foreground)],
    "k9s.frame.title.fgcolor": [(.title, .foreground)],
    "k9s.frame.title.highlightcolor": [(.titleFocus, .foreground)],
    "k9s.frame.menu.fgcolor": [(.footerText, .foreground)],
    "k9s.frame.menu.keycolor": [(.footerKey, .foreground)],
    "k9s.frame.crumbs.bgcolor": [(.header, .background)],
    "k9s.frame.status.newcolor": [(.statusOK, .foreground)],
    "k9s.frame.status.modifycolor": [(.statusRunning, .foreground)],
    "k9s.frame.status.errorcolor": [
      (.statusFailed, .foreground), (.flashError, .foreground), (.logError, .foreground),
    ],
    "k9s.frame.status.highlightcolor": [(.statusWarning, .foreground), (.logWarning, .foreground)],
    "k9s.frame.status.killcolor": [(.statusSuspended, .foreground)],
    "k9s.frame.status.completedcolor": [(.muted, .foreground), (.logDebug, .foreground)],
    "k9s.views.table.fgcolor": [(.row, .foreground)],
    "k9s.views.table.bgcolor": [(.row, .background)],
    "k9s.views.table.cursorcolor": [(.rowSelected, .background)],
    "k9s.views.table.cursorbgcolor": [(.rowSelected, .background)],
    "k9s.views.table.cursorfgcolor": [(.rowSelected, .foreground)],
    "k9s.views.table.header.fgcolor": [(.columnHeader, .foreground)],
    "k9s.views.table.header.bgcolor": [(.columnHeader, .background)],
    "k9s.views.logs.fgcolor": [(.logText, .foreground), (.logInfo, .foreground)],
    "k9s.views.logs.bgcolor": [
      (.logText, .background), (.logError, .background), (.logWarning, .background),
      (.logInfo, .background), (.logDebug, .background),
    ],
  ]

  /// Common named colours of k9s skins (W3C names), as RGB.
  static let namedColors: [String: (UInt8, UInt8, UInt8)] = [
    "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "green": (0, 128, 0),
    "blue": (0, 0, 255), "yellow": (255, 255, 0), "cyan": (0, 255, 255), "aqua": (0, 255, 255),
    "magenta": (255, 0, 255), "fuchsia": (255, 0, 255), "gray": (128, 128, 128),
    "grey": (128, 128, 128), "silver": (192, 192, 192), "orange": (255, 165, 0),
    "orangered": (255, 69, 0), "purple": (128, 0, 128), "mediumpurple": (147, 112, 219),
    "dodgerblue": (30, 144, 255), "lightskyblue": (135, 206, 250), "skyblue": (135, 206, 235),
    "steelblue": (70, 130, 180), "cadetblue": (95, 158, 160), "navy": (0, 0, 128),
    "royalblue": (65, 105, 225), "greenyellow": (173, 255, 47), "lime": (0, 255, 0),
    "lawngreen": (124, 252, 0), "seagreen": (46, 139, 87), "darkgreen": (0, 100, 0),
    "lightgreen": (144, 238, 144), "teal": (0, 128, 128), "papayawhip": (255, 239, 213),
    "pink": (255, 192, 203), "hotpink": (255, 105, 180), "tomato": (255, 99, 71),
    "gold": (255, 215, 0), "khaki": (240, 230, 140), "darkorange": (255, 140, 0),
    "coral": (255, 127, 80), "salmon": (250, 128, 114), "crimson": (220, 20, 60),
    "darkred": (139, 0, 0), "maroon": (128, 0, 0), "olive": (128, 128, 0),
    "darkgray": (169, 169, 169), "darkgrey": (169, 169, 169), "lightgray": (211, 211, 211),
    "lightgrey": (211, 211, 211), "dimgray": (105, 105, 105), "slategray": (112, 128, 144),
    "darkslategray": (47, 79, 79), "darkblue": (0, 0, 139), "darkcyan": (0, 139, 139),
    "darkmagenta": (139, 0, 139), "violet": (238, 130, 238), "indigo": (75, 0, 130),
    "turquoise": (64, 224, 208), "aquamarine": (127, 255, 212), "beige": (245, 245, 220),
    "wheat": (245, 222, 179), "tan": (210, 180, 140), "chocolate": (210, 105, 30),
  ]

  /// The theme a skin describes: the default theme with the mapped colours replaced; and the
  /// settings whose colour could not be read.
  public static func theme(named name: String, settings: [Setting]) -> (
    theme: Theme, problems: [(line: Int, key: String, reason: String)]
  ) {
    var styles = Theme.defaultStyles
    var problems: [(line: Int, key: String, reason: String)] = []
    for setting in settings {
      guard let targets = mapping[setting.path.lowercased()] else { continue }
      guard let color = color(setting.value) else {
        problems.append((setting.line, setting.path, "unknown colour \"\(setting.value)\""))
        continue
      }
      for (role, part) in targets {
        var style = styles[role] ?? .plain
        switch part {
        case .foreground: style.foreground = color
        case .background: style.background = color
        }
        styles[role] = style
      }
    }
    return (Theme(name: name, styles: styles), problems)
  }

  /// `default`, `#rrggbb` or a named colour, as an indexed terminal colour.
  static func color(_ text: String) -> TerminalColor? {
    let lower = text.lowercased()
    if lower == "default" || lower.isEmpty { return .terminalDefault }
    if lower.hasPrefix("#"), lower.count == 7, let value = UInt32(lower.dropFirst(), radix: 16) {
      return .indexed(
        nearest(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)))
    }
    return namedColors[lower].map { .indexed(nearest($0.0, $0.1, $0.2)) }
  }

  /// The nearest colour of the xterm 256-colour cube (16–231) or grey ramp (232–255).
  static func nearest(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
    let levels = [0, 95, 135, 175, 215, 255]
    func level(_ value: UInt8) -> Int {
      levels.indices.min { abs(levels[$0] - Int(value)) < abs(levels[$1] - Int(value)) } ?? 0
    }
    let (r, g, b) = (level(red), level(green), level(blue))
    let cube = (levels[r], levels[g], levels[b])
    func distance(_ other: (Int, Int, Int)) -> Int {
      let (dr, dg, db) = (other.0 - Int(red), other.1 - Int(green), other.2 - Int(blue))
      return dr * dr + dg * dg + db * db
    }
    let average = (Int(red) + Int(green) + Int(blue)) / 3
    let greyStep = min(23, max(0, (average - 3) / 10))
    let grey = 8 + greyStep * 10
    if distance((grey, grey, grey)) < distance(cube) { return UInt8(232 + greyStep) }
    return UInt8(16 + 36 * r + 6 * g + b)
  }
}
