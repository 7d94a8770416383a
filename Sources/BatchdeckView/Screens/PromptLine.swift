import BatchdeckModel
import Foundation

/// The footer while `/` or `:` is open: the leader, the text and a cursor, then why the last
/// Enter failed or what Tab found.
struct PromptLine {
  var prompt: Prompt

  /// The end of `text` that fits in `width` columns, after a `…` when the start is cut, so
  /// what is being typed stays in view.
  static func tail(of text: String, width: Int) -> String {
    guard TextWidth.of(text) > width else { return text }
    guard width > 1 else { return "" }
    var kept = ""
    var used = 1
    for character in text.reversed() {
      let characterWidth = TextWidth.of(character)
      if used + characterWidth > width { break }
      kept.insert(character, at: kept.startIndex)
      used += characterWidth
    }
    return "…" + kept
  }

  func draw(into canvas: inout Canvas, frame: Rect, theme: Theme) {
    var cursor = canvas.draw(
      " \(prompt.leader)", column: frame.column, row: frame.row, style: theme[.footerKey])
    cursor += canvas.draw(
      Self.tail(of: prompt.text, width: frame.width - cursor - 1), column: frame.column + cursor,
      row: frame.row, style: theme[.footerText], maxWidth: max(0, frame.width - cursor - 1))
    cursor += canvas.draw(
      "█", column: frame.column + cursor, row: frame.row, style: theme[.footerText])
    let note: (String, ThemeRole)? =
      prompt.error.map { ("  \($0)", .flashError) }
      ?? (prompt.candidates.isEmpty
        ? nil : ("  " + prompt.candidates.joined(separator: "  "), .muted))
    if let (text, role) = note {
      canvas.draw(
        text, column: frame.column + cursor, row: frame.row, style: theme[role],
        maxWidth: max(0, frame.width - cursor))
    }
  }
}
