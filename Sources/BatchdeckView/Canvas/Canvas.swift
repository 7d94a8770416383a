/// An in-memory grid of styled cells: what a frame looks like, before any terminal sees it.
///
/// Views draw into a canvas given its size; the terminal layer copies it to the screen. All text
/// passes through `TextSanitizer`, so nothing drawn can reach the terminal as a control sequence.
public struct Canvas: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(column: Int, row: Int) -> Cell {
    get { cells[row * width + column] }
    set { cells[row * width + column] = newValue }
  }

  /// Writes `text` from (`column`, `row`), clipped at `maxWidth` columns and the canvas edge.
  /// Returns the number of columns used.
  @discardableResult
  public mutating func draw(
    _ text: String, column: Int, row: Int, style: CellStyle = .plain, maxWidth: Int? = nil
  ) -> Int {
    guard row >= 0, row < height, column < width else { return 0 }
    let limit = min(width, column + (maxWidth ?? width))
    var cursor = column
    for character in TextSanitizer.clean(text) {
      let characterWidth = TextWidth.of(character)
      if characterWidth == 0 { continue }
      if cursor + characterWidth > limit { break }
      if cursor >= 0 {
        self[cursor, row] = Cell(text: String(character), style: style)
        if characterWidth == 2 {
          self[cursor + 1, row] = Cell(text: "", style: style, isContinuation: true)
        }
      }
      cursor += characterWidth
    }
    return cursor - column
  }

  /// Fills a rectangle with blanks of `style`.
  public mutating func fill(
    column: Int, row: Int, width fillWidth: Int, height fillHeight: Int, style: CellStyle
  ) {
    for y in max(0, row)..<min(height, row + fillHeight) {
      for x in max(0, column)..<min(width, column + fillWidth) {
        self[x, y] = Cell(text: " ", style: style)
      }
    }
  }

  /// The text of one row, for tests and text captures.
  public func line(_ row: Int) -> String {
    var text = ""
    for column in 0..<width where !self[column, row].isContinuation {
      text += self[column, row].text
    }
    return text
  }

  /// Every row joined with newlines, trailing spaces kept.
  public var text: String { (0..<height).map(line).joined(separator: "\n") }
}
