/// A key press, decoded by the terminal layer, named for what the views need.
public enum Key: Sendable, Hashable {
  case character(Character)
  /// Ctrl plus a letter, given in lower case (`Ctrl-d` is `.control("d")`).
  case control(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  case function(Int)
  /// The terminal changed size.
  case resize
  /// A click or a wheel turn, at a screen cell (only when the mouse is turned on).
  case mouse(MouseEvent)
}

/// What the mouse did, and where (columns and rows from 0, as the canvas counts).
public struct MouseEvent: Sendable, Hashable {
  /// A button-1 press, or one step of the wheel.
  public enum Kind: Sendable, Hashable {
    case click, wheelUp, wheelDown
  }

  public var kind: Kind
  public var column: Int
  public var row: Int

  public init(_ kind: Kind, column: Int, row: Int) {
    self.kind = kind
    self.column = column
    self.row = row
  }
}
