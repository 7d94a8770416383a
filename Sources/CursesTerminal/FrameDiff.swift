import BatchdeckView

/// Finds what changed between two frames, as runs of cells to write. Pure.
public enum FrameDiff {
  /// Cells of one row, starting at `column`, that share one style and must be written.
  ///
  /// A wide character is always in a run together with its continuation cell, and a run never
  /// starts on a continuation cell. A continuation cell without a wide character before it is
  /// given as a blank.
  public struct Run: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var style: CellStyle
    public var cells: [Cell]

    public init(row: Int, column: Int, style: CellStyle, cells: [Cell]) {
      self.row = row
      self.column = column
      self.style = style
      self.cells = cells
    }
  }

  /// The runs that turn `previous` into `next`.
  ///
  /// - Parameters:
  ///   - previous: the frame on screen, or nil when the screen must be repainted in full.
  ///   - next: the frame to show.
  /// - Returns: runs in row order, then column order. Every cell of `next` is covered when
  ///   `previous` is nil or has another size.
  public static func changedRuns(previous: Canvas?, next: Canvas) -> [Run] {
    let full = previous.map { $0.width != next.width || $0.height != next.height } ?? true
    var runs: [Run] = []
    for row in 0..<next.height {
      let dirty = dirtyColumns(row: row, previous: full ? nil : previous, next: next)
      appendRuns(row: row, dirty: dirty, next: next, to: &runs)
    }
    return runs
  }

  private static func dirtyColumns(row: Int, previous: Canvas?, next: Canvas) -> [Bool] {
    let width = next.width
    var dirty = (0..<width).map { column in
      previous.map { $0[column, row] != next[column, row] } ?? true
    }

    // A changed continuation cell means its wide character must be written again.
    for column in 1..<max(1, width) where dirty[column] && next[column, row].isContinuation {
      if isWideCharacter(next[column - 1, row]) {
        dirty[column - 1] = true
      }
    }

    // A wide character that is written takes its continuation cell with it.
    for column in 0..<max(0, width - 1) where dirty[column] {
      if next[column + 1, row].isContinuation {
        dirty[column + 1] = true
      }
    }
    return dirty
  }

  private static func appendRuns(row: Int, dirty: [Bool], next: Canvas, to runs: inout [Run]) {
    var column = 0
    while column < next.width {
      guard dirty[column] else {
        column += 1
        continue
      }
      let start = column
      let style = effectiveCell(column: start, row: row, in: next).style
      var cells: [Cell] = []
      while column < next.width, dirty[column] {
        let cell = effectiveCell(column: column, row: row, in: next)
        if cell.style != style { break }
        cells.append(cell)
        column += 1
      }
      runs.append(Run(row: row, column: start, style: style, cells: cells))
    }
  }

  /// The cell as it will be written: a continuation takes its wide character's style, and an
  /// orphan continuation becomes a blank.
  private static func effectiveCell(column: Int, row: Int, in canvas: Canvas) -> Cell {
    let cell = canvas[column, row]
    guard cell.isContinuation else { return cell }
    guard column > 0, isWideCharacter(canvas[column - 1, row]) else {
      return Cell(text: " ", style: cell.style)
    }
    return Cell(text: "", style: canvas[column - 1, row].style, isContinuation: true)
  }

  private static func isWideCharacter(_ cell: Cell) -> Bool {
    !cell.isContinuation && cell.text.first.map { TextWidth.of($0) == 2 } == true
  }
}
