import BatchdeckModel
import Foundation

/// How a pane's title and column headers show its filter and sort.
enum PaneTitle {
  /// `(6)` without a filter; `(2/6) /log` with one: shown rows, rows before the filter, and
  /// the filter as typed; then ` by AGE↑` when sorted (the column may be off screen).
  static func count(_ rows: DashboardRows, _ pane: Pane, _ navigation: Navigation) -> String {
    let shown: Int
    switch pane {
    case .cronJobs: shown = rows.cronJobs.count
    case .jobs: shown = rows.jobs.count
    case .pods, .logs: shown = rows.pods.count
    }
    let sort = navigation.sorts[pane].map { " by \($0.column.rawValue)\($0.ascending ? "↑" : "↓")" }
    guard let filter = navigation.filters[pane] else { return "(\(shown))" + (sort ?? "") }
    return "(\(shown)/\(rows.totals[pane] ?? shown)) /\(filter.text)" + (sort ?? "")
  }

  /// The columns with `↑` or `↓` after the title of the one the pane is sorted by.
  static func sortMarked(_ columns: [TableColumn], by sort: RowSort?) -> [TableColumn] {
    guard let sort else { return columns }
    return columns.map { column in
      guard column.title == sort.column.rawValue else { return column }
      var marked = column
      marked.title += sort.ascending ? "↑" : "↓"
      return marked
    }
  }
}

/// The footer while `/` or `:` is open: the leader, the text and a cursor, then why the last
/// Enter failed or what Tab found.
struct PromptLine {
  var prompt: Prompt

  func draw(into canvas: inout Canvas, frame: Rect, theme: Theme) {
    var cursor = canvas.draw(
      " \(prompt.leader)", column: frame.column, row: frame.row, style: theme[.footerKey])
    cursor += canvas.draw(
      prompt.text, column: frame.column + cursor, row: frame.row, style: theme[.footerText],
      maxWidth: max(0, frame.width - cursor - 1))
    cursor += canvas.draw(
      "█", column: frame.column + cursor, row: frame.row, style: theme[.footerText])
    let note: (String, ThemeRole)? =
      prompt.error.map { ("  \($0)", .flashError) }
      ?? (prompt.candidates.isEmpty
        ? nil : ("  " + prompt.candidates.joined(separator: "  "), .muted))
    if let (text, role) = note {
      canvas.draw(
        text, column: frame.column + cursor, row: frame.row, style: theme[role],
        maxWidth: max(0, frame.width - cursor))
    }
  }
}

/// The namespace or context picker: a centred list, narrowed by what is typed.
struct PickerDialog {
  var picker: Picker

  func draw(into canvas: inout Canvas, area: Rect, theme: Theme) {
    let shown = picker.shown
    let widest = (shown.map(TextWidth.of) + [TextWidth.of(picker.query) + 2, 40]).max() ?? 40
    let width = min(area.width, widest + 6)
    let height = min(area.height, max(6, min(shown.count, 12) + 5))
    guard width >= 10, height >= 5 else { return }
    let frame = Rect(
      column: area.column + (area.width - width) / 2, row: area.row + (area.height - height) / 2,
      width: width, height: height)
    canvas.fill(
      column: frame.column, row: frame.row, width: frame.width, height: frame.height,
      style: theme[.row])
    BoxWidget.draw(
      into: &canvas, frame: frame, title: "\(picker.title) (\(shown.count))", focused: true,
      theme: theme)
    let inner = frame.inner
    let room = max(0, inner.width - 2)
    canvas.draw(
      "> \(picker.query)█", column: inner.column + 1, row: inner.row, style: theme[.title],
      maxWidth: room)
    let listHeight = inner.height - 2
    let selected = min(max(0, picker.selected), max(0, shown.count - 1))
    let offset = max(0, min(selected - listHeight / 2, shown.count - listHeight))
    if shown.isEmpty {
      canvas.draw(
        "nothing matches", column: inner.column + 1, row: inner.row + 1, style: theme[.muted],
        maxWidth: room)
    }
    for (index, item) in shown.dropFirst(offset).prefix(listHeight).enumerated() {
      let isSelected = offset + index == selected
      let style = theme[isSelected ? .rowSelected : .row]
      canvas.fill(
        column: inner.column, row: inner.row + 1 + index, width: inner.width, height: 1,
        style: style)
      canvas.draw(
        item, column: inner.column + 1, row: inner.row + 1 + index, style: style, maxWidth: room)
    }
    canvas.draw(
      "Enter pick   Esc cancel   type to narrow", column: inner.column + 1,
      row: inner.row + inner.height - 1, style: theme[.footerKey], maxWidth: room)
  }
}

/// The events view (`:events`): the Events of the selected object or of all, warnings first,
/// then newest first, in `kubectl get events` columns, over the panes.
struct EventsOverlay {
  var view: EventsView
  var snapshot: ClusterSnapshot

  static let columns = [
    TableColumn("LAST SEEN"), TableColumn("TYPE"), TableColumn("REASON"),
    TableColumn("OBJECT", priority: 1), TableColumn("MESSAGE", flexible: true),
  ]

  func draw(into canvas: inout Canvas, area: Rect, theme: Theme, now: Date) {
    let events = EventList.events(in: snapshot, about: view.target)
    canvas.fill(
      column: area.column, row: area.row, width: area.width, height: area.height,
      style: theme[.row])
    let scope = view.target.map { " of \($0.kind.rawValue.lowercased())/\($0.name)" } ?? " all"
    BoxWidget.draw(
      into: &canvas, frame: area, title: "Events\(scope) (\(events.count))  Esc closes",
      focused: true, theme: theme)
    let cells = { @Sendable (row: Int) -> [TableCell] in
      let text = EventList.cells(of: events[row], now: now)
      let warning = events[row].type == "Warning"
      return text.enumerated().map { index, cell in
        TableCell(cell, role: index == 1 && warning ? .statusWarning : nil)
      }
    }
    let selected = events.isEmpty ? nil : min(max(0, view.selected), events.count - 1)
    TableWidget(
      columns: Self.columns, rowCount: events.count, selectedRow: selected, focused: true,
      cells: cells
    )
    .draw(
      into: &canvas, frame: area.inner, theme: theme,
      emptyText: view.target == nil ? "No events" : "No events for this object")
  }
}

extension DashboardScreen {
  /// Draws the events view or the picker over the body, when open.
  func drawNavigation(into canvas: inout Canvas, area: Rect, now: Date) {
    if let events = state.navigation.events {
      EventsOverlay(view: events, snapshot: snapshot)
        .draw(into: &canvas, area: area, theme: theme, now: now)
    }
    if let picker = state.navigation.picker {
      PickerDialog(picker: picker).draw(into: &canvas, area: area, theme: theme)
    }
  }
}

/// The footer over the events view: its own keys, not the dashboard's.
enum EventsFooter {
  static let hints = [("Esc", "close"), ("↑↓/jk", "move"), (":", "command"), ("q", "quit")]

  static func draw(into canvas: inout Canvas, frame: Rect, theme: Theme) {
    var cursor = frame.column
    for (key, help) in hints where cursor < frame.column + frame.width {
      cursor += canvas.draw(" \(key) ", column: cursor, row: frame.row, style: theme[.footerKey])
      cursor += canvas.draw(
        " \(help) ", column: cursor, row: frame.row, style: theme[.footerText],
        maxWidth: max(0, frame.column + frame.width - cursor))
    }
  }
}
