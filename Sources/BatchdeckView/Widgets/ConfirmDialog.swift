import BatchdeckModel

/// A centred dialog asking to confirm an operation, drawn from the open `Confirmation`.
public struct ConfirmDialog: Sendable {
  public var confirmation: Confirmation
  /// The dialog's keys, listed on its last line.
  public var keys: KeyBindings

  /// A dialog for `confirmation`, listing the accept and cancel keys of `keys`.
  public init(confirmation: Confirmation, keys: KeyBindings = .confirmation) {
    self.confirmation = confirmation
    self.keys = keys
  }

  /// The text lines inside the border: the body, a blank line, then the keys.
  public var lines: [String] {
    let hints = keys.bindings.filter(\.showInFooter).map { "\($0.label) \($0.help)" }
    return confirmation.lines + ["", hints.joined(separator: "   ")]
  }

  /// Draws the dialog centred in `area`, clipping lines that do not fit.
  public func draw(into canvas: inout Canvas, area: Rect, theme: Theme) {
    let body = lines
    let widest = body.map(TextWidth.of).max() ?? 0
    let width = min(area.width, max(widest + 4, 30))
    let height = min(area.height, body.count + 2)
    guard width >= 6, height >= 3 else { return }
    let frame = Rect(
      column: area.column + (area.width - width) / 2, row: area.row + (area.height - height) / 2,
      width: width, height: height)
    canvas.fill(
      column: frame.column, row: frame.row, width: frame.width, height: frame.height,
      style: theme[.row])
    BoxWidget.draw(
      into: &canvas, frame: frame, title: confirmation.title, focused: true, theme: theme)
    let inner = frame.inner
    for (index, line) in body.prefix(inner.height).enumerated() {
      let role: ThemeRole = index == 0 ? .title : index == body.count - 1 ? .footerKey : .row
      canvas.draw(
        line, column: inner.column + 1, row: inner.row + index, style: theme[role],
        maxWidth: max(0, inner.width - 2))
    }
  }
}
