import BatchdeckModel

/// One `keys:` entry of the config file: an action name, the key written for it, and where.
public struct KeyRebinding: Sendable, Hashable {
  public var action: String
  public var key: String
  /// The line of the entry in the config file, for messages.
  public var line: Int

  public init(action: String, key: String, line: Int) {
    self.action = action
    self.key = key
    self.line = line
  }
}

/// Key names as the config file writes them: a single character (`x`, `N`, `/`), `Ctrl-x`
/// (also `C-x`, `^x`), `Enter`, `Esc`, `Tab`, `BackTab`, `Space`, `Backspace`, `Delete`,
/// `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`, `F1`…`F12`; any case.
public enum KeyName {
  static let named: [String: Key] = [
    "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
    "backtab": .backTab, "s-tab": .backTab, "space": .character(" "), "backspace": .backspace,
    "delete": .delete, "up": .up, "down": .down, "left": .left, "right": .right,
    "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
    "home": .home, "end": .end,
  ]

  /// The key `text` names, or `nil` when it names none.
  public static func parse(_ text: String) -> Key? {
    if text.count == 1, let character = text.first, character != " " {
      return .character(character)
    }
    let lower = text.lowercased()
    if let key = named[lower] { return key }
    for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
      let rest = lower.dropFirst(prefix.count)
      guard rest.count == 1, let letter = rest.first, letter.isLetter, letter.isASCII else {
        return nil
      }
      return .control(letter)
    }
    if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
      return .function(number)
    }
    return nil
  }

  /// How a key is written in hints and help.
  public static func label(_ key: Key) -> String {
    switch key {
    case .character(" "): "Space"
    case .character(let character): String(character)
    case .control(let letter): "^\(letter)"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .backspace: "Bksp"
    case .delete: "Del"
    case .function(let number): "F\(number)"
    default: "\(key)"
    }
  }
}

extension KeyBindings {
  /// The name of an action in the config file's `keys:` section, if it can be rebound.
  public static func configName(of action: DashboardAction) -> String? {
    switch action {
    case .moveUp: "up"
    case .moveDown: "down"
    case .pageUp: "pageUp"
    case .pageDown: "pageDown"
    case .top: "top"
    case .bottom: "bottom"
    case .nextPane: "nextPane"
    case .previousPane: "previousPane"
    case .drillDown: "drillDown"
    case .back: "back"
    case .showLogs: "logs"
    case .quit: "quit"
    case .toggleSuspend: "suspend"
    case .trigger: "trigger"
    case .delete: "delete"
    case .kill: "kill"
    case .toggleMark: "mark"
    case .toggleHelp: "help"
    case .toggleDiagnosis: "why"
    case .describe: "describe"
    case .showYAML: "yaml"
    case .navigation(.openFilter): "filter"
    case .navigation(.openCommandLine): "command"
    case .navigation(.pickNamespace): "namespaces"
    case .navigation(.allNamespaces): "allNamespaces"
    case .navigation(.pickContext): "contexts"
    case .navigation(.sortBy(let column)): "sort" + column.commandWord.capitalized
    default: nil
    }
  }

  /// The table with the config file's keys in place of the defaults: each entry's action gets
  /// exactly that key, which no other action keeps. Entries naming an unknown action or key
  /// are skipped and described in the returned problems (line, what was wrong).
  public func rebound(_ entries: [KeyRebinding]) -> (
    keys: KeyBindings, problems: [(line: Int, key: String, reason: String)]
  ) {
    var table = self
    var problems: [(line: Int, key: String, reason: String)] = []
    for entry in entries {
      guard
        let index = table.bindings.firstIndex(where: {
          Self.configName(of: $0.action) == entry.action
        })
      else {
        let names = bindings.compactMap { Self.configName(of: $0.action) }
        problems.append(
          (
            entry.line, "keys.\(entry.action)",
            "unknown action \"\(entry.action)\" (actions: \(names.joined(separator: ", ")))"
          ))
        continue
      }
      guard let key = KeyName.parse(entry.key) else {
        problems.append(
          (entry.line, "keys.\(entry.action)", "unknown key \"\(entry.key)\""))
        continue
      }
      for other in table.bindings.indices where other != index {
        table.bindings[other].keys.removeAll { $0 == key }
      }
      table.bindings[index].keys = [key]
      table.bindings[index].label = KeyName.label(key)
    }
    return (table, problems)
  }
}
