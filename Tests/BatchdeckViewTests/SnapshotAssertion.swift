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
