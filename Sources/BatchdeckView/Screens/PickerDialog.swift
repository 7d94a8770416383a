import BatchdeckModel
import Foundation

/// The namespace or context picker: a centred list, narrowed by what is typed.
struct PickerDialog {
  var picker: Picker

  func draw(into canvas: inout Canvas, area: Rect, theme: Theme) {
    let shown = picker.shown
    let widest = (shown.map(TextWidth.of) + [TextWidth.of(picker.query) + 2, 40]).max() ?? 40
    let width = min(area.width, widest + 6)
    let height = min(area.height, max(6, min(shown.count, 12) + 5))
    guard width >= 10, height >= 5 else { return }
    let frame = Rect(
      column: area.column + (area.width - width) / 2, row: area.row + (area.height - height) / 2,
      width: width, height: height)
    canvas.fill(
      column: frame.column, row: frame.row, width: frame.width, height: frame.height,
      style: theme[.row])
    BoxWidget.draw(
      into: &canvas, frame: frame, title: "\(picker.title) (\(shown.count))", focused: true,
      theme: theme)
    let inner = frame.inner
    let room = max(0, inner.width - 2)
    canvas.draw(
      "> \(picker.query)█", column: inner.column + 1, row: inner.row, style: theme[.title],
      maxWidth: room)
    let listHeight = inner.height - 2
    let selected = min(max(0, picker.selected), max(0, shown.count - 1))
    let offset = max(0, min(selected - listHeight / 2, shown.count - listHeight))
    if shown.isEmpty {
      canvas.draw(
        "nothing matches", column: inner.column + 1, row: inner.row + 1, style: theme[.muted],
        maxWidth: room)
    }
    for (index, item) in shown.dropFirst(offset).prefix(listHeight).enumerated() {
      let isSelected = offset + index == selected
      let style = theme[isSelected ? .rowSelected : .row]
      canvas.fill(
        column: inner.column, row: inner.row + 1 + index, width: inner.width, height: 1,
        style: style)
      canvas.draw(
        item, column: inner.column + 1, row: inner.row + 1 + index, style: style, maxWidth: room)
    }
    canvas.draw(
      "Enter pick   Esc cancel   type to narrow", column: inner.column + 1,
      row: inner.row + inner.height - 1, style: theme[.footerKey], maxWidth: room)
  }
}
