/// One screen cell.
///
/// A wide character (display width 2) occupies its cell and marks the next one as
/// `continuation`; a terminal writer skips continuation cells.
public struct Cell: Sendable, Hashable {
  public var text: String
  public var style: CellStyle
  public var isContinuation: Bool

  public init(text: String = " ", style: CellStyle = .plain, isContinuation: Bool = false) {
    self.text = text
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}
