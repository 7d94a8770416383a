import Foundation

/// Where Batchdeck keeps its files, following the XDG base directories.
enum Paths {
  static var environment: [String: String] { ProcessInfo.processInfo.environment }

  static var home: String { environment["HOME"] ?? NSHomeDirectory() }

  /// `$XDG_CONFIG_HOME/batchdeck`, or `~/.config/batchdeck`.
  static var configDirectory: String {
    let config =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "\(home)/.config"
    return "\(config)/batchdeck"
  }

  /// The config file: `config.yaml` in `configDirectory`.
  static var configFile: String { "\(configDirectory)/config.yaml" }

  /// `$XDG_STATE_HOME/batchdeck/batchdeck.log`, or `~/.local/state/batchdeck/batchdeck.log`.
  static var defaultLogFile: String {
    let state =
      environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "\(home)/.local/state"
    return "\(state)/batchdeck/batchdeck.log"
  }

  /// Folders searched for `<name>.json` themes, in order: the user's, then those shipped
  /// beside the binary (an install's `share/batchdeck/themes`, or the source tree's `Themes/`).
  static var themeDirectories: [String] {
    let config =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "\(home)/.config"
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let binDirectory = executable.deletingLastPathComponent()
    return [
      "\(config)/batchdeck/themes",
      binDirectory.appendingPathComponent("../share/batchdeck/themes").standardized.path,
      binDirectory.appendingPathComponent("../../Themes").standardized.path,
      binDirectory.appendingPathComponent("../../../Themes").standardized.path,
    ]
  }
}
