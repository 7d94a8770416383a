/// A column of a table: its header, and when it may be dropped on a narrow screen.
public struct TableColumn: Sendable, Hashable {
  public var title: String
  /// 0 is always shown; higher numbers are dropped first when space runs out.
  public var priority: Int
  /// The column that gives up width (with an ellipsis) when dropping is not enough.
  public var isFlexible: Bool
  public var alignRight: Bool

  public init(_ title: String, priority: Int = 0, flexible: Bool = false, alignRight: Bool = false)
  {
    self.title = title
    self.priority = priority
    isFlexible = flexible
    self.alignRight = alignRight
  }
}

/// One cell: its text and, when it differs from the row's, a role.
public struct TableCell: Sendable, Hashable {
  public var text: String
  public var role: ThemeRole?
  /// Extra styled runs drawn instead of `text`, such as a progress bar in two colours.
  public var runs: [(text: String, role: ThemeRole)]

  public init(_ text: String, role: ThemeRole? = nil) {
    self.text = text
    self.role = role
    runs = []
  }

  public init(runs: [(text: String, role: ThemeRole)]) {
    text = runs.map(\.text).joined()
    role = nil
    self.runs = runs
  }

  public static func == (lhs: TableCell, rhs: TableCell) -> Bool {
    lhs.text == rhs.text && lhs.role == rhs.role
      && lhs.runs.map { "\($0.role.rawValue):\($0.text)" }
        == rhs.runs.map { "\($0.role.rawValue):\($0.text)" }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(text)
    hasher.combine(role)
  }
}

/// A generic table: column headers, rows, a selection kept visible, widths fitted to content.
///
/// Only the rows that fit are drawn, and with `init(columns:rowCount:...)` only their cells
/// are built. Columns are as wide as their widest visible cell, separated by two spaces, like
/// kubectl's tabwriter output.
public struct TableWidget: Sendable {
  public var columns: [TableColumn]
  /// How many rows the table has, drawn or not.
  public var rowCount: Int
  public var selectedRow: Int?
  public var focused: Bool
  private let cellsOfRow: @Sendable (Int) -> [TableCell]

  public init(
    columns: [TableColumn], rows: [[TableCell]], selectedRow: Int?, focused: Bool
  ) {
    self.init(
      columns: columns, rowCount: rows.count, selectedRow: selectedRow, focused: focused
    ) { rows[$0] }
  }

  /// A table of `rowCount` rows whose cells `cells` builds, called for visible rows only.
  public init(
    columns: [TableColumn], rowCount: Int, selectedRow: Int?, focused: Bool,
    cells: @escaping @Sendable (Int) -> [TableCell]
  ) {
    self.columns = columns
    self.rowCount = rowCount
    self.selectedRow = selectedRow
    self.focused = focused
    cellsOfRow = cells
  }

  /// The rows shown in a body of `visibleRows` lines, as (row number, cells).
  public func visibleRows(_ visibleRows: Int) -> [(row: Int, cells: [TableCell])] {
    let offset = scrollOffset(visibleRows: visibleRows)
    let end = min(rowCount, offset + max(0, visibleRows))
    return offset < end ? (offset..<end).map { ($0, cellsOfRow($0)) } : []
  }

  static let gap = 2

  /// Draws the table into `frame`: one header line, then rows.
  public func draw(into canvas: inout Canvas, frame: Rect, theme: Theme, emptyText: String) {
    guard frame.width > 0, frame.height > 0 else { return }
    let bodyHeight = frame.height - 1
    let shown = visibleRows(bodyHeight)
    let visible = shown.map(\.cells)
    let layout = fit(widths: naturalWidths(of: visible), into: frame.width)
    drawLine(
      columns.map { TableCell($0.title) }, layout: layout, into: &canvas, column: frame.column,
      row: frame.row, style: theme[.columnHeader], theme: theme, width: frame.width,
      overrideRoles: false)
    if rowCount == 0 {
      canvas.draw(
        emptyText, column: frame.column, row: frame.row + 1, style: theme[.muted],
        maxWidth: frame.width)
      return
    }
    for (index, (row, cells)) in shown.enumerated() {
      let isSelected = row == selectedRow
      let style = isSelected ? theme[focused ? .rowSelected : .rowSelectedUnfocused] : theme[.row]
      drawLine(
        cells, layout: layout, into: &canvas, column: frame.column, row: frame.row + 1 + index,
        style: style, theme: theme, width: frame.width, overrideRoles: !isSelected || !focused)
    }
  }

  /// The first row shown, so that the selected row stays on screen.
  func scrollOffset(visibleRows: Int) -> Int {
    guard let selectedRow, visibleRows > 0 else { return 0 }
    return max(0, min(selectedRow - visibleRows / 2, rowCount - visibleRows))
  }

  private func naturalWidths(of visible: [[TableCell]]) -> [Int] {
    columns.indices.map { index in
      visible.reduce(TextWidth.of(columns[index].title)) { widest, cells in
        index < cells.count ? max(widest, TextWidth.of(cells[index].text)) : widest
      }
    }
  }

  /// Column widths after dropping low-priority columns and shrinking the flexible one;
  /// a width of 0 means the column is hidden.
  func fit(widths natural: [Int], into available: Int) -> [Int] {
    var widths = natural
    func total() -> Int {
      let shown = widths.filter { $0 > 0 }
      return shown.reduce(0, +) + max(0, shown.count - 1) * Self.gap
    }
    let droppable = columns.indices.filter { columns[$0].priority > 0 }
      .sorted {
        columns[$0].priority > columns[$1].priority
          || (columns[$0].priority == columns[$1].priority && $0 > $1)
      }
    for index in droppable where total() > available {
      widths[index] = 0
    }
    if total() > available, let flexible = columns.firstIndex(where: \.isFlexible) {
      widths[flexible] = max(4, widths[flexible] - (total() - available))
    }
    return widths
  }

  private func drawLine(
    _ cells: [TableCell], layout: [Int], into canvas: inout Canvas, column: Int, row: Int,
    style: CellStyle, theme: Theme, width: Int, overrideRoles: Bool
  ) {
    canvas.fill(column: column, row: row, width: width, height: 1, style: style)
    var cursor = column
    let limit = column + width
    for (index, columnWidth) in layout.enumerated() where columnWidth > 0 && index < cells.count {
      guard cursor < limit else { break }
      let cell = cells[index]
      let room = min(columnWidth, limit - cursor)
      let text = Self.truncate(cell.text, to: room)
      let padding = columns[index].alignRight ? room - TextWidth.of(text) : 0
      if overrideRoles, !cell.runs.isEmpty {
        var runCursor = cursor + padding
        for run in cell.runs {
          runCursor += canvas.draw(
            run.text, column: runCursor, row: row, style: merge(theme[run.role], over: style),
            maxWidth: cursor + room - runCursor)
        }
      } else {
        let cellStyle =
          overrideRoles ? cell.role.map { merge(theme[$0], over: style) } ?? style : style
        canvas.draw(text, column: cursor + padding, row: row, style: cellStyle, maxWidth: room)
      }
      cursor += columnWidth + Self.gap
    }
  }

  private func merge(_ role: CellStyle, over base: CellStyle) -> CellStyle {
    CellStyle(
      foreground: role.foreground == .terminalDefault ? base.foreground : role.foreground,
      background: role.background == .terminalDefault ? base.background : role.background,
      attributes: role.attributes.union(base.attributes))
  }

  /// Cuts text to `width` columns, ending in `…` when something was cut.
  static func truncate(_ text: String, to width: Int) -> String {
    guard TextWidth.of(text) > width else { return text }
    guard width > 1 else { return width == 1 ? "…" : "" }
    var result = ""
    var used = 0
    for character in text {
      let characterWidth = TextWidth.of(character)
      if used + characterWidth > width - 1 { break }
      result.append(character)
      used += characterWidth
    }
    return result + "…"
  }
}
