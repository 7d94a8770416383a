import BatchdeckModel

/// The `?` help: every key of the dashboard and of its dialogs, generated from the same tables
/// that dispatch keys, with operations the user may not use marked as such.
struct HelpOverlay {
  var keys: KeyBindings
  var state: DashboardState
  var snapshot: ClusterSnapshot

  /// The help's text lines.
  var lines: [String] {
    let shown = keys.visible(readOnly: state.readOnly)
    let labelWidth =
      (shown + KeyBindings.confirmation.bindings).map { TextWidth.of($0.label) }.max() ?? 0
    func line(_ binding: KeyBinding) -> String {
      let pad = String(repeating: " ", count: max(0, labelWidth - TextWidth.of(binding.label)))
      var text = "\(binding.label)\(pad)  \(binding.help)"
      if binding.confirmsFirst { text += " (asks first)" }
      if let reason = state.unavailableReason(of: binding.action, in: snapshot) {
        text += " — unavailable: \(reason)"
      }
      return text
    }
    var result = ["Dashboard"] + shown.map(line)
    if state.readOnly {
      result.append("Read-only mode: keys that change the cluster are hidden.")
    }
    result += ["", "In a confirmation"] + KeyBindings.confirmation.bindings.map(line)
    result += ["", "Any key closes this help."]
    return result
  }

  func draw(into canvas: inout Canvas, area: Rect, theme: Theme) {
    let body = lines
    let widest = body.map(TextWidth.of).max() ?? 0
    let width = min(area.width, widest + 4)
    let height = min(area.height, body.count + 2)
    guard width >= 6, height >= 3 else { return }
    let frame = Rect(
      column: area.column + (area.width - width) / 2, row: area.row + (area.height - height) / 2,
      width: width, height: height)
    canvas.fill(
      column: frame.column, row: frame.row, width: frame.width, height: frame.height,
      style: theme[.row])
    BoxWidget.draw(into: &canvas, frame: frame, title: "Help", focused: true, theme: theme)
    let inner = frame.inner
    for (index, line) in body.prefix(inner.height).enumerated() {
      let heading = line == "Dashboard" || line == "In a confirmation"
      canvas.draw(
        line, column: inner.column + 1, row: inner.row + index,
        style: theme[heading ? .title : .row], maxWidth: max(0, inner.width - 2))
    }
  }
}
