extension Theme {
  /// The compiled-in theme for terminals without colour, `NO_COLOR` and `--no-color`:
  /// attributes only, chosen so that every status still looks different from the others.
  /// `Themes/monochrome.json` must say exactly the same (a test checks); a user's own
  /// `monochrome.json` in a theme folder replaces it.
  public static let monochrome = Theme(name: "monochrome", styles: monochromeStyles)

  static let monochromeStyles: [ThemeRole: CellStyle] = [
    .header: CellStyle(attributes: [.bold, .reverse]),
    .headerAccent: CellStyle(attributes: [.bold, .reverse]),
    .border: CellStyle(),
    .borderFocus: CellStyle(attributes: [.bold]),
    .title: CellStyle(),
    .titleFocus: CellStyle(attributes: [.bold, .underline]),
    .columnHeader: CellStyle(attributes: [.bold, .underline]),
    .row: CellStyle(),
    .rowSelected: CellStyle(attributes: [.reverse]),
    .rowSelectedUnfocused: CellStyle(attributes: [.underline]),
    .muted: CellStyle(attributes: [.dim]),
    .statusOK: CellStyle(),
    .statusRunning: CellStyle(attributes: [.underline]),
    .statusWarning: CellStyle(attributes: [.bold]),
    .statusFailed: CellStyle(attributes: [.bold, .underline]),
    .statusSuspended: CellStyle(attributes: [.dim]),
    .progressDone: CellStyle(attributes: [.bold]),
    .progressFailed: CellStyle(attributes: [.bold, .underline]),
    .progressTodo: CellStyle(attributes: [.dim]),
    .logText: CellStyle(),
    .logError: CellStyle(attributes: [.bold]),
    .logWarning: CellStyle(attributes: [.underline]),
    .logInfo: CellStyle(),
    .logDebug: CellStyle(attributes: [.dim]),
    .footerKey: CellStyle(attributes: [.bold, .reverse]),
    .footerText: CellStyle(),
    .flashInfo: CellStyle(attributes: [.bold]),
    .flashWarning: CellStyle(attributes: [.bold]),
    .flashError: CellStyle(attributes: [.bold, .reverse]),
  ]
}
