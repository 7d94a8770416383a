import BatchdeckModel

/// Which pane and row a mouse event lands on, from the same layout and scrolling the screen
/// draws with: a click focuses the pane and selects the row, the wheel moves the selection
/// of the pane under the pointer.
///
/// While help, a confirmation, a prompt, a picker or the events view is open the mouse does
/// nothing: those are answered from the keyboard.
public enum MouseRouting {
  /// The action of `event` on a `width` × `height` screen showing `state` and `snapshot`;
  /// `nil` when it lands on no pane or something modal is open.
  public static func action(
    for event: MouseEvent, state: DashboardState, snapshot: ClusterSnapshot, width: Int,
    height: Int
  ) -> DashboardAction? {
    action(for: event, state: state, width: width, height: height) { state.rows(in: snapshot) }
  }

  /// The action of `event`, like `action(for:state:snapshot:width:height:)`, with the rows of
  /// `state` already built.
  public static func action(
    for event: MouseEvent, state: DashboardState, rows: DashboardRows, width: Int, height: Int
  ) -> DashboardAction? {
    action(for: event, state: state, width: width, height: height) { rows }
  }

  private static func action(
    for event: MouseEvent, state: DashboardState, width: Int, height: Int,
    rows build: () -> DashboardRows
  ) -> DashboardAction? {
    guard state.confirmation == nil, !state.showingHelp, !state.isTyping,
      state.navigation.events == nil,
      let layout = DashboardLayout(width: width, height: height)
    else { return nil }
    let rows = build()
    let panes: [(Pane, Rect, table: Rect, count: Int, selected: Int?)] = [
      (
        .cronJobs, layout.cronJobs, detailed(layout.cronJobs.inner), rows.cronJobs.count,
        rows.selectedCronJob.flatMap { row in rows.cronJobs.firstIndex { $0.id == row.id } }
      ),
      (
        .jobs, layout.jobs, detailed(layout.jobs.inner), rows.jobs.count,
        rows.selectedJob.flatMap { row in rows.jobs.firstIndex { $0.id == row.id } }
      ),
      (
        .pods, layout.pods, layout.pods.inner, rows.pods.count,
        rows.selectedPod.flatMap { row in rows.pods.firstIndex { $0.id == row.id } }
      ),
      (.logs, layout.logs, layout.logs.inner, 0, nil),
    ]
    guard let hit = panes.first(where: { contains($0.1, event) }) else { return nil }
    switch event.kind {
    case .wheelUp: return .navigation(.scroll(hit.0, by: -1))
    case .wheelDown: return .navigation(.scroll(hit.0, by: 1))
    case .click:
      let table = hit.table
      let bodyRows = table.height - 1
      let line = event.row - (table.row + 1)
      guard hit.0 != .logs, line >= 0, line < bodyRows else {
        return .navigation(.select(hit.0, row: -1))
      }
      let widget = TableWidget(
        columns: [], rowCount: hit.count, selectedRow: hit.selected, focused: true
      ) { _ in [] }
      return .navigation(.select(hit.0, row: widget.scrollOffset(visibleRows: bodyRows) + line))
    }
  }

  /// A table with a detail line below it, as the CronJobs and Jobs panes draw.
  private static func detailed(_ inner: Rect) -> Rect {
    Rect(column: inner.column, row: inner.row, width: inner.width, height: inner.height - 1)
  }

  private static func contains(_ rect: Rect, _ event: MouseEvent) -> Bool {
    event.column >= rect.column && event.column < rect.column + rect.width
      && event.row >= rect.row && event.row < rect.row + rect.height
  }
}
