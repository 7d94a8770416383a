import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

/// Every shipped theme: styled golden screens of each view at 80x24, and a check that each
/// one can be read.
@Suite struct ThemedScreensTests {
  static let shipped = ["default", "light", "high-contrast", "monochrome"]

  static func theme(_ name: String) throws -> Theme {
    try ThemeLoader.load(path: ThemeTests.themesFolder.appendingPathComponent("\(name).json").path)
  }

  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")

  func dashboard(_ state: DashboardState, theme: Theme) -> Canvas {
    DashboardScreen(
      state: state, snapshot: DemoSnapshotFixture.snapshot, logTail: DemoSnapshotFixture.logTail,
      context: context, theme: theme
    ).render(width: 80, height: 24, now: DemoSnapshotFixture.now)
  }

  func detail(_ kind: DetailKind, focus: Pane, lines: [String], theme: Theme) throws -> Canvas {
    let fixture = DetailScreenTests()
    var state = fixture.state(kind, focus: focus)
    let view = try #require(state.detail)
    state.detail?.pageSize = DetailScreen.textRows(height: 24)
    return DetailScreen(
      state: state, view: state.detail ?? view, lines: lines,
      title: DetailScreen.title(
        for: view, container: kind == .logs ? "cleanup" : "", pods: 1, droppedLines: 0),
      problem: nil, context: context, theme: theme
    ).render(width: 80, height: 24, now: DemoSnapshotFixture.now)
  }

  /// Where `canvas` draws text in the same colour as its background, as `row:column` list.
  static func unreadableCells(_ canvas: Canvas, lightTerminal: Bool) -> [String] {
    var found: [String] = []
    for row in 0..<canvas.height {
      for column in 0..<canvas.width {
        let cell = canvas[column, row]
        guard !cell.isContinuation, cell.text != " " else { continue }
        let drawn = ThemeReadabilityTests.Drawn(cell.style, lightTerminal: lightTerminal)
        if drawn.foreground == drawn.background { found.append("\(row + 1):\(column + 1)") }
      }
    }
    return found
  }

  /// Records the golden file and checks that no text on it vanishes into its background.
  func check(_ canvas: Canvas, theme: Theme, named name: String) throws {
    try assertStyledSnapshot(canvas, theme: theme, named: name)
    let unreadable = Self.unreadableCells(canvas, lightTerminal: theme.name == "light")
    #expect(unreadable.isEmpty, "\(name): text in its background's colour at \(unreadable)")
  }

  @Test(arguments: shipped)
  func everyViewInTheTheme(name: String) throws {
    let theme = try Self.theme(name)
    try check(
      dashboard(DashboardState(), theme: theme), theme: theme,
      named: "styled-dashboard-80x24-\(name)")

    var asking = DashboardState()
    _ = asking.apply(.delete, in: DemoSnapshotFixture.snapshot, now: DemoSnapshotFixture.now)
    #expect(asking.confirmation != nil)
    try check(
      dashboard(asking, theme: theme), theme: theme, named: "styled-confirm-delete-80x24-\(name)")

    let fixture = DetailScreenTests()
    let describeState = fixture.state(.describe)
    let describeLines = try #require(
      describeState.detail?.describeLines(in: fixture.snapshot, now: DemoSnapshotFixture.now))
    try check(
      detail(.describe, focus: .cronJobs, lines: describeLines, theme: theme), theme: theme,
      named: "styled-describe-cronjob-80x24-\(name)")

    try check(
      detail(.logs, focus: .pods, lines: fixture.logLines, theme: theme), theme: theme,
      named: "styled-logs-pod-80x24-\(name)")
  }

  @Test func textInItsBackgroundsColourIsFound() {
    var canvas = Canvas(width: 4, height: 1)
    canvas.draw("ab", column: 0, row: 0, style: CellStyle(foreground: .indexed(15)))
    canvas.draw(
      "c", column: 2, row: 0, style: CellStyle(foreground: .indexed(15), background: .indexed(15)))
    #expect(Self.unreadableCells(canvas, lightTerminal: false) == ["1:3"])
    #expect(Self.unreadableCells(canvas, lightTerminal: true) == ["1:1", "1:2", "1:3"])
  }

  @Test func theStyledFormatNamesRolesAndCountsColumns() {
    var canvas = Canvas(width: 6, height: 2)
    let theme = Theme.default
    canvas.draw("ok", column: 0, row: 0, style: theme[.statusOK])
    canvas.draw("名", column: 2, row: 0, style: theme[.statusFailed])
    canvas.draw("x", column: 0, row: 1, style: CellStyle(foreground: .indexed(200)))
    let text = styledSnapshot(canvas, theme: theme)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0] == "ok名  ")
    #expect(lines.contains("a  fg green bg default  = status.ok, progress.done"), "\(text)")
    #expect(lines.contains("b  fg red bg default bold  = status.failed"), "\(text)")
    #expect(lines.contains("c  fg default bg default  = row, log.text, log.info"), "\(text)")
    #expect(lines.contains("d  fg 200 bg default  = no role"), "\(text)")
    #expect(lines.suffix(2) == [" 1 a2 b2 c2", " 2 d1 c5"], "\(text)")
  }
}

/// Whether a theme can be read, with the terminal's own colours resolved: a dark terminal
/// (default foreground white, background black) for the dark themes, a light one (black on
/// bright white) for `light`.
///
/// The check compares colour indices, not their rendered contrast: terminals choose their
/// own palettes, so two different indices are taken as distinguishable.
@Suite struct ThemeReadabilityTests {
  /// A colour as drawn: an index, with the terminal's defaults resolved.
  struct Drawn: Hashable {
    var foreground: UInt8
    var background: UInt8
    var attributes: TextAttributes

    init(_ style: CellStyle, lightTerminal: Bool) {
      func resolve(_ color: TerminalColor, default fallback: UInt8) -> UInt8 {
        if case .indexed(let index) = color { return index }
        return fallback
      }
      var foreground = resolve(style.foreground, default: lightTerminal ? 0 : 7)
      var background = resolve(style.background, default: lightTerminal ? 15 : 0)
      if style.attributes.contains(.reverse) { swap(&foreground, &background) }
      self.foreground = foreground
      self.background = background
      self.attributes = style.attributes.subtracting(.reverse)
    }
  }

  static let statuses: [ThemeRole] = [
    .statusOK, .statusRunning, .statusFailed, .statusSuspended, .statusWarning,
  ]

  @Test(arguments: ThemedScreensTests.shipped)
  func everyShippedThemeIsReadable(name: String) throws {
    let theme = try ThemedScreensTests.theme(name)
    let light = name == "light"
    let drawn = { (role: ThemeRole) in Drawn(theme[role], lightTerminal: light) }
    for role in ThemeRole.allCases {
      #expect(
        drawn(role).foreground != drawn(role).background,
        "\(name): \(role.rawValue) draws \(describeStyle(theme[role]))")
    }
    #expect(drawn(.rowSelected) != drawn(.row), "\(name): the selection shows")
    #expect(drawn(.rowSelectedUnfocused) != drawn(.row), "\(name): the unfocused selection shows")
    for (index, first) in Self.statuses.enumerated() {
      for second in Self.statuses[(index + 1)...] {
        #expect(
          drawn(first) != drawn(second),
          "\(name): \(first.rawValue) and \(second.rawValue) look the same")
      }
    }
    if theme.styles.values.allSatisfy({ $0.foreground == .terminalDefault }) {
      // Without colours, attributes alone tell the statuses apart.
      let attributes = Self.statuses.map { theme[$0].attributes }
      #expect(Set(attributes).count == attributes.count, "\(name): \(attributes)")
    }
    // Error, warning and debug lines stand out from plain log text and from one another;
    // info lines may look like plain text.
    let levels: [ThemeRole] = [.logError, .logWarning, .logDebug, .logText]
    #expect(
      Set(levels.map(drawn)).count == levels.count,
      "\(name): \(levels.map { describeStyle(theme[$0]) })")
    #expect(drawn(.logInfo) != drawn(.logError) && drawn(.logInfo) != drawn(.logWarning))
    if light {
      // White on the light terminal's own background is too faint to read.
      let faint = ThemeRole.allCases.filter {
        drawn($0).background == 15 && [7, 15].contains(drawn($0).foreground)
      }
      #expect(faint.isEmpty, "\(name): white on the light background: \(faint)")
    }
  }

  @Test func theCompiledMonochromeTellsStatesApartWhereStrippedColourCannot() {
    let drawn = { (theme: Theme, role: ThemeRole) in Drawn(theme[role], lightTerminal: false) }
    let stripped = Theme.default.withoutColor
    #expect(drawn(stripped, .statusOK) == drawn(stripped, .statusRunning))
    let roles = Self.statuses + [.row]
    let distinct = Set(roles.map { drawn(.monochrome, $0) })
    // ok is drawn as a plain row; every other status differs from it and from each other.
    #expect(distinct.count == roles.count - 1)
    #expect(drawn(.monochrome, .statusOK) == drawn(.monochrome, .row))
    for status in [ThemeRole.statusRunning, .statusSuspended, .statusFailed, .statusWarning] {
      #expect(drawn(.monochrome, status) != drawn(.monochrome, .row), "\(status.rawValue)")
    }
  }

  @Test func theCheckFindsALookAlike() {
    var styles = Theme.default.styles
    styles[.statusRunning] = styles[.statusOK]
    styles[.border] = CellStyle(foreground: .indexed(0), background: .terminalDefault)
    let theme = Theme(name: "broken", styles: styles)
    let drawn = { (role: ThemeRole) in Drawn(theme[role], lightTerminal: false) }
    #expect(drawn(.statusRunning) == drawn(.statusOK))
    #expect(drawn(.border).foreground == drawn(.border).background)
    let reversed = Drawn(CellStyle(attributes: [.reverse]), lightTerminal: false)
    #expect(reversed.foreground == 0 && reversed.background == 7)
  }
}
