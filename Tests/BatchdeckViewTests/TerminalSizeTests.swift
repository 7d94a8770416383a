import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

/// The dashboard on narrow and wide terminals, and with CJK and emoji in names: golden
/// screens, and checks that every row's cells start under their column's header. (A real
/// cluster's object names are lowercase DNS names; the layout must still hold for any text a
/// table is given, such as a container's name or a reason.)
@Suite struct TerminalSizeTests {
  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")

  func render(_ snapshot: ClusterSnapshot, width: Int, height: Int, logTail: LogTail? = nil)
    -> Canvas
  {
    DashboardScreen(
      state: DashboardState(), snapshot: snapshot, logTail: logTail, context: context,
      theme: .default
    ).render(width: width, height: height, now: DemoSnapshotFixture.now)
  }

  /// A cluster whose CronJobs, Jobs and Pods have CJK, emoji and combining-accent names.
  static var unicodeSnapshot: ClusterSnapshot {
    let now = DemoSnapshotFixture.now
    let meta = DemoSnapshotFixture.meta
    let report = OwnerReference(kind: "CronJob", name: "日次レポート", uid: "uid-日次レポート")
    let cronJobs = [
      CronJob(
        metadata: meta("default", "日次レポート", 7200, nil), schedule: "0 6 * * *",
        suspend: false,
        active: [OwnerReference(kind: "Job", name: "日次レポート-29939040", uid: "j")],
        lastScheduleTime: now - 20),
      CronJob(
        metadata: meta("default", "🚀-deploy-✅", 3600, nil), schedule: "*/5 * * * *",
        suspend: true, lastScheduleTime: now - 600),
      CronJob(
        metadata: meta("데이터", "cafe\u{301}-sync", 86400, nil), schedule: "30 2 * * *",
        timeZone: "Asia/Seoul", suspend: false, lastScheduleTime: now - 3600),
    ]
    let jobOwner = OwnerReference(
      kind: "Job", name: "日次レポート-29939040", uid: "uid-日次レポート-29939040")
    let jobs = [
      Job(
        metadata: meta("default", "日次レポート-29939040", 20, report), completions: 4,
        parallelism: 2, startTime: now - 20, active: 2, succeeded: 1),
      Job(
        metadata: meta("default", "🚀-deploy-✅-29939000", 600, nil),
        conditions: [Condition(type: "Complete", status: "True")], startTime: now - 600,
        completionTime: now - 540, succeeded: 1),
      Job(
        metadata: meta("데이터", "🇯🇵-import", 900, nil), backoffLimit: 1,
        conditions: [Condition(type: "Failed", status: "True", reason: "BackoffLimitExceeded")],
        startTime: now - 900, failed: 2),
    ]
    let pods = [
      Pod(
        metadata: meta("default", "日次レポート-29939040-x7k2p", 20, jobOwner),
        containers: [ContainerSpec(name: "报告", image: "busybox:1.36")], phase: "Running",
        containerStatuses: [
          ContainerStatus(
            name: "报告", ready: true, started: true, state: .running(startedAt: now - 15))
        ]),
      Pod(
        metadata: meta("default", "日次レポート-29939040-b9z4q", 18, jobOwner),
        containers: [ContainerSpec(name: "报告", image: "busybox:1.36")], phase: "Succeeded",
        containerStatuses: []),
    ]
    let sources = Dictionary(
      uniqueKeysWithValues: ["cronjobs", "jobs", "pods", "events"].map {
        ($0, SourceStatus(lastSynced: now - 1))
      })
    return ClusterSnapshot(cronJobs: cronJobs, jobs: jobs, pods: pods, sources: sources)
  }

  /// Display columns where each of `words` starts on `row`, or nil when one is missing.
  static func starts(of words: [String], row: Int, in canvas: Canvas) -> [Int]? {
    let line = canvas.line(row)
    var result: [Int] = []
    for word in words {
      guard let range = line.range(of: word) else { return nil }
      result.append(TextWidth.of(String(line[..<range.lowerBound])))
    }
    return result
  }

  /// The display column where the text of each cell of `row` starts, found by the runs of two
  /// or more spaces that separate cells, between the pane's borders.
  static func cellStarts(row: Int, in canvas: Canvas, from: Int, to: Int) -> [Int] {
    var starts: [Int] = []
    var blanks = 2
    for column in from..<to {
      let cell = canvas[column, row]
      if cell.isContinuation { continue }
      if cell.text == " " {
        blanks += 1
      } else {
        if blanks >= 2 { starts.append(column) }
        blanks = 0
      }
    }
    return starts
  }

  /// Checks that in the pane titled `title`, every body row's cells start at one of the
  /// column header's starts, in display columns, for the pane starting at `left`.
  func expectAligned(
    _ canvas: Canvas, title: String, left: Int = 0, width: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let titleRow = try #require(
      (0..<canvas.height).first { canvas.line($0).contains(title) },
      sourceLocation: sourceLocation)
    let headerRow = titleRow + 1
    let columns = Self.cellStarts(row: headerRow, in: canvas, from: left + 1, to: left + width - 1)
    #expect(
      columns.count >= 2, "\(title): \(canvas.line(headerRow))", sourceLocation: sourceLocation)
    var checked = 0
    for row in (headerRow + 1)..<canvas.height {
      let text = canvas.line(row)
      if text.contains("▸") || text.contains("└") { break }
      let cells = Self.cellStarts(row: row, in: canvas, from: left + 1, to: left + width - 1)
      if cells.isEmpty { break }
      #expect(
        cells.allSatisfy(columns.contains), "\(title) row \(row + 1): \(cells) under \(columns)",
        sourceLocation: sourceLocation)
      checked += 1
    }
    #expect(checked >= 1, "\(title): rows checked", sourceLocation: sourceLocation)
  }

  @Test func narrowDashboardAt60x20() throws {
    let canvas = render(
      DemoSnapshotFixture.snapshot, width: 60, height: 20, logTail: DemoSnapshotFixture.logTail)
    try assertSnapshot(canvas.text, named: "dashboard-60x20")
  }

  @Test func wideDashboardAt200x50() throws {
    let canvas = render(
      DemoSnapshotFixture.snapshot, width: 200, height: 50, logTail: DemoSnapshotFixture.logTail)
    try assertSnapshot(canvas.text, named: "dashboard-200x50")
  }

  @Test func unicodeNamesAt100x30() throws {
    let canvas = render(Self.unicodeSnapshot, width: 100, height: 30)
    try assertSnapshot(canvas.text, named: "dashboard-unicode-100x30")
  }

  /// The titles of `columns` that the header row below the pane titled `title` shows.
  static func shownColumns(_ columns: [TableColumn], title: String, in canvas: Canvas)
    -> [String]?
  {
    guard let row = (0..<canvas.height).first(where: { canvas.line($0).contains(title) })
    else { return nil }
    let header = canvas.line(row + 1)
    return columns.map(\.title).filter { header.contains($0) }
  }

  @Test(arguments: [60, 80, 100, 120, 160, 200])
  func columnsDropByPriorityAndWideScreensShowThemAll(width: Int) throws {
    let canvas = render(DemoSnapshotFixture.snapshot, width: width, height: 30)
    for (columns, title) in [
      (CronJobPane.columns, "CronJobs (2)"), (JobPane.columns, "Jobs all (3)"),
    ] {
      let shown = try #require(Self.shownColumns(columns, title: title, in: canvas))
      // The order columns are dropped in: highest priority first, the later one of a tie.
      let dropOrder = columns.indices.filter { columns[$0].priority > 0 }.sorted {
        (columns[$0].priority, $0) > (columns[$1].priority, $1)
      }
      let hidden = dropOrder.filter { !shown.contains(columns[$0].title) }
      #expect(
        Array(dropOrder.prefix(hidden.count)) == hidden,
        "\(title) at \(width): hidden \(hidden.map { columns[$0].title })")
      #expect(
        columns.filter { $0.priority == 0 }.allSatisfy { shown.contains($0.title) },
        "\(title) at \(width) keeps every essential column: \(shown)")
      if width >= 160 {
        #expect(shown.count == columns.count, "\(title) at \(width) shows all: \(shown)")
      }
    }
    #expect(width > 80 || !canvas.line(2).contains("SUSPEND"), "SUSPEND goes first")
  }

  @Test(arguments: [(60, 20), (80, 24), (100, 30), (200, 50)])
  func unicodeNamesKeepColumnsAligned(width: Int, height: Int) throws {
    let canvas = render(Self.unicodeSnapshot, width: width, height: height)
    try expectAligned(canvas, title: "CronJobs (3)", width: width)
    try expectAligned(canvas, title: "Jobs all (3)", width: width)
    try expectAligned(canvas, title: "Pods of", width: width / 2)
  }
}

@Suite struct TextWidthTests {
  @Test(arguments: [
    ("日", 2), ("한", 2), ("🚀", 2), ("✅", 2), ("⭐", 2), ("🇯🇵", 2), ("🫠", 2), ("😀", 2),
    ("👩‍💻", 2), ("e\u{301}", 1), ("a", 1), ("│", 1), ("✓", 1), ("…", 1), ("\u{200B}", 0),
  ])
  func displayWidth(text: String, expected: Int) {
    #expect(
      TextWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
  }

  @Test func wideCharactersCountTwiceInAString() {
    #expect(TextWidth.of("🚀-deploy-✅") == 12)
    #expect(TextWidth.of("日次レポート") == 12)
    #expect(TableWidget.truncate("日次レポート", to: 6) == "日次…")
  }
}
