import BatchdeckModel
import Foundation

/// A full-screen view over the dashboard: describe, YAML or a log, scrollable and
/// searchable, with its own key hints.
///
/// A pure function of its inputs, like the dashboard. Long lines are cut at the edge unless
/// wrapping is on (there is no sideways scrolling).
public struct DetailScreen: Sendable {
  public var state: DashboardState
  public var view: DetailView
  /// The text shown, from the cluster: drawn sanitised.
  public var lines: [String]
  /// Words after the view's name in the title, e.g. `cronjob/nightly`.
  public var title: String
  /// A problem to show under the text, such as a log that cannot be read yet.
  public var problem: String?
  /// Shown instead of the text while there is none, e.g. `Loading…`.
  public var emptyText: String
  public var context: DashboardContext
  public var theme: Theme

  public init(
    state: DashboardState, view: DetailView, lines: [String], title: String,
    problem: String? = nil, emptyText: String = "(nothing to show)",
    context: DashboardContext, theme: Theme
  ) {
    self.state = state
    self.view = view
    self.lines = lines
    self.title = title
    self.problem = problem
    self.emptyText = emptyText
    self.context = context
    self.theme = theme
  }

  /// The rows of text the view has at `height`: all but the header, the box and the footer.
  public static func textRows(height: Int) -> Int { max(1, height - 4) }

  var keys: KeyBindings { .view(view.kind) }

  /// Draws the view at `width` × `height`.
  public func render(width: Int, height: Int, now: Date) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    guard width >= 20, height >= 6 else {
      canvas.draw("Terminal too small; Esc goes back", column: 0, row: 0, style: theme[.row])
      return canvas
    }
    drawHeader(into: &canvas, width: width, now: now)
    let frame = Rect(column: 0, row: 1, width: width, height: height - 2)
    BoxWidget.draw(into: &canvas, frame: frame, title: title, focused: true, theme: theme)
    drawText(into: &canvas, area: frame.inner)
    drawPosition(into: &canvas, frame: frame)
    drawFooter(into: &canvas, row: height - 1, width: width)
    if state.showingHelp {
      ViewHelp(kind: view.kind, keys: keys)
        .draw(
          into: &canvas, area: Rect(column: 0, row: 1, width: width, height: height - 2),
          theme: theme)
    }
    return canvas
  }

  private func drawHeader(into canvas: inout Canvas, width: Int, now: Date) {
    canvas.fill(column: 0, row: 0, width: width, height: 1, style: theme[.header])
    var cursor = canvas.draw(" Batchdeck ", column: 0, row: 0, style: theme[.headerAccent])
    let parts = [
      "context \(context.context)", "namespace \(view.target.namespace)",
      DashboardScreen.clockText(now),
    ]
    for part in parts where cursor < width {
      cursor += canvas.draw(
        "│ \(part) ", column: cursor, row: 0, style: theme[.header],
        maxWidth: max(0, width - cursor))
    }
  }

  /// Rows to draw: (source line, text) pairs, wrapped when wrapping is on.
  func visibleRows(width: Int, height: Int) -> [(line: Int, text: String)] {
    let first = view.firstLine(count: lines.count, height: height)
    var rows: [(line: Int, text: String)] = []
    var index = first
    while rows.count < height, index < lines.count {
      let clean = TextSanitizer.clean(lines[index])
      if view.wrap {
        for piece in Self.wrap(clean, width: width) where rows.count < height {
          rows.append((index, piece))
        }
      } else {
        rows.append((index, clean))
      }
      index += 1
    }
    return rows
  }

  static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [text] }
    var pieces: [String] = []
    var current = ""
    var used = 0
    for character in text {
      let size = TextWidth.of(character)
      if used + size > width {
        pieces.append(current)
        current = ""
        used = 0
      }
      current.append(character)
      used += size
    }
    pieces.append(current)
    return pieces
  }

  private func drawText(into canvas: inout Canvas, area: Rect) {
    guard area.height > 0 else { return }
    let room = problem == nil ? area.height : area.height - 1
    let rows = visibleRows(width: area.width, height: room)
    if lines.isEmpty {
      canvas.draw(
        emptyText, column: area.column, row: area.row, style: theme[.muted],
        maxWidth: area.width)
    }
    for (offset, row) in rows.enumerated() {
      let role: ThemeRole =
        view.kind == .logs ? LogLineLevel.of(lines[row.line])?.role ?? .logText : .row
      drawHighlighted(
        row.text, into: &canvas, column: area.column, row: area.row + offset, width: area.width,
        role: role, current: row.line == view.match)
    }
    if let problem {
      canvas.draw(
        problem, column: area.column, row: area.row + area.height - 1,
        style: theme[.statusWarning], maxWidth: area.width)
    }
  }

  /// Draws a line with every occurrence of the search highlighted (the current match's line
  /// in the selection colour, others in the warning colour).
  private func drawHighlighted(
    _ text: String, into canvas: inout Canvas, column: Int, row: Int, width: Int,
    role: ThemeRole, current: Bool
  ) {
    guard !view.query.isEmpty else {
      canvas.draw(text, column: column, row: row, style: theme[role], maxWidth: width)
      return
    }
    var cursor = column
    var rest = text[...]
    while !rest.isEmpty, cursor < column + width {
      let found = rest.range(of: view.query, options: .caseInsensitive)
      let plain = found.map { rest[..<$0.lowerBound] } ?? rest
      cursor += canvas.draw(
        String(plain), column: cursor, row: row, style: theme[role],
        maxWidth: column + width - cursor)
      guard let found else { break }
      cursor += canvas.draw(
        String(rest[found]), column: cursor, row: row,
        style: theme[current ? .rowSelected : .flashWarning], maxWidth: column + width - cursor)
      rest = rest[found.upperBound...]
    }
  }

  private func drawPosition(into canvas: inout Canvas, frame: Rect) {
    let height = frame.inner.height - (problem == nil ? 0 : 1)
    let first = view.firstLine(count: lines.count, height: height)
    let last = min(lines.count, first + height)
    var parts = [lines.isEmpty ? "0 lines" : "\(first + 1)-\(last) of \(lines.count)"]
    if view.kind == .logs { parts.append(view.follow ? "following" : "paused") }
    let text = " " + parts.joined(separator: " · ") + " "
    let column = frame.column + frame.width - 2 - TextWidth.of(text)
    guard column > frame.column + 2 else { return }
    canvas.draw(text, column: column, row: frame.row + frame.height - 1, style: theme[.muted])
  }

  private func drawFooter(into canvas: inout Canvas, row: Int, width: Int) {
    canvas.fill(column: 0, row: row, width: width, height: 1, style: theme[.footerText])
    if let prompt = view.prompt {
      let label: String
      switch prompt {
      case .search: label = "/"
      case .save: label = "save to: "
      }
      let used = canvas.draw(
        " \(label)\(prompt.text)", column: 0, row: row, style: theme[.footerText])
      canvas.draw("█", column: used, row: row, style: theme[.footerText])
      return
    }
    if let flash = state.flash {
      canvas.draw(
        " \(flash.text)", column: 0, row: row, style: theme[DashboardScreen.role(of: flash.level)])
      return
    }
    if let note = view.note {
      canvas.draw(" \(note)", column: 0, row: row, style: theme[.flashInfo])
      return
    }
    // What does not fit goes, from the end, keeping the way back.
    var hints = keys.bindings.filter(\.showInFooter)
    func needed(_ list: [KeyBinding]) -> Int {
      list.reduce(0) { $0 + TextWidth.of($1.label) + TextWidth.of($1.help) + 4 }
    }
    while hints.count > 1, needed(hints) > width { hints.remove(at: hints.count - 2) }
    var cursor = 0
    for binding in hints where cursor < width {
      cursor += canvas.draw(
        " \(binding.label) ", column: cursor, row: row, style: theme[.footerKey])
      cursor += canvas.draw(
        " \(binding.help) ", column: cursor, row: row, style: theme[.footerText],
        maxWidth: max(0, width - cursor))
    }
  }
}

/// The `?` help of a view: every key of its table, the table that dispatches them.
struct ViewHelp {
  var kind: DetailKind
  var keys: KeyBindings

  var lines: [String] {
    let labelWidth = keys.bindings.map { TextWidth.of($0.label) }.max() ?? 0
    let heading: String
    switch kind {
    case .describe: heading = "Describe view"
    case .yaml: heading = "YAML view"
    case .logs: heading = "Log view"
    }
    let entries = keys.bindings.map { binding in
      binding.label + String(repeating: " ", count: labelWidth - TextWidth.of(binding.label))
        + "  " + binding.help
    }
    return [heading] + entries + ["", "Any key closes this help."]
  }

  /// Draws the help centred in `area`, in two columns when one is taller than the room.
  func draw(into canvas: inout Canvas, area: Rect, theme: Theme) {
    let text = lines
    let room = max(1, area.height - 2)
    let columns =
      text.count > room ? [Array(text.prefix(room)), Array(text.dropFirst(room))] : [text]
    let widths = columns.map { $0.map(TextWidth.of).max() ?? 0 }
    let width = min(area.width, widths.reduce(0, +) + 3 * (columns.count - 1) + 4)
    let height = min(area.height, (columns.map(\.count).max() ?? 0) + 2)
    guard width >= 6, height >= 3 else { return }
    let frame = Rect(
      column: area.column + (area.width - width) / 2, row: area.row + (area.height - height) / 2,
      width: width, height: height)
    canvas.fill(
      column: frame.column, row: frame.row, width: frame.width, height: frame.height,
      style: theme[.row])
    BoxWidget.draw(into: &canvas, frame: frame, title: "Help", focused: true, theme: theme)
    var column = frame.inner.column + 1
    for (part, block) in columns.enumerated() {
      let limit = max(0, frame.inner.column + frame.inner.width - column)
      for (index, line) in block.prefix(frame.inner.height).enumerated() {
        canvas.draw(
          line, column: column, row: frame.inner.row + index,
          style: theme[part == 0 && index == 0 ? .title : .row], maxWidth: limit)
      }
      column += widths[part] + 3
    }
  }
}

extension DetailScreen {
  /// The title of a view: what it shows and, for logs, the container and options in effect.
  public static func title(
    for view: DetailView, container: String = "", pods: Int = 1, droppedLines: Int = 0
  ) -> String {
    switch view.kind {
    case .describe: return "Describe \(view.target.display)"
    case .yaml:
      return "YAML \(view.target.display)"
        + (view.showsManagedFields ? "" : " (managedFields hidden: m shows)")
    case .logs:
      var parts = ["Logs \(view.target.display)"]
      if view.target.kind == .job { parts.append("\(pods) pod\(pods == 1 ? "" : "s")") }
      if !container.isEmpty { parts.append("[\(container)]") }
      var options: [String] = []
      if view.wrap { options.append("wrap") }
      if view.timestamps { options.append("timestamps") }
      if view.previous { options.append("previous") }
      if !options.isEmpty { parts.append(options.joined(separator: ", ")) }
      if droppedLines > 0 { parts.append("\(droppedLines) older lines dropped") }
      return parts.joined(separator: " · ")
    }
  }
}
