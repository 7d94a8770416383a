import Foundation

/// Files under `../shared` beside the package, when that folder exists.
enum SharedFixtures {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared")

  static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }

  static func data(_ relativePath: String) -> Data? {
    FileManager.default.contents(atPath: root.appendingPathComponent(relativePath).path)
  }
}
