import BatchdeckModel

/// The `?` help: every key of the dashboard and of its dialogs, generated from the same tables
/// that dispatch keys, with operations the user may not use marked as such.
struct HelpOverlay {
  var keys: KeyBindings
  var state: DashboardState
  var snapshot: ClusterSnapshot
  /// The rows of `state` in `snapshot`, when already built.
  var rows: DashboardRows?

  static let headings: Set<String> = ["Dashboard", "Navigation", "In a confirmation"]

  /// The help's sections of text lines: the dashboard's keys, the navigation keys, then the
  /// dialog's keys and a note.
  var columns: [[String]] { sections(compactDialog: false) }

  /// The sections; with `compactDialog` the confirmation's keys are summed up in two lines
  /// (the dialog lists them in full), for screens too small for every line.
  func sections(compactDialog: Bool) -> [[String]] {
    let shown = keys.visible(readOnly: state.readOnly)
    let labelWidth =
      (shown + KeyBindings.confirmation.bindings).map { TextWidth.of($0.label) }.max() ?? 0
    func line(_ binding: KeyBinding) -> String {
      let pad = String(repeating: " ", count: max(0, labelWidth - TextWidth.of(binding.label)))
      var text = "\(binding.label)\(pad)  \(binding.help)"
      if binding.confirmsFirst { text += " *" }
      let reason =
        rows.map { state.unavailableReason(of: binding.action, rows: $0) }
        ?? state.unavailableReason(of: binding.action, in: snapshot)
      if let reason { text += " — unavailable: \(reason)" }
      return text
    }
    let navigating = shown.filter(\.isNavigation)
    let dashboard = ["Dashboard"] + shown.filter { !$0.isNavigation }.map(line)
    let navigation =
      navigating.isEmpty ? [] : [["Navigation"] + navigating.map(line)]
    var rest =
      compactDialog
      ? ["In a confirmation", "Enter/y confirm, Esc/n cancel,", "Tab/b/f/o propagation", ""]
      : ["In a confirmation"] + KeyBindings.confirmation.bindings.map(line) + [""]
    if state.readOnly {
      rest.append("Read-only mode: keys that change the cluster are hidden.")
    }
    if shown.contains(where: \.confirmsFirst) { rest.append("* asks before it acts") }
    rest.append("Any key closes this help.")
    return [dashboard] + navigation + [rest]
  }

  /// The help's text lines in one column.
  var lines: [String] {
    Array(columns.joined(separator: [""]))
  }

  /// The sections flowed into columns of at most `height` lines: a section goes below the
  /// previous one when it fits (its heading sets it apart), else starts a new column; a
  /// section taller than `height` is split.
  static func flow(_ sections: [[String]], height: Int) -> [[String]] {
    let height = max(1, height)
    var flowed: [[String]] = []
    for section in sections {
      if let last = flowed.last, last.count + section.count <= height {
        flowed[flowed.count - 1] = last + section
        continue
      }
      var rest = section[...]
      while !rest.isEmpty {
        flowed.append(Array(rest.prefix(height)))
        rest = rest.dropFirst(height)
      }
    }
    return flowed
  }

  /// Draws the help centred in `area`: one column when it fits, else its sections flowed
  /// into columns side by side; when those are wider than the screen, the confirmation's
  /// keys are summed up, and what still does not fit is clipped.
  func draw(into canvas: inout Canvas, area: Rect, theme: Theme) {
    let single = lines
    var parts =
      single.count + 2 > area.height ? Self.flow(columns, height: area.height - 2) : [single]
    if Self.contentWidth(of: parts) + 4 > area.width {
      parts = Self.flow(sections(compactDialog: true), height: area.height - 2)
    }
    let widths = parts.map { $0.map(TextWidth.of).max() ?? 0 }
    let rows = parts.map(\.count).max() ?? 0
    let width = min(area.width, Self.contentWidth(of: parts) + 4)
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
    var blocks: [(column: Int, lines: [String])] = []
    var left = inner.column + 1
    for (part, partWidth) in zip(parts, widths) {
      blocks.append((left, part))
      left += partWidth + 3
    }
    for block in blocks where block.column < inner.column + inner.width {
      let room = max(0, inner.column + inner.width - 1 - block.column)
      for (index, line) in block.lines.prefix(inner.height).enumerated() {
        canvas.draw(
          line, column: block.column, row: inner.row + index,
          style: theme[Self.headings.contains(line) ? .title : .row], maxWidth: room)
      }
    }
  }

  /// The width of columns side by side, three spaces apart.
  static func contentWidth(of parts: [[String]]) -> Int {
    let widths = parts.map { $0.map(TextWidth.of).max() ?? 0 }
    return widths.reduce(0, +) + 3 * max(0, parts.count - 1)
  }
}
