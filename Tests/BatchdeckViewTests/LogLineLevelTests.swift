import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

@Suite struct LogLineLevelTests {
  @Test(arguments: [
    ("ERROR disk almost full", LogLineLevel.error),
    ("2026-12-04 10:00:00,123 WARNING low memory", .warning),
    ("2026/12/04 10:00:00 INFO started", .info),
    ("[debug] cache warm", .debug),
    ("TRACE entering loop", .debug),
    ("error: cannot open /data", .error),
    ("Error: exit status 2", .error),
    ("<WARN> retrying", .warning),
    ("E1204 10:00:00.123456       1 controller.go:42] sync failed", .error),
    ("W1204 10:00:00.123456       1 reflector.go:9] watch closed", .warning),
    ("I1204 10:00:00.123456       1 main.go:1] starting", .info),
    ("F1204 10:00:00.123456       1 main.go:1] cannot continue", .error),
    ("2026-12-04T10:00:00Z E1204 10:00:00.1 1 x.go:1] with a timestamp first", .error),
    ("time=2026-12-04T10:00:00Z level=warn msg=\"slow disk\"", .warning),
    ("level=\"error\" msg=boom", .error),
    ("ts=1 lvl=debug msg=x", .debug),
    (#"{"ts":1,"level":"error","msg":"boom"}"#, .error),
    (#"{"severity": "WARNING", "message": "slow"}"#, .warning),
    (#"{"level":50,"msg":"pino error"}"#, .error),
    (#"{"level":30,"msg":"pino info"}"#, .info),
    (#"{"level":"info","msg":"an error happened"}"#, .info),
  ])
  func recognisedForms(line: String, expected: LogLineLevel) {
    #expect(LogLineLevel.of(line) == expected, "\(line)")
  }

  @Test(arguments: [
    "Halfway there on batch-processor-9p2nz",
    "retrying after error from the server",
    "the info desk is closed",
    "loglevel=debug is set in the config",
    "E1204 is a part number, not a header",
    "processed 12 items, 0 errors",
    "",
    "Running log cleanup at Thu Dec  3 00:00:05 UTC 2026",
    "one two three four five six ERROR seventh word is too far",
  ])
  func linesWithoutALevel(line: String) {
    #expect(LogLineLevel.of(line) == nil, "\(line)")
  }

  @Test func onlyTheStartOfALongLineIsRead() {
    let long = String(repeating: "x", count: 300) + " level=error"
    #expect(LogLineLevel.of(long) == nil)
    #expect(LogLineLevel.of("level=error " + String(repeating: "x", count: 300)) == .error)
  }

  @Test func everyLevelHasItsOwnRole() {
    let roles = LogLineLevel.allCases.map(\.role)
    #expect(Set(roles).count == roles.count)
    #expect(roles.allSatisfy { $0.rawValue.hasPrefix("log.") })
  }

  /// The column where `text` starts on the canvas, with its row.
  static func find(_ text: String, in canvas: Canvas) -> (column: Int, row: Int)? {
    for row in 0..<canvas.height {
      let line = canvas.line(row)
      guard let range = line.range(of: text) else { continue }
      let prefix = String(line[..<range.lowerBound])
      return (TextWidth.of(prefix), row)
    }
    return nil
  }

  @Test func theLogPaneColoursLinesByLevel() throws {
    var tail = LogTail(
      namespace: "default", pod: "log-cleanup-29939040-x7k2p", container: "cleanup")
    tail.append(["plain start", "WARN disk at 80%", "ERROR disk full", "DEBUG sweep 3"])
    let context = DashboardContext(
      cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")
    let theme = Theme.default
    let canvas = DashboardScreen(
      state: DashboardState(), snapshot: DemoSnapshotFixture.snapshot, logTail: tail,
      context: context, theme: theme
    ).render(width: 120, height: 40, now: DemoSnapshotFixture.now)
    for (text, role) in [
      ("plain start", ThemeRole.logText), ("WARN disk", .logWarning), ("ERROR disk", .logError),
      ("DEBUG sweep", .logDebug),
    ] {
      let place = try #require(Self.find(text, in: canvas), "\(text) is on screen")
      #expect(canvas[place.column, place.row].style == theme[role], "\(text)")
      #expect(canvas[place.column + 6, place.row].style == theme[role], "\(text)")
    }
  }

  @Test func theLogViewColoursLinesAndTheSearchHighlightWins() throws {
    let fixture = DetailScreenTests()
    var state = fixture.state(.logs, focus: .pods)
    let lines = ["all fine", "ERROR disk almost full", "E1204 10:00:00.000001 1 x.go:1] sync"]
    let plain = try fixture.render(state, lines: lines, width: 80, height: 24)
    for (text, role) in [
      ("all fine", ThemeRole.logText), ("ERROR disk", .logError), ("E1204", .logError),
    ] {
      let place = try #require(Self.find(text, in: plain), "\(text) is on screen")
      #expect(plain[place.column + 1, place.row].style == Theme.default[role], "\(text)")
    }

    state.detail?.query = "disk"
    let searched = try fixture.render(state, lines: lines, width: 80, height: 24)
    let place = try #require(Self.find("ERROR disk", in: searched))
    #expect(searched[place.column, place.row].style == Theme.default[.logError])
    let highlight = searched[place.column + 6, place.row].style
    #expect(highlight != Theme.default[.logError], "the match is highlighted, not coloured")
    #expect(
      highlight == Theme.default[.flashWarning] || highlight == Theme.default[.rowSelected])
  }

  /// Lines of every level and form, for the styled log-level goldens.
  static let levelLines = [
    "2026-12-04T00:00:01Z starting the sweep",
    "I1204 00:00:02.000000       1 main.go:12] connected",
    "E1204 00:00:03.000000       1 main.go:40] cannot open /var/log/app",
    "time=2026-12-04T00:00:04Z level=warn msg=\"disk at 85%\"",
    #"{"level":"debug","msg":"scanned 1200 files"}"#,
    "[ERROR] sweep failed after 3 attempts",
    "WARNING: retrying in 10s",
    "TRACE entering cleanup loop",
    "done",
  ]

  @Test(arguments: ThemedScreensTests.shipped)
  func logLevelsInEveryTheme(name: String) throws {
    let theme = try ThemedScreensTests.theme(name)
    let fixture = DetailScreenTests()
    var state = fixture.state(.logs, focus: .pods)
    let view = try #require(state.detail)
    state.detail?.pageSize = DetailScreen.textRows(height: 16)
    let canvas = DetailScreen(
      state: state, view: state.detail ?? view, lines: Self.levelLines,
      title: DetailScreen.title(for: view, container: "cleanup", pods: 1, droppedLines: 0),
      problem: nil, context: fixture.context, theme: theme
    ).render(width: 80, height: 16, now: DemoSnapshotFixture.now)
    try assertStyledSnapshot(canvas, theme: theme, named: "styled-log-levels-80x16-\(name)")
    let unreadable = ThemedScreensTests.unreadableCells(canvas, lightTerminal: name == "light")
    #expect(unreadable.isEmpty, "\(name): text in its background's colour at \(unreadable)")
  }
}
