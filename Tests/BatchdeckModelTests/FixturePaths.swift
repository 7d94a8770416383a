import Foundation

/// Where the shared fixtures live: `../shared/` next to the package root.
enum FixturePaths {
  /// The package root, derived from this file's location.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/fixtures/<relative>` when it exists, else `nil` (the test then skips).
  static func fixture(_ relative: String) -> URL? {
    let url = packageRoot.deletingLastPathComponent()
      .appendingPathComponent("shared/fixtures/\(relative)")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }
}

/// RFC 3339 in UTC with whole seconds (`2026-03-08T07:00:00Z`), for tests.
enum UTCText {
  static func parse(_ text: String) -> Date? {
    try? Date(text, strategy: .iso8601)
  }

  static func format(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}
