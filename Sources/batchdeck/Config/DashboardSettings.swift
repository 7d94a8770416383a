import BatchdeckModel
import BatchdeckView
import Foundation
import Logging

/// What the dashboard runs with once flags, environment and the config file are combined:
/// flags win over `BATCHDECK_THEME`, which wins over the config file.
///
/// Problems (a bad config entry, a theme that does not load) never stop the program: the
/// setting keeps its default, the log says why, and the footer shows the first problem.
struct DashboardSettings {
  var theme = Theme.default
  var monochrome = Theme.monochrome
  var keys = KeyBindings.dashboard
  var mouse = true
  var config = UserConfig()
  /// `--readonly`: every context is read-only.
  var readOnlyFlag = false
  /// What went wrong, in words for the footer and the log.
  var notes: [String] = []

  static func load(options: DashboardOptions, logger: Logger) -> DashboardSettings {
    var settings = DashboardSettings()
    let file = Paths.configFile
    settings.config = UserConfig.load(path: file)
    settings.readOnlyFlag = options.readOnly
    let directories = Paths.themeDirectories
    settings.monochrome =
      (try? ThemeLoader.find("monochrome", in: directories)) ?? Theme.monochrome
    let requested =
      options.theme ?? Paths.environment["BATCHDECK_THEME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? settings.config.theme
    if let requested, let skin = K9sSkinFile.find(requested, in: directories) {
      let (theme, problems) = K9sSkinFile.load(path: skin)
      if let theme { settings.theme = theme }
      settings.notes += problems.map {
        "k9s skin \($0)" + (theme == nil ? "; using the default theme" : "; default kept")
      }
    } else if let requested {
      do {
        settings.theme = try ThemeLoader.find(requested, in: directories)
      } catch {
        settings.notes.append("\(error); using the default theme")
      }
    }
    let (keys, keyProblems) = settings.config.keyBindings(
      from: .dashboard, file: URL(fileURLWithPath: file).lastPathComponent)
    settings.keys = keys
    settings.mouse = !options.noMouse && (settings.config.mouse ?? true)
    settings.notes =
      (settings.config.problems + keyProblems).map { "config \($0); default kept" }
      + settings.notes
    for note in settings.notes { logger.warning(note) }
    return settings
  }

  /// Whether `context` is read-only: `--readonly`, or the config (per context, then global).
  func isReadOnly(context: String) -> Bool {
    readOnlyFlag || config.isReadOnly(context: context)
  }

  /// Puts the first problem on the footer for 15 seconds, with a count of the others (all
  /// are in the log).
  func showNotes(in state: inout DashboardState) {
    guard let first = notes.first else { return }
    let more = notes.count > 1 ? " (+\(notes.count - 1) more in the log)" : ""
    var flash = Flash(first + more, level: .error, now: Date())
    flash.expires = Date().addingTimeInterval(15)
    state.flash = flash
  }
}
