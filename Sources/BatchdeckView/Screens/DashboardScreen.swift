import BatchdeckModel
import Foundation

/// The main screen: header, CronJobs, Jobs, Pods, a log tail and key hints.
///
/// A pure function of its inputs: the same state, snapshot, size and `now` give the same
/// canvas, which is what the golden tests rely on.
public struct DashboardScreen: Sendable {
  public var state: DashboardState
  public var snapshot: ClusterSnapshot
  public var logTail: LogTail?
  public var context: DashboardContext
  public var theme: Theme
  public var keys: KeyBindings
  /// A one-line message above the footer's hints, such as an error.
  public var flash: (text: String, role: ThemeRole)?
  /// The rows of `state` in `snapshot`, when the caller built them already; `nil` builds them.
  public var rows: DashboardRows?

  public init(
    state: DashboardState, snapshot: ClusterSnapshot, logTail: LogTail?,
    context: DashboardContext, theme: Theme, keys: KeyBindings = .dashboard,
    flash: (text: String, role: ThemeRole)? = nil
  ) {
    self.state = state
    self.snapshot = snapshot
    self.logTail = logTail
    self.context = context
    self.theme = theme
    self.keys = keys
    self.flash = flash
  }

  /// A screen drawing `rows`, which must be `state.rows(in: snapshot)` (the main loop builds
  /// them once per change and shares them with the footer, help and mouse).
  public init(
    state: DashboardState, snapshot: ClusterSnapshot, rows: DashboardRows, logTail: LogTail?,
    context: DashboardContext, theme: Theme, keys: KeyBindings = .dashboard
  ) {
    self.init(
      state: state, snapshot: snapshot, logTail: logTail, context: context, theme: theme,
      keys: keys)
    self.rows = rows
  }

  /// Draws the screen at `width` × `height` as of `now`.
  public func render(width: Int, height: Int, now: Date) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    guard let layout = DashboardLayout(width: width, height: height) else {
      drawTooSmall(into: &canvas)
      return canvas
    }
    let rows = self.rows ?? state.rows(in: snapshot)
    drawHeader(into: &canvas, frame: layout.header, now: now)
    CronJobPane(
      rows: rows, snapshot: snapshot, focused: state.focus == .cronJobs, marks: state.marks,
      navigation: state.navigation
    )
    .draw(into: &canvas, frame: layout.cronJobs, theme: theme, now: now)
    JobPane(
      rows: rows, snapshot: snapshot, focused: state.focus == .jobs, marks: state.marks,
      navigation: state.navigation
    )
    .draw(into: &canvas, frame: layout.jobs, theme: theme, now: now)
    drawPods(into: &canvas, frame: layout.pods, rows: rows, now: now)
    LogPane(tail: logTail, pod: rows.selectedPod, focused: state.focus == .logs)
      .draw(into: &canvas, frame: layout.logs, theme: theme)
    drawFooter(into: &canvas, frame: layout.footer, rows: rows)
    if let panel = state.diagnosisPanel, let content = state.panelContent(in: snapshot, now: now) {
      DiagnosisPane(content: content, scroll: panel.scroll).draw(
        into: &canvas, frame: layout.diagnosis, theme: theme)
    }
    let body = Rect(
      column: 0, row: layout.header.row + 1, width: width,
      height: layout.footer.row - layout.header.row - 1)
    if state.showingHelp {
      HelpOverlay(keys: keys, state: state, snapshot: snapshot, rows: rows)
        .draw(into: &canvas, area: body, theme: theme)
    }
    drawNavigation(into: &canvas, area: body, now: now)
    if let confirmation = state.confirmation {
      ConfirmDialog(confirmation: confirmation).draw(into: &canvas, area: body, theme: theme)
    }
    return canvas
  }

  private func drawTooSmall(into canvas: inout Canvas) {
    let lines = [
      "Terminal too small",
      "need \(DashboardLayout.minimumWidth)x\(DashboardLayout.minimumHeight),"
        + " have \(canvas.width)x\(canvas.height)",
      "q quits",
    ]
    for (index, line) in lines.enumerated() {
      canvas.draw(line, column: 0, row: index, style: theme[index == 0 ? .flashWarning : .row])
    }
  }

  private func drawHeader(into canvas: inout Canvas, frame: Rect, now: Date) {
    canvas.fill(column: 0, row: frame.row, width: frame.width, height: 1, style: theme[.header])
    var cursor = canvas.draw(" Batchdeck ", column: 0, row: frame.row, style: theme[.headerAccent])
    let clock = Self.clockText(now) + (context.clockNote.isEmpty ? "" : " \(context.clockNote)")
    let sync = syncText(now: now)
    let syncWidth = TextWidth.of(sync) + 2
    let room = frame.width - syncWidth - cursor
    let user = context.user.isEmpty ? [] : ["user \(context.user)"]
    let readOnly = state.readOnly ? ["read-only"] : []
    let namespace = state.namespaceDisplay(watching: context.namespace)
    let choices = [
      [
        "cluster \(context.cluster)", "context \(context.context)",
        "namespace \(namespace)",
      ] + user + readOnly + [clock],
      [
        "cluster \(context.cluster)", "context \(context.context)",
        "namespace \(namespace)",
      ] + readOnly + [clock],
      [context.cluster, "ns \(namespace)"] + readOnly + [clock],
      ["ns \(namespace)"] + readOnly + [clock],
    ]
    let parts =
      choices.first { parts in parts.reduce(0) { $0 + TextWidth.of($1) + 3 } <= room }
      ?? choices[choices.count - 1]
    for part in parts where cursor < frame.width - syncWidth {
      cursor += canvas.draw(
        "│ \(part) ", column: cursor, row: frame.row, style: theme[.header],
        maxWidth: frame.width - syncWidth - cursor)
    }
    let failing = snapshot.sources.values.contains { $0.error != nil }
    canvas.draw(
      sync, column: max(cursor, frame.width - syncWidth + 1), row: frame.row,
      style: theme[failing ? .flashError : .header], maxWidth: syncWidth)
  }

  /// `live` while every source is in sync; otherwise how old the data is and why.
  private func syncText(now: Date) -> String {
    let sources = snapshot.sources.values
    if let failing = sources.first(where: { $0.error != nil }), let error = failing.error {
      let age = failing.lastSynced.map { HumanDuration.format(now.timeIntervalSince($0)) }
      return "stale\(age.map { " \($0)" } ?? ""): \(error)"
    }
    return !sources.isEmpty && sources.allSatisfy(\.hasSynced) ? "live" : "syncing…"
  }

  static func clockText(_ date: Date) -> String {
    let stamp = RFC3339Text.format(date)
    return stamp.replacingOccurrences(of: "T", with: " ")
  }

  private func drawPods(into canvas: inout Canvas, frame: Rect, rows: DashboardRows, now: Date) {
    let focused = state.focus == .pods
    let scope = rows.selectedJob.map { " of job/\($0.metadata.name)" } ?? ""
    BoxWidget.draw(
      into: &canvas, frame: frame,
      title: "Pods\(scope) \(PaneTitle.count(rows, .pods, state.navigation))"
        + Marks.note(rows.pods, state.marks),
      focused: focused,
      theme: theme)
    let columns = PaneTitle.sortMarked(
      [
        TableColumn("NAME", flexible: true), TableColumn("READY", priority: 2),
        TableColumn("STATUS"), TableColumn("RESTARTS", priority: 1),
        TableColumn("AGE", priority: 3), TableColumn("DETAIL", priority: 4),
      ], by: state.navigation.sorts[.pods])
    let pods = rows.pods
    let cells = { @Sendable (row: Int) -> [TableCell] in
      let pod = pods[row]
      let printed = pod.printedColumns(now: now)
      return printed.enumerated().map { index, text in
        let shown = index == 0 ? Marks.name(text, marked: state.marks.contains(pod.id)) : text
        return TableCell(shown, role: index == 2 ? StatusRoles.pod(text) : nil)
      } + [TableCell(pod.failureDetail ?? "", role: .statusFailed)]
    }
    let selected = rows.selectedPod.flatMap { pod in rows.pods.firstIndex { $0.id == pod.id } }
    let empty = rows.selectedJob == nil ? "Select a Job to see its pods" : "No pods"
    TableWidget(
      columns: columns, rowCount: pods.count, selectedRow: selected, focused: focused,
      cells: cells
    )
    .draw(into: &canvas, frame: frame.inner, theme: theme, emptyText: empty)
  }

  private func emptyText(_ kind: String) -> String {
    Self.emptyText(kind, snapshot: snapshot)
  }

  static func emptyText(_ kind: String, snapshot: ClusterSnapshot) -> String {
    let synced = snapshot.sources.values.contains { $0.hasSynced }
    return synced ? "No \(kind) found" : "Loading \(kind)…"
  }

  /// The theme role of a flash level.
  static func role(of level: FlashLevel) -> ThemeRole {
    switch level {
    case .info: .flashInfo
    case .warning: .flashWarning
    case .error: .flashError
    }
  }

  private func drawFooter(into canvas: inout Canvas, frame: Rect, rows: DashboardRows) {
    canvas.fill(column: 0, row: frame.row, width: frame.width, height: 1, style: theme[.footerText])
    if let prompt = state.navigation.prompt {
      PromptLine(prompt: prompt).draw(into: &canvas, frame: frame, theme: theme)
      return
    }
    if state.navigation.events != nil, state.flash == nil {
      EventsFooter.draw(into: &canvas, frame: frame, theme: theme)
      return
    }
    if let flash = flash ?? state.flash.map({ ($0.text, Self.role(of: $0.level)) }) {
      canvas.draw(" \(flash.text)", column: 0, row: frame.row, style: theme[flash.role])
      return
    }
    // Operations RBAC forbids stay listed, muted and marked, so the key's absence is explained.
    var hints = keys.footerHints(readOnly: state.readOnly).map { hint in
      let blocked = hint.action.flatMap { state.unavailableReason(of: $0, rows: rows) } != nil
      return (key: hint.key, help: blocked ? "\(hint.help) ✗" : hint.help, blocked: blocked)
    }
    func width(_ list: [(key: String, help: String, blocked: Bool)]) -> Int {
      list.reduce(0) { $0 + TextWidth.of($1.key) + TextWidth.of($1.help) + 4 }
    }
    while hints.count > 1, width(hints) > frame.width {
      hints.remove(at: hints.count - 2)
    }
    var cursor = 0
    for hint in hints where cursor < frame.width {
      cursor += canvas.draw(
        " \(hint.key) ", column: cursor, row: frame.row, style: theme[.footerKey])
      cursor += canvas.draw(
        " \(hint.help) ", column: cursor, row: frame.row,
        style: theme[hint.blocked ? .muted : .footerText],
        maxWidth: max(0, frame.width - cursor))
    }
  }
}
