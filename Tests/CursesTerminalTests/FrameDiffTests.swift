import BatchdeckView
import CursesTerminal
import Testing

@Suite struct FrameDiffTests {
  private let red = CellStyle(foreground: .indexed(1))
  private let bold = CellStyle(attributes: [.bold])

  private func canvas(_ rows: [String], width: Int = 6) -> Canvas {
    var canvas = Canvas(width: width, height: rows.count)
    for (row, text) in rows.enumerated() {
      canvas.draw(text, column: 0, row: row)
    }
    return canvas
  }

  private func text(_ run: FrameDiff.Run) -> String {
    run.cells.filter { !$0.isContinuation }.map(\.text).joined()
  }

  @Test func identicalFramesProduceNoRuns() {
    let frame = canvas(["abc", "def"])
    #expect(FrameDiff.changedRuns(previous: frame, next: frame).isEmpty)
  }

  @Test func noPreviousFrameRepaintsEveryRow() {
    let runs = FrameDiff.changedRuns(previous: nil, next: canvas(["ab", "cd"], width: 3))
    #expect(runs.map(\.row) == [0, 1])
    #expect(runs.map(\.column) == [0, 0])
    #expect(runs.map(text) == ["ab ", "cd "])
  }

  @Test func aSizeChangeRepaintsEverything() {
    let runs = FrameDiff.changedRuns(
      previous: canvas(["ab"], width: 2), next: canvas(["ab"], width: 3))
    #expect(runs.count == 1)
    #expect(runs.first?.cells.count == 3)
  }

  @Test func oneChangedCellIsOneRun() {
    let runs = FrameDiff.changedRuns(previous: canvas(["abcdef"]), next: canvas(["abXdef"]))
    #expect(runs == [FrameDiff.Run(row: 0, column: 2, style: .plain, cells: [Cell(text: "X")])])
  }

  @Test func runsSplitWhereTheStyleChanges() {
    var next = canvas(["abcdef"])
    next.draw("XY", column: 1, row: 0, style: red)
    next.draw("Z", column: 3, row: 0, style: bold)
    let runs = FrameDiff.changedRuns(previous: canvas(["abcdef"]), next: next)
    #expect(runs.map(\.column) == [1, 3])
    #expect(runs.map(\.style) == [red, bold])
    #expect(runs.map(text) == ["XY", "Z"])
  }

  @Test func separateChangesOnARowAreSeparateRuns() {
    let runs = FrameDiff.changedRuns(previous: canvas(["abcdef"]), next: canvas(["Xbcdef"]))
    let second = FrameDiff.changedRuns(previous: canvas(["abcdef"]), next: canvas(["XbcdeY"]))
    #expect(runs.count == 1)
    #expect(second.map(\.column) == [0, 5])
  }

  @Test func aWideCharacterIsWrittenWithItsContinuation() {
    let runs = FrameDiff.changedRuns(previous: canvas(["abcdef"]), next: canvas(["a日def"]))
    #expect(runs.count == 1)
    #expect(runs.first?.column == 1)
    #expect(runs.first?.cells.map(\.isContinuation) == [false, true])
    #expect(runs.first?.cells.first?.text == "日")
  }

  @Test func replacingAWideCharacterRewritesBothColumns() {
    let runs = FrameDiff.changedRuns(previous: canvas(["a日def"]), next: canvas(["axydef"]))
    #expect(runs.map(text) == ["xy"])
    #expect(runs.first?.column == 1)
  }

  @Test func aChangeOnlyInTheContinuationCellRewritesTheWideCharacter() {
    let previous = canvas(["a日def"])
    var next = previous
    next[2, 0] = Cell(text: "", style: red, isContinuation: true)
    let runs = FrameDiff.changedRuns(previous: previous, next: next)
    #expect(runs.first?.column == 1)
    #expect(runs.first?.cells.count == 2)
    #expect(runs.first?.cells.first?.text == "日")
    // The continuation takes its wide character's style, so the run is not split.
    #expect(runs.count == 1)
    #expect(runs.first?.style == .plain)
  }

  @Test func shiftingWideCharactersNeverStartsARunOnAContinuation() {
    let runs = FrameDiff.changedRuns(previous: canvas(["日本語"]), next: canvas(["x日本"]))
    for run in runs {
      #expect(run.cells.first?.isContinuation == false)
    }
    #expect(runs.map(text) == ["x日本 "])
  }

  @Test func anOrphanContinuationIsGivenAsABlank() {
    let previous = canvas(["abc"], width: 3)
    var next = previous
    next[0, 0] = Cell(text: "", isContinuation: true)
    next[2, 0] = Cell(text: "", isContinuation: true)
    let runs = FrameDiff.changedRuns(previous: previous, next: next)
    #expect(runs.map(\.column) == [0, 2])
    #expect(runs.flatMap(\.cells) == [Cell(text: " "), Cell(text: " ")])
  }
}
