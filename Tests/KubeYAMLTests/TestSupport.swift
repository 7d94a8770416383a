import Foundation

/// Helpers for the KubeYAML tests: the shared fixture folder and scratch folders.
enum TestSupport {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/fixtures/seed-manifests` beside the package, or `nil` when it is absent.
  static var seedManifests: String? {
    let folder = packageRoot.deletingLastPathComponent()
      .appendingPathComponent("shared/fixtures/seed-manifests").path
    return FileManager.default.fileExists(atPath: folder) ? folder : nil
  }

  /// A new empty folder under the system temporary folder holding `files` (name → text).
  static func folder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("kubeyaml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder.path
  }

  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }
}
