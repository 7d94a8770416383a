import BatchdeckModel
import Foundation

/// The CronJobs pane: kubectl's columns plus the state word, the next run and the last run,
/// and a detail line for the selected CronJob.
struct CronJobPane {
  var rows: DashboardRows
  var snapshot: ClusterSnapshot
  var focused: Bool
  /// UIDs of marked rows; their names get a `✓`.
  var marks: Set<String> = []
  /// The pane's filter and sort, for its title and column headers.
  var navigation = Navigation()

  /// kubectl's columns, then ours; on a narrow screen SUSPEND goes first (STATE says it).
  static let columns = [
    TableColumn("NAMESPACE", priority: 1), TableColumn("NAME", flexible: true),
    TableColumn("SCHEDULE"), TableColumn("TIMEZONE", priority: 4),
    TableColumn("SUSPEND", priority: 6), TableColumn("ACTIVE", priority: 3),
    TableColumn("LAST SCHEDULE"), TableColumn("AGE", priority: 5), TableColumn("STATE"),
    TableColumn("NEXT RUN", priority: 1), TableColumn("LAST RUN", priority: 2),
  ]

  func draw(into canvas: inout Canvas, frame: Rect, theme: Theme, now: Date) {
    BoxWidget.draw(
      into: &canvas, frame: frame,
      title: "CronJobs \(PaneTitle.count(rows, .cronJobs, navigation))"
        + Marks.note(rows.cronJobs, marks),
      focused: focused,
      theme: theme)
    let (cronJobs, snapshot, marks) = (rows.cronJobs, snapshot, marks)
    // Health is assessed for the rows on screen only, not for every CronJob.
    let health = { @Sendable (cronJob: CronJob) in
      CronJobHealth.assess(cronJob, runs: snapshot.runs(of: cronJob), now: now)
    }
    let selected = rows.selectedCronJob.flatMap { cronJob in
      rows.cronJobs.firstIndex { $0.id == cronJob.id }
    }
    var table = frame.inner
    table.height -= 1
    TableWidget(
      columns: PaneTitle.sortMarked(Self.columns, by: navigation.sorts[.cronJobs]),
      rowCount: cronJobs.count, selectedRow: selected, focused: focused
    ) { index in
      Self.cellsFor(
        cronJobs[index], marked: marks.contains(cronJobs[index].id),
        health: health(cronJobs[index]), now: now)
    }
    .draw(
      into: &canvas, frame: table, theme: theme,
      emptyText: DashboardScreen.emptyText("CronJobs", snapshot: snapshot))
    if let selected {
      drawDetail(
        of: cronJobs[selected], health: health(cronJobs[selected]), into: &canvas,
        row: table.row + table.height, column: table.column, width: table.width, theme: theme,
        now: now)
    }
  }

  private static func cellsFor(
    _ cronJob: CronJob, marked: Bool, health: CronJobHealth, now: Date
  ) -> [TableCell] {
    let printed = cronJob.printedColumns(now: now)
    let activeRole: ThemeRole? = cronJob.active.isEmpty ? nil : .statusRunning
    let suspendRole: ThemeRole? = cronJob.isSuspended ? .statusSuspended : nil
    return [
      TableCell(cronJob.metadata.namespace),
      TableCell(Marks.name(printed[0], marked: marked)), TableCell(printed[1]),
      TableCell(printed[2]), TableCell(printed[3], role: suspendRole),
      TableCell(printed[4], role: activeRole), TableCell(printed[5]), TableCell(printed[6]),
      TableCell(health.state.rawValue, role: Self.role(of: health.state)),
      nextRunCell(cronJob, health: health, now: now),
      lastRunCell(health, now: now),
    ]
  }

  private static func nextRunCell(_ cronJob: CronJob, health: CronJobHealth, now: Date) -> TableCell
  {
    if cronJob.isSuspended { return TableCell("-", role: .muted) }
    guard let next = health.nextRun else { return TableCell("never", role: .statusFailed) }
    return TableCell("in " + HumanDuration.format(next.timeIntervalSince(now)))
  }

  /// `ok 57s` or `failed 55s`: the outcome and the duration; the reason is on the detail line.
  private static func lastRunCell(_ health: CronJobHealth, now: Date) -> TableCell {
    guard let run = health.lastFinishedRun else { return TableCell("<none>", role: .muted) }
    let took = run.duration(now: now).map { " " + HumanDuration.format($0) } ?? ""
    switch run.outcome {
    case .succeeded: return TableCell("ok" + took, role: .statusOK)
    case .failed: return TableCell("failed" + took, role: .statusFailed)
    case .running, .suspended: return TableCell("")
    }
  }

  private func drawDetail(
    of cronJob: CronJob, health: CronJobHealth, into canvas: inout Canvas, row: Int, column: Int,
    width: Int, theme: Theme, now: Date
  ) {
    var parts = [health.scheduleText]
    let strip = Self.historyStrip(health.runs)
    if !strip.isEmpty { parts.append("runs \(strip)") }
    if let next = health.nextRun, let zone = health.zone {
      parts.append("next \(Self.wallClock(next, zone: zone))")
    }
    if let rate = health.successRate {
      let finished = health.runs.filter(\.isFinished).count
      parts.append("\(Int((rate * 100).rounded()))% of \(finished) runs ok")
    }
    if let typical = health.typicalDuration {
      parts.append("typical \(HumanDuration.format(typical))")
    }
    if health.state != .ok { parts.append(health.reason) }
    let history = HistoryCleanup.assess(cronJob, jobs: snapshot.jobs(of: cronJob))
    if !history.pendingDeletion.isEmpty { parts.append(history.summary) }
    canvas.draw(
      "▸ " + parts.joined(separator: " · "), column: column, row: row,
      style: theme[health.state == .ok ? .muted : Self.role(of: health.state)], maxWidth: width)
  }

  /// The last ten finished runs, oldest first: `✓` succeeded, `✗` failed (runs whose Jobs
  /// the cluster deleted included).
  static func historyStrip(_ runs: [RunRecord]) -> String {
    String(
      runs.filter(\.isFinished).prefix(10).reversed().map { $0.outcome == .succeeded ? "✓" : "✗" })
  }

  /// `2026-12-04 02:00 Europe/Berlin`: the time on the CronJob's own wall clock.
  static func wallClock(_ date: Date, zone: TimeZone) -> String {
    WallClock.text(date, in: zone) + " " + WallClock.zoneName(zone)
  }

  static func role(of state: CronJobState) -> ThemeRole {
    switch state {
    case .ok: .statusOK
    case .running: .statusRunning
    case .late: .statusWarning
    case .suspended: .statusSuspended
    case .missed, .blocked, .failing, .invalid: .statusFailed
    }
  }
}
