/// A bordered pane with a title set into its top edge.
public enum BoxWidget {
  public static func draw(
    into canvas: inout Canvas, frame: Rect, title: String, focused: Bool, theme: Theme
  ) {
    guard frame.width >= 2, frame.height >= 2 else { return }
    let border = theme[focused ? .borderFocus : .border]
    let right = frame.column + frame.width - 1
    let bottom = frame.row + frame.height - 1
    let horizontal = String(repeating: "─", count: frame.width - 2)
    canvas.draw("┌" + horizontal + "┐", column: frame.column, row: frame.row, style: border)
    canvas.draw("└" + horizontal + "┘", column: frame.column, row: bottom, style: border)
    for row in frame.row + 1..<bottom {
      canvas.draw("│", column: frame.column, row: row, style: border)
      canvas.draw("│", column: right, row: row, style: border)
    }
    canvas.draw(
      " \(title) ", column: frame.column + 2, row: frame.row,
      style: theme[focused ? .titleFocus : .title], maxWidth: max(0, frame.width - 4))
  }
}
