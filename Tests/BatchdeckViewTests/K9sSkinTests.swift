import Testing

@testable import BatchdeckView

@Suite struct K9sSkinTests {
  @Test func coloursMapToTheNearestIndexedColour() {
    #expect(K9sSkin.color("default") == .terminalDefault)
    #expect(K9sSkin.color("#000000") == .indexed(16))
    #expect(K9sSkin.color("#ffffff") == .indexed(231))
    #expect(K9sSkin.color("#ff0000") == .indexed(196))
    #expect(K9sSkin.color("#808080") == .indexed(244), "a grey goes to the grey ramp")
    #expect(K9sSkin.color("DodgerBlue") == .indexed(33))
    #expect(K9sSkin.color("orangered") == .indexed(202))
    #expect(K9sSkin.color("#12345") == nil)
    #expect(K9sSkin.color("blurple") == nil)
  }

  @Test func aSkinColoursTheRolesItNames() {
    let settings = [
      K9sSkin.Setting(path: "k9s.body.fgColor", value: "white", line: 3),
      K9sSkin.Setting(path: "k9s.frame.border.focusColor", value: "aqua", line: 8),
      K9sSkin.Setting(path: "k9s.frame.status.errorColor", value: "#ff0000", line: 12),
      K9sSkin.Setting(path: "k9s.views.table.cursorColor", value: "dodgerblue", line: 20),
      K9sSkin.Setting(path: "k9s.views.xray.fgColor", value: "blurple", line: 30),
      K9sSkin.Setting(path: "k9s.views.logs.fgColor", value: "blurple", line: 31),
    ]
    let (theme, problems) = K9sSkin.theme(named: "mine", settings: settings)
    #expect(theme.name == "mine")
    #expect(theme[.row].foreground == .indexed(231))
    #expect(theme[.borderFocus].foreground == .indexed(51))
    #expect(theme[.statusFailed].foreground == .indexed(196))
    #expect(theme[.flashError].foreground == .indexed(196))
    #expect(theme[.rowSelected].background == .indexed(33))
    #expect(theme[.logText] == Theme.default[.logText], "a bad colour keeps the default")
    #expect(theme[.statusOK] == Theme.default[.statusOK], "roles a skin does not name stay")
    #expect(problems.count == 1, "unmapped k9s settings are not problems")
    #expect(problems.first?.line == 31)
    #expect(problems.first?.reason == "unknown colour \"blurple\"")
  }

  @Test func logLevelsTakeTheSkinsStatusAndLogColours() {
    let settings = [
      K9sSkin.Setting(path: "k9s.frame.status.errorColor", value: "#ff0000", line: 1),
      K9sSkin.Setting(path: "k9s.frame.status.highlightColor", value: "gold", line: 2),
      K9sSkin.Setting(path: "k9s.frame.status.completedColor", value: "gray", line: 3),
      K9sSkin.Setting(path: "k9s.views.logs.fgColor", value: "white", line: 4),
      K9sSkin.Setting(path: "k9s.views.logs.bgColor", value: "navy", line: 5),
    ]
    let (theme, problems) = K9sSkin.theme(named: "mine", settings: settings)
    #expect(problems.isEmpty)
    #expect(theme[.logError].foreground == .indexed(196))
    #expect(theme[.logWarning].foreground == K9sSkin.color("gold"))
    #expect(theme[.logDebug].foreground == K9sSkin.color("gray"))
    #expect(theme[.logInfo].foreground == .indexed(231))
    for role in [ThemeRole.logText, .logError, .logWarning, .logInfo, .logDebug] {
      #expect(theme[role].background == K9sSkin.color("navy"), "\(role.rawValue)")
    }
  }
}
