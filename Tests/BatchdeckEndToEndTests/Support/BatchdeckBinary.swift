import Foundation

/// Finds and runs the built `batchdeck` executable for end-to-end tests.
enum BatchdeckBinary {
  /// What one run produced.
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The package root, derived from this file's location.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The executable next to the test bundle (`.build/<config>/batchdeck`), or `nil`.
  static let url: URL? = {
    var candidates: [URL] = []
    for bundle in Bundle.allBundles {
      candidates.append(bundle.bundleURL.deletingLastPathComponent())
    }
    let build = packageRoot.appendingPathComponent(".build")
    candidates.append(build.appendingPathComponent("debug"))
    candidates.append(build.appendingPathComponent("release"))
    return candidates.map { $0.appendingPathComponent("batchdeck") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs `batchdeck arguments...` and collects its output.
  static func run(_ arguments: [String]) throws -> Output {
    guard let url else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()

    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
