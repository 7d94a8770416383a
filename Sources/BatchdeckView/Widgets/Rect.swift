/// A rectangle of the canvas, in cells.
public struct Rect: Sendable, Hashable {
  public var column: Int
  public var row: Int
  public var width: Int
  public var height: Int

  public init(column: Int, row: Int, width: Int, height: Int) {
    self.column = column
    self.row = row
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The area inside a one-cell border.
  public var inner: Rect {
    Rect(column: column + 1, row: row + 1, width: width - 2, height: height - 2)
  }
}
