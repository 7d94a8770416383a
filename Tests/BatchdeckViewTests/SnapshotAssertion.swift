import BatchdeckView
import Foundation
import Testing

/// Compares text with a golden file in `Snapshots/`; `RECORD_SNAPSHOTS=1` rewrites the file
/// and fails the test, so a baseline is never recorded by accident.
func assertSnapshot(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let file = folder.appendingPathComponent("\(name).txt")
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
    Issue.record(
      "recorded \(file.lastPathComponent); run again without RECORD_SNAPSHOTS",
      sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
    Issue.record(
      "no snapshot \(file.lastPathComponent); record it with RECORD_SNAPSHOTS=1",
      sourceLocation: sourceLocation)
    return
  }
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    .dropLast().map(String.init)
  let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  for (index, pair) in zip(expectedLines, actualLines).enumerated() where pair.0 != pair.1 {
    Issue.record(
      "line \(index + 1) differs:\n  expected: \(pair.0)\n  actual:   \(pair.1)",
      sourceLocation: sourceLocation)
    return
  }
  #expect(expectedLines.count == actualLines.count, sourceLocation: sourceLocation)
}

/// Compares a canvas, text and styles, with the golden file `Snapshots/<name>.txt` in the
/// styled format of `styledSnapshot(_:theme:)`.
func assertStyledSnapshot(
  _ canvas: Canvas, theme: Theme, named name: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  try assertSnapshot(
    styledSnapshot(canvas, theme: theme), named: name, sourceLocation: sourceLocation)
}

/// The styled golden format, readable as text: the screen's text; a legend giving every style
/// in use a letter, with its colours, attributes and the theme roles that have exactly that
/// style (`no role` for a style no role has, such as a search highlight); then one line per row
/// with the letters run-length encoded over columns (`a12 b3`: 12 columns of `a`, 3 of `b`; the
/// second column of a wide character counts with its character).
func styledSnapshot(_ canvas: Canvas, theme: Theme) -> String {
  let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
  var order: [CellStyle] = []
  var letterOf: [CellStyle: Character] = [:]
  var layer: [String] = []
  for row in 0..<canvas.height {
    var runs: [(Character, Int)] = []
    for column in 0..<canvas.width {
      let style = canvas[column, row].style
      if letterOf[style] == nil {
        letterOf[style] = order.count < letters.count ? letters[order.count] : "?"
        order.append(style)
      }
      let letter = letterOf[style] ?? "?"
      if let last = runs.last, last.0 == letter {
        runs[runs.count - 1].1 += 1
      } else {
        runs.append((letter, 1))
      }
    }
    let number = String(row + 1)
    let padded = String(repeating: " ", count: max(0, 2 - number.count)) + number
    layer.append(padded + " " + runs.map { "\($0.0)\($0.1)" }.joined(separator: " "))
  }
  let legend = order.map { style in
    let roles = ThemeRole.allCases.filter { theme[$0] == style }.map(\.rawValue)
    return "\(letterOf[style] ?? "?")  \(describeStyle(style))  = "
      + (roles.isEmpty ? "no role" : roles.joined(separator: ", "))
  }
  return [
    canvas.text, "--- styles (theme \(theme.name))", legend.joined(separator: "\n"),
    "--- layer", layer.joined(separator: "\n"),
  ].joined(separator: "\n")
}

/// `fg green bg default bold`: colours by their ANSI names (indexed ones above 15 by number).
func describeStyle(_ style: CellStyle) -> String {
  let names = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", "bright-black",
    "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
    "bright-white",
  ]
  func name(_ color: TerminalColor) -> String {
    switch color {
    case .terminalDefault: "default"
    case .indexed(let index): index < 16 ? names[Int(index)] : String(index)
    }
  }
  let attributes: [(TextAttributes, String)] = [
    (.bold, "bold"), (.underline, "underline"), (.reverse, "reverse"), (.dim, "dim"),
  ]
  let words = attributes.filter { style.attributes.contains($0.0) }.map(\.1)
  return (["fg \(name(style.foreground))", "bg \(name(style.background))"] + words)
    .joined(separator: " ")
}
