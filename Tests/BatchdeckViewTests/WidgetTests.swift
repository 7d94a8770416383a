import Testing

@testable import BatchdeckView

@Suite struct WidgetTests {
  @Test func progressBarUsesEighths() {
    #expect(ProgressBar.text(fraction: 0, width: 4) == "    ")
    #expect(ProgressBar.text(fraction: 1, width: 4) == "████")
    #expect(ProgressBar.text(fraction: 0.5, width: 4) == "██  ")
    #expect(ProgressBar.text(fraction: 0.3, width: 4) == "█▏  ")
    #expect(ProgressBar.text(fraction: .nan, width: 2) == "  ")
  }

  @Test func truncationCountsDisplayWidth() {
    #expect(TableWidget.truncate("abcdef", to: 4) == "abc…")
    #expect(TableWidget.truncate("abc", to: 4) == "abc")
    #expect(TableWidget.truncate("日本語テキスト", to: 5) == "日本…")
  }

  @Test func narrowTablesDropLowPriorityColumnsFirst() {
    let table = TableWidget(
      columns: [
        TableColumn("NAME", flexible: true), TableColumn("AGE", priority: 2),
        TableColumn("STATUS"), TableColumn("EXTRA", priority: 1),
      ], rows: [], selectedRow: nil, focused: true)
    #expect(table.fit(widths: [10, 5, 8, 6], into: 40) == [10, 5, 8, 6])
    #expect(table.fit(widths: [10, 5, 8, 6], into: 28) == [10, 0, 8, 6])
    #expect(table.fit(widths: [10, 5, 8, 6], into: 20) == [10, 0, 8, 0])
    #expect(table.fit(widths: [10, 5, 8, 6], into: 15) == [5, 0, 8, 0])
  }

  @Test func canvasPlacesWideCharactersAndClips() {
    var canvas = Canvas(width: 6, height: 1)
    #expect(canvas.draw("a日b", column: 0, row: 0) == 4)
    #expect(canvas[2, 0].isContinuation)
    #expect(canvas.line(0) == "a日b  ")
    #expect(canvas.draw("日日日日", column: 3, row: 0) == 2)
    #expect(canvas.line(0) == "a日日 ")
  }

  @Test func sanitizerReplacesControls() {
    #expect(TextSanitizer.clean("ok\u{1B}]0;title\u{07}\tx\u{9B}") == "ok?]0;title? x?")
    #expect(TextSanitizer.clean("plain") == "plain")
  }
}
