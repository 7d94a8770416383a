import APIMachinery
import BatchdeckView
import Foundation
import KubeYAML

/// Something wrong in the config file: where, which key, and why. The program carries on
/// with the default for that setting and shows the problem on the footer.
struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
  var file: String
  var line: Int
  var key: String
  var reason: String

  var description: String { "\(file):\(line): \(key): \(reason)" }
}

/// `$XDG_CONFIG_HOME/batchdeck/config.yaml`, for example:
///
/// ```yaml
/// theme: light            # a name from the theme folders, or a path
/// readOnly: false         # true turns every cluster-changing action off
/// mouse: true             # false leaves the mouse to the terminal (text selection)
/// contexts:
///   production: {readOnly: true}
/// keys:                   # action: key (see `KeyName` for key names)
///   filter: f
///   suspend: Ctrl-s
/// ```
///
/// Every problem is collected, never thrown: a missing file is no config, and a bad setting
/// keeps its default.
struct UserConfig: Sendable {
  var theme: String?
  var readOnly = false
  var mouse: Bool?
  /// `contexts.NAME.readOnly`, by context name.
  var readOnlyContexts: [String: Bool] = [:]
  var keys: [KeyRebinding] = []
  var problems: [ConfigProblem] = []

  /// Whether the context is read-only: globally, or by its own setting.
  func isReadOnly(context: String) -> Bool {
    readOnlyContexts[context] ?? readOnly
  }

  /// Reads the file at `path`; no file is an empty config.
  static func load(path: String) -> UserConfig {
    guard FileManager.default.fileExists(atPath: path) else { return UserConfig() }
    let name = URL(fileURLWithPath: path).lastPathComponent
    let documents: [YAMLDocument]
    do {
      documents = try YAMLParser().parse(contentsOf: path)
    } catch {
      var config = UserConfig()
      config.problems.append(
        ConfigProblem(file: name, line: error.line, key: "(file)", reason: error.reason))
      return config
    }
    guard let document = documents.first else { return UserConfig() }
    return parse(document, file: name)
  }

  /// Reads the settings of one YAML document.
  static func parse(_ document: YAMLDocument, file: String) -> UserConfig {
    var config = UserConfig()
    func problem(_ path: [String], _ reason: String) {
      config.problems.append(
        ConfigProblem(
          file: file, line: document.line(at: path), key: path.joined(separator: "."),
          reason: reason))
    }
    if document.value == .null { return config }
    guard case .object(let top) = document.value else {
      problem([], "the config must be a mapping of settings")
      return config
    }
    for (key, value) in top.sorted(by: { $0.key < $1.key }) {
      switch (key, value) {
      case ("theme", .string(let theme)): config.theme = theme
      case ("readOnly", .bool(let flag)): config.readOnly = flag
      case ("mouse", .bool(let flag)): config.mouse = flag
      case ("contexts", .object(let contexts)):
        for (context, settings) in contexts.sorted(by: { $0.key < $1.key }) {
          guard case .object(let members) = settings else {
            problem(["contexts", context], "expected a mapping such as {readOnly: true}")
            continue
          }
          for (setting, flag) in members.sorted(by: { $0.key < $1.key }) {
            switch (setting, flag) {
            case ("readOnly", .bool(let flag)): config.readOnlyContexts[context] = flag
            case ("readOnly", _):
              problem(["contexts", context, setting], "expected true or false")
            default:
              problem(["contexts", context, setting], "unknown setting (known: readOnly)")
            }
          }
        }
      case ("keys", .object(let keys)):
        for (action, written) in keys.sorted(by: { $0.key < $1.key }) {
          let line = document.line(at: ["keys", action])
          switch written {
          case .string(let text):
            config.keys.append(KeyRebinding(action: action, key: text, line: line))
          case .int(let number):
            config.keys.append(KeyRebinding(action: action, key: String(number), line: line))
          case .bool:
            problem(
              ["keys", action], "YAML reads y, n, yes, no, on, off as true or false: quote the key")
          default:
            problem(["keys", action], "expected a key name such as x or Ctrl-d")
          }
        }
      case ("theme", _): problem([key], "expected a theme name or path")
      case ("readOnly", _), ("mouse", _): problem([key], "expected true or false")
      case ("contexts", _), ("keys", _): problem([key], "expected a mapping")
      default:
        problem([key], "unknown setting (known: theme, readOnly, mouse, contexts, keys)")
      }
    }
    return config
  }

  /// The key table with the config's keys applied; bad entries become problems.
  func keyBindings(from defaults: KeyBindings, file: String) -> (KeyBindings, [ConfigProblem]) {
    let (table, found) = defaults.rebound(keys)
    return (
      table,
      found.map { ConfigProblem(file: file, line: $0.line, key: $0.key, reason: $0.reason) }
    )
  }
}
