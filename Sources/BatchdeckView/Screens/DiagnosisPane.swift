import BatchdeckModel
import Foundation

/// The diagnosis panel (`w`): every finding of the selected CronJob (or Job) with its
/// severity, evidence and fix, the same lines `batchdeck diagnose` prints, wrapped to the
/// panel and scrolled by whole lines. It takes the place of the Jobs, Pods and Logs panes, so
/// the CronJob's row and its state word stay in sight.
struct DiagnosisPane {
  var content: DiagnosisPanelContent
  /// The first diagnosis line to show; kept so the last page is full.
  var scroll: Int

  /// One screen row: its text runs and the diagnosis line it belongs to.
  struct Row {
    var runs: [(text: String, role: ThemeRole)]
    var line: Int
  }

  func draw(into canvas: inout Canvas, frame: Rect, theme: Theme) {
    guard frame.width >= 10, frame.height >= 3 else { return }
    canvas.fill(
      column: frame.column, row: frame.row, width: frame.width, height: frame.height,
      style: theme[.row])
    BoxWidget.draw(into: &canvas, frame: frame, title: content.title, focused: true, theme: theme)
    let inner = frame.inner
    let textWidth = max(1, inner.width - 2)
    let rows = Self.rows(content.lines, width: textWidth)
    let firstRowOfScroll = rows.firstIndex { $0.line >= scroll } ?? 0
    let start = max(0, min(firstRowOfScroll, rows.count - inner.height))
    for (offset, row) in rows.dropFirst(start).prefix(inner.height).enumerated() {
      var column = inner.column + 1
      for run in row.runs where column < inner.column + 1 + textWidth {
        column += canvas.draw(
          run.text, column: column, row: inner.row + offset, style: theme[run.role],
          maxWidth: inner.column + 1 + textWidth - column)
      }
    }
    let shown = min(rows.count, start + inner.height)
    let position = rows.isEmpty ? "" : " rows \(start + 1)-\(shown) of \(rows.count) "
    let hint = " ↑↓ scroll  Esc close \(position)"
    canvas.draw(
      hint, column: frame.column + 2, row: frame.row + frame.height - 1,
      style: theme[.muted], maxWidth: max(0, frame.width - 4))
  }

  /// The lines wrapped at `width` columns: a finding's severity leads its summary, evidence
  /// hangs under `- `, the fix under `fix: `.
  static func rows(_ lines: [DiagnosisLine], width: Int) -> [Row] {
    var rows: [Row] = []
    for (index, line) in lines.enumerated() {
      let lead: (text: String, role: ThemeRole)
      var role = ThemeRole.row
      switch line.kind {
      case .overview: lead = ("", .row)
      case .blank: lead = ("", .row)
      case .clear:
        lead = ("", .row)
        role = .statusOK
      case .summary(let severity):
        lead = (severity.rawValue.uppercased() + " ", Self.role(of: severity))
        role = .title
      case .evidence:
        lead = ("  - ", .muted)
      case .fix:
        lead = ("  fix: ", .statusOK)
      }
      let leadWidth = TextWidth.of(lead.text)
      let indent = String(repeating: " ", count: leadWidth)
      let pieces = wrap(line.text, width: max(1, width - leadWidth))
      for (number, piece) in pieces.enumerated() {
        let first = number == 0 ? lead : (indent, ThemeRole.row)
        rows.append(Row(runs: [first, (piece, role)], line: index))
      }
    }
    return rows
  }

  /// Splits `text` into lines of at most `width` columns at spaces; a longer word is cut.
  static func wrap(_ text: String, width: Int) -> [String] {
    let clean = TextSanitizer.clean(text)
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    for word in clean.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
      var word = word
      var wordWidth = TextWidth.of(word)
      if currentWidth > 0, currentWidth + 1 + wordWidth <= width {
        current += " " + word
        currentWidth += 1 + wordWidth
        continue
      }
      if currentWidth > 0 || !current.isEmpty { lines.append(current) }
      current = ""
      currentWidth = 0
      while wordWidth > width {
        var head = ""
        var headWidth = 0
        while let character = word.first, headWidth + TextWidth.of(character) <= width {
          head.append(character)
          headWidth += TextWidth.of(character)
          word.removeFirst()
        }
        if head.isEmpty { break }
        lines.append(head)
        wordWidth = TextWidth.of(word)
      }
      current = word
      currentWidth = wordWidth
    }
    lines.append(current)
    return lines
  }

  static func role(of severity: Finding.Severity) -> ThemeRole {
    switch severity {
    case .critical: .statusFailed
    case .warning: .statusWarning
    case .info: .statusRunning
    }
  }
}

extension DashboardLayout {
  /// Where the diagnosis panel goes: below the CronJobs pane, over Jobs, Pods and Logs.
  var diagnosis: Rect {
    Rect(column: 0, row: jobs.row, width: cronJobs.width, height: footer.row - jobs.row)
  }
}
