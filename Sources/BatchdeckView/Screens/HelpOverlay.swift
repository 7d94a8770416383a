import BatchdeckModel

/// The `?` help: every key of the dashboard and of its dialogs, generated from the same tables
/// that dispatch keys, with operations the user may not use marked as such.
struct HelpOverlay {
  var keys: KeyBindings
  var state: DashboardState
  var snapshot: ClusterSnapshot

  static let headings: Set<String> = ["Dashboard", "In a confirmation"]

  /// The help's columns of text lines: the dashboard's keys, then the dialog's keys and a note.
  var columns: [[String]] {
    let shown = keys.visible(readOnly: state.readOnly)
    let labelWidth =
      (shown + KeyBindings.confirmation.bindings).map { TextWidth.of($0.label) }.max() ?? 0
    func line(_ binding: KeyBinding) -> String {
      let pad = String(repeating: " ", count: max(0, labelWidth - TextWidth.of(binding.label)))
      var text = "\(binding.label)\(pad)  \(binding.help)"
      if binding.confirmsFirst { text += " *" }
      if let reason = state.unavailableReason(of: binding.action, in: snapshot) {
        text += " — unavailable: \(reason)"
      }
      return text
    }
    let dashboard = ["Dashboard"] + shown.map(line)
    var rest = ["In a confirmation"] + KeyBindings.confirmation.bindings.map(line) + [""]
    if state.readOnly {
      rest.append("Read-only mode: keys that change the cluster are hidden.")
    }
    if shown.contains(where: \.confirmsFirst) { rest.append("* asks before it acts") }
    rest.append("Any key closes this help.")
    return [dashboard, rest]
  }

  /// The help's text lines in one column.
  var lines: [String] {
    let parts = columns
    return (parts.first ?? []) + [""] + (parts.last ?? [])
  }

  /// Draws the help centred in `area`: one column when it fits, else two side by side.
  func draw(into canvas: inout Canvas, area: Rect, theme: Theme) {
    let single = lines
    var parts = columns
    // A first column taller than the screen carries on at the top of the second.
    if single.count + 2 > area.height, let first = parts.first, first.count + 2 > area.height {
      let room = max(1, area.height - 2)
      parts = [Array(first.prefix(room)), Array(first.dropFirst(room)) + [""] + (parts.last ?? [])]
    }
    let widths = parts.map { $0.map(TextWidth.of).max() ?? 0 }
    let twoColumns = single.count + 2 > area.height
    let rows = twoColumns ? (parts.map(\.count).max() ?? 0) : single.count
    let contentWidth = twoColumns ? widths.reduce(0, +) + 3 : (widths.max() ?? 0)
    let width = min(area.width, contentWidth + 4)
    let height = min(area.height, rows + 2)
    guard width >= 6, height >= 3 else { return }
    let frame = Rect(
      column: area.column + (area.width - width) / 2, row: area.row + (area.height - height) / 2,
      width: width, height: height)
    canvas.fill(
      column: frame.column, row: frame.row, width: frame.width, height: frame.height,
      style: theme[.row])
    BoxWidget.draw(into: &canvas, frame: frame, title: "Help", focused: true, theme: theme)
    let inner = frame.inner
    var blocks: [(column: Int, lines: [String])] = [(inner.column + 1, single)]
    if twoColumns, let first = parts.first, let second = parts.last {
      blocks = [(inner.column + 1, first), (inner.column + 1 + (widths.first ?? 0) + 3, second)]
    }
    for block in blocks {
      let room = max(0, inner.column + inner.width - 1 - block.column)
      for (index, line) in block.lines.prefix(inner.height).enumerated() {
        canvas.draw(
          line, column: block.column, row: inner.row + index,
          style: theme[Self.headings.contains(line) ? .title : .row], maxWidth: room)
      }
    }
  }
}
