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
}
