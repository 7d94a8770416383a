import Foundation

/// `batchdeck paths`: where the config file, the theme folders and the log live.
enum PathsCommand {
  static func run(_ arguments: [String]) -> Int32 {
    guard arguments.isEmpty else {
      FileHandle.standardError.write(Data("usage: batchdeck paths\n".utf8))
      return 2
    }
    print(text())
    return 0
  }

  /// One line per place, each saying whether it exists yet.
  static func text() -> String {
    func state(_ path: String) -> String {
      FileManager.default.fileExists(atPath: path) ? "" : "  (not there yet)"
    }
    var lines = ["config  \(Paths.configFile)\(state(Paths.configFile))"]
    lines += Paths.themeDirectories.map { "themes  \($0)\(state($0))" }
    lines.append("log     \(Paths.defaultLogFile)\(state(Paths.defaultLogFile))")
    return lines.joined(separator: "\n")
  }
}
