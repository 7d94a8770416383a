import Foundation

/// The folder of the built products (the test bundle sits beside the `batchdeck` binary).
enum ProductsDirectory {
  static var url: URL {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("batchdeck").path)
      {
        return folder
      }
      folder.deleteLastPathComponent()
    }
    return executable.deletingLastPathComponent()
  }

  static var batchdeck: String { url.appendingPathComponent("batchdeck").path }
}
