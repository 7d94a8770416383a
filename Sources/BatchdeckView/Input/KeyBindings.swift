import BatchdeckModel

/// One entry of the key table: the keys, the action, and its help text.
public struct KeyBinding: Sendable, Hashable {
  public var keys: [Key]
  /// How the keys are written in hints and help, e.g. `↑↓/jk`.
  public var label: String
  public var action: DashboardAction
  public var help: String
  /// Whether the footer shows this binding.
  public var showInFooter: Bool

  /// Whether the action changes the cluster (hidden in read-only mode).
  public var changesCluster: Bool { action.changesCluster }

  /// Whether the action is dangerous and asks for a confirmation first.
  public var confirmsFirst: Bool { action.isDangerous }
}

/// The dashboard's keys, declared once: dispatch, the footer and help all read this table.
public struct KeyBindings: Sendable {
  public var bindings: [KeyBinding]

  public static let dashboard = KeyBindings(insertingNavigation: [
    KeyBinding(
      keys: [.up, .character("k")], label: "↑/k", action: .moveUp, help: "move up",
      showInFooter: false),
    KeyBinding(
      keys: [.down, .character("j")], label: "↓/j", action: .moveDown, help: "move down",
      showInFooter: false),
    KeyBinding(
      keys: [.pageUp, .control("b")], label: "PgUp", action: .pageUp, help: "page up",
      showInFooter: false),
    KeyBinding(
      keys: [.pageDown, .control("f")], label: "PgDn", action: .pageDown, help: "page down",
      showInFooter: false),
    KeyBinding(
      keys: [.home, .character("g")], label: "g", action: .top, help: "first row",
      showInFooter: false),
    KeyBinding(
      keys: [.end, .character("G")], label: "G", action: .bottom, help: "last row",
      showInFooter: false),
    KeyBinding(
      keys: [.character("?")], label: "?", action: .toggleHelp, help: "help",
      showInFooter: true),
    KeyBinding(
      keys: [.tab], label: "Tab", action: .nextPane, help: "next pane", showInFooter: true),
    KeyBinding(
      keys: [.backTab], label: "S-Tab", action: .previousPane, help: "previous pane",
      showInFooter: false),
    KeyBinding(
      keys: [.enter], label: "Enter", action: .drillDown, help: "drill down", showInFooter: true),
    KeyBinding(keys: [.escape], label: "Esc", action: .back, help: "back", showInFooter: true),
    KeyBinding(
      keys: [.character("l")], label: "l", action: .showLogs, help: "logs of the latest run",
      showInFooter: true),
    KeyBinding(
      keys: [.character("w")], label: "w", action: .toggleDiagnosis,
      help: "why: diagnose CronJob/Job", showInFooter: false),
    KeyBinding(
      keys: [.character("d")], label: "d", action: .describe, help: "describe the selected object",
      showInFooter: false),
    KeyBinding(
      keys: [.character("y")], label: "y", action: .showYAML, help: "the selected object as YAML",
      showInFooter: false),
    KeyBinding(
      keys: [.character(" ")], label: "Space", action: .toggleMark, help: "mark or unmark row",
      showInFooter: false),
    KeyBinding(
      keys: [.character("s")], label: "s", action: .toggleSuspend,
      help: "suspend or resume CronJob/Job", showInFooter: true),
    KeyBinding(
      keys: [.character("t")], label: "t", action: .trigger, help: "trigger CronJob now",
      showInFooter: true),
    KeyBinding(
      keys: [.control("d")], label: "^d", action: .delete, help: "delete CronJob/Job/Pod",
      showInFooter: true),
    KeyBinding(
      keys: [.control("k")], label: "^k", action: .kill, help: "kill pod (grace 0)",
      showInFooter: false),
    KeyBinding(
      keys: [.character("q"), .control("c")], label: "q", action: .quit, help: "quit",
      showInFooter: true),
  ])

  /// The keys of an open confirmation.
  public static let confirmation = KeyBindings(bindings: [
    KeyBinding(
      keys: [.enter, .character("y")], label: "Enter/y", action: .accept, help: "confirm",
      showInFooter: true),
    KeyBinding(
      keys: [.escape, .character("n")], label: "Esc/n", action: .cancel, help: "cancel",
      showInFooter: true),
    KeyBinding(
      keys: [.tab], label: "Tab", action: .cyclePropagation, help: "next propagation policy",
      showInFooter: false),
    KeyBinding(
      keys: [.character("b")], label: "b", action: .setPropagation(.background),
      help: "background propagation", showInFooter: false),
    KeyBinding(
      keys: [.character("f")], label: "f", action: .setPropagation(.foreground),
      help: "foreground propagation", showInFooter: false),
    KeyBinding(
      keys: [.character("o")], label: "o", action: .setPropagation(.orphan),
      help: "orphan propagation", showInFooter: false),
    KeyBinding(
      keys: [.control("c")], label: "^c", action: .quit, help: "quit", showInFooter: false),
  ])

  /// The action bound to `key`, if any.
  public func action(for key: Key) -> DashboardAction? {
    bindings.first { $0.keys.contains(key) }?.action
  }

  /// The action for `key` in the mode `state` is in: an open confirmation has its own keys,
  /// and any key closes the help.
  public func action(for key: Key, state: DashboardState) -> DashboardAction? {
    if state.confirmation != nil { return Self.confirmation.action(for: key) }
    if let detail = state.detail {
      if state.showingHelp { return key == .control("c") ? .quit : .toggleHelp }
      return Self.viewAction(for: key, detail: detail)
    }
    if state.showingHelp { return action(for: key) == .quit ? .quit : .toggleHelp }
    // The diagnosis panel takes its keys before the panes' filters and prompts.
    if state.diagnosisPanel != nil { return action(for: key) }
    if let routed = navigationRoute(for: key, state: state) { return routed.action }
    return action(for: key)
  }

  /// The bindings to list: in read-only mode those that change the cluster are hidden.
  public func visible(readOnly: Bool) -> [KeyBinding] {
    bindings.filter { !(readOnly && $0.changesCluster) }
  }

  /// The footer's hints, movement first, each with its action (none for the movement hint).
  public func footerHints(readOnly: Bool = false)
    -> [(key: String, help: String, action: DashboardAction?)]
  {
    let shown = visible(readOnly: readOnly).filter(\.showInFooter)
    return [("↑↓/jk", "move", nil)] + shown.map { ($0.label, Self.shortHelp($0), $0.action) }
  }

  /// The footer's words for a binding: its help up to the first space for operations.
  static func shortHelp(_ binding: KeyBinding) -> String {
    guard binding.changesCluster else { return binding.help }
    return String(binding.help.prefix { $0 != " " })
  }
}
