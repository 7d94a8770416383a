extension Theme {
  /// The compiled-in default; `Themes/default.json` must say exactly the same (a test checks).
  public static let `default` = Theme(name: "default", styles: defaultStyles)

  static let defaultStyles: [ThemeRole: CellStyle] = [
    .header: style(fg: 15, bg: 4, [.bold]),
    .headerAccent: style(fg: 11, bg: 4, [.bold]),
    .border: style(fg: 8),
    .borderFocus: style(fg: 6, [.bold]),
    .title: style(fg: 7, [.bold]),
    .titleFocus: style(fg: 14, [.bold]),
    .columnHeader: style(fg: 7, [.bold, .underline]),
    .row: CellStyle(),
    .rowSelected: style(fg: 0, bg: 6),
    .rowSelectedUnfocused: style(attributes: [.reverse]),
    .muted: style(fg: 8),
    .statusOK: style(fg: 2),
    .statusRunning: style(fg: 6),
    .statusWarning: style(fg: 3, [.bold]),
    .statusFailed: style(fg: 1, [.bold]),
    .statusSuspended: style(fg: 5),
    .progressDone: style(fg: 2),
    .progressFailed: style(fg: 1),
    .progressTodo: style(fg: 8),
    .logText: CellStyle(),
    .logError: style(fg: 1),
    .logWarning: style(fg: 3),
    .logInfo: CellStyle(),
    .logDebug: style(fg: 8),
    .footerKey: style(fg: 0, bg: 6, [.bold]),
    .footerText: style(fg: 7),
    .flashInfo: style(fg: 6, [.bold]),
    .flashWarning: style(fg: 3, [.bold]),
    .flashError: style(fg: 15, bg: 1, [.bold]),
  ]

  private static func style(
    fg: UInt8? = nil, bg: UInt8? = nil, _ attributes: TextAttributes = []
  ) -> CellStyle {
    style(fg: fg, bg: bg, attributes: attributes)
  }

  private static func style(
    fg: UInt8? = nil, bg: UInt8? = nil, attributes: TextAttributes
  ) -> CellStyle {
    CellStyle(
      foreground: fg.map(TerminalColor.indexed) ?? .terminalDefault,
      background: bg.map(TerminalColor.indexed) ?? .terminalDefault, attributes: attributes)
  }
}
