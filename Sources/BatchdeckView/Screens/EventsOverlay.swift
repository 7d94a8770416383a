import BatchdeckModel
import Foundation

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
