import BatchdeckModel

/// The last lines of the selected pod's log, newest at the bottom, each in the colour of the
/// level it declares (`LogLineLevel`).
struct LogPane {
  var tail: LogTail?
  var pod: Pod?
  var focused: Bool

  func draw(into canvas: inout Canvas, frame: Rect, theme: Theme) {
    let matches = tail.map { $0.pod == pod?.metadata.name } ?? false
    let title: String
    if let tail, matches {
      title = "Logs \(tail.pod) [\(tail.container)] (\(tail.lines.count) lines)"
    } else {
      title = "Logs"
    }
    BoxWidget.draw(into: &canvas, frame: frame, title: title, focused: focused, theme: theme)
    let inner = frame.inner
    guard inner.height > 0, inner.width > 0 else { return }
    guard let tail, matches else {
      let text = pod == nil ? "Select a pod to follow its log" : "Waiting for the log…"
      canvas.draw(text, column: inner.column, row: inner.row, style: theme[.muted])
      return
    }
    var lines = tail.lines.suffix(inner.height).map { ($0, LogLineLevel.of($0)?.role ?? .logText) }
    if let error = tail.error {
      lines = Array(lines.suffix(inner.height - 1)) + [(error, .statusWarning)]
    }
    if lines.isEmpty { lines = [("(no output yet)", .muted)] }
    for (index, line) in lines.enumerated() {
      canvas.draw(
        line.0, column: inner.column, row: inner.row + index, style: theme[line.1],
        maxWidth: inner.width)
    }
  }
}
