import Foundation

/// Lays text out as kubectl's describe output does: tab-separated cells aligned the way Go's
/// `tabwriter` aligns them (padding 2, spaces), with two spaces of indent per level.
///
/// Consecutive lines that have a cell in the same column form a block whose cells share one
/// width; a line without a tab ends the blocks, and so does `flush()`.
public struct DescribeWriter: Sendable {
  private var pending: [String] = []
  private var output: [String] = []

  public init() {}

  /// Adds one line at an indent level (0-3); `\t` separates aligned cells.
  public mutating func write(_ level: Int, _ text: String) {
    pending.append(String(repeating: "  ", count: level) + text)
  }

  /// Ends the current alignment blocks, as kubectl does before its Events table.
  public mutating func flush() {
    output += Self.align(pending)
    pending = []
  }

  /// The finished lines.
  public mutating func lines() -> [String] {
    flush()
    return output
  }

  /// Aligns tab-separated lines: each terminated cell is padded to its block's widest + 2.
  static func align(_ lines: [String]) -> [String] {
    let cells = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    var widths = cells.map { Array(repeating: 0, count: max(0, $0.count - 1)) }
    assign(cells, &widths, range: 0..<cells.count, column: 0)
    return cells.indices.map { index in
      var text = ""
      for (column, cell) in cells[index].enumerated() {
        if column < widths[index].count {
          let width = widths[index][column]
          text += cell + String(repeating: " ", count: max(0, width - cell.count))
        } else {
          text += cell
        }
      }
      return text
    }
  }

  private static func assign(
    _ cells: [[Substring]], _ widths: inout [[Int]], range: Range<Int>, column: Int
  ) {
    var line = range.lowerBound
    while line < range.upperBound {
      guard cells[line].count - 1 > column else {
        line += 1
        continue
      }
      let start = line
      var width = 0
      while line < range.upperBound, cells[line].count - 1 > column {
        width = max(width, cells[line][column].count + 2)
        line += 1
      }
      for member in start..<line { widths[member][column] = width }
      assign(cells, &widths, range: start..<line, column: column + 1)
    }
  }
}
