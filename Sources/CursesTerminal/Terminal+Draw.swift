import BatchdeckView
import CNcursesw

extension Terminal {
  /// Shows `canvas`, writing only the cells that differ from the last frame drawn, then
  /// updating the screen once. Cells beyond the screen's edge are clipped.
  public func draw(_ canvas: Canvas) {
    guard let window else { return }
    let full = needsFullRepaint
    if full {
      werase(window)
      clearok(window, true)
    }

    let runs = FrameDiff.changedRuns(previous: full ? nil : previousFrame, next: canvas)
    let screenSize = size
    for run in runs where run.row < screenSize.height && run.column < screenSize.width {
      write(run, in: window, screenWidth: screenSize.width)
    }

    wnoutrefresh(window)
    doupdate()
    previousFrame = canvas
    needsFullRepaint = false
  }

  /// Makes the next `draw(_:)` repaint every cell (for example after the screen was garbled).
  public func requestFullRepaint() {
    needsFullRepaint = true
  }

  private func write(
    _ run: FrameDiff.Run, in window: UnsafeMutablePointer<WINDOW>, screenWidth: Int
  ) {
    let (attributes, pair) = cursesStyle(for: run.style)
    var characters: [cchar_t] = []
    characters.reserveCapacity(run.cells.count)
    for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
      let followedByContinuation =
        offset + 1 < run.cells.count && run.cells[offset + 1].isContinuation
      let canvasWidth = followedByContinuation ? 2 : 1
      if run.column + offset + canvasWidth > screenWidth { break }
      appendCharacters(
        for: cell.text, canvasWidth: canvasWidth, attributes: attributes, pair: pair,
        to: &characters)
    }
    guard !characters.isEmpty else { return }

    let row = Int32(run.row)
    mvwadd_wchnstr(window, row, Int32(run.column), characters, Int32(characters.count))
  }

  /// Appends the cchar_t values for one canvas cell, keeping the canvas's column count even
  /// where the C library's idea of the character's width differs.
  private func appendCharacters(
    for text: String, canvasWidth: Int, attributes: attr_t, pair: Int32,
    to characters: inout [cchar_t]
  ) {
    var scalars = text.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t($0.value) }
    let libraryWidth = scalars.first.map { Int(cnc_wcwidth($0)) } ?? 0
    if libraryWidth < 1 || libraryWidth > canvasWidth {
      scalars = [wchar_t(0x3F)]
    }
    characters.append(makeCharacter(scalars, attributes: attributes, pair: pair))
    let covered = max(1, min(libraryWidth, canvasWidth))
    for _ in covered..<canvasWidth {
      characters.append(makeCharacter([wchar_t(0x20)], attributes: attributes, pair: pair))
    }
  }

  private func makeCharacter(_ scalars: [wchar_t], attributes: attr_t, pair: Int32) -> cchar_t {
    var character = cchar_t()
    var text = scalars
    text.append(0)
    _ = cnc_set_cell(&character, text, attributes, pair)
    return character
  }

  /// The curses attributes and colour pair for a style, initialising the pair the first time.
  private func cursesStyle(for style: CellStyle) -> (attributes: attr_t, pair: Int32) {
    if let cached = styleCache[style] { return cached }
    var attributes = cnc_attr_normal()
    if style.attributes.contains(.bold) { attributes |= cnc_attr_bold() }
    if style.attributes.contains(.underline) { attributes |= cnc_attr_underline() }
    if style.attributes.contains(.reverse) { attributes |= cnc_attr_reverse() }
    if style.attributes.contains(.dim) { attributes |= cnc_attr_dim() }

    let allocation = colorPairs.pair(foreground: style.foreground, background: style.background)
    if allocation.isNew {
      init_extended_pair(allocation.pair, allocation.foreground, allocation.background)
    }
    let result = (attributes: attributes, pair: allocation.pair)
    styleCache[style] = result
    return result
  }
}
