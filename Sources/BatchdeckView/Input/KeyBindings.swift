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
}

/// The dashboard's keys, declared once: dispatch, the footer and help all read this table.
public struct KeyBindings: Sendable {
  public var bindings: [KeyBinding]

  public static let dashboard = KeyBindings(bindings: [
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
      keys: [.character("q"), .control("c")], label: "q", action: .quit, help: "quit",
      showInFooter: true),
  ])

  /// The action bound to `key`, if any.
  public func action(for key: Key) -> DashboardAction? {
    bindings.first { $0.keys.contains(key) }?.action
  }

  /// The footer's hints, movement first.
  public var footerHints: [(key: String, help: String)] {
    [("↑↓/jk", "move")] + bindings.filter(\.showInFooter).map { ($0.label, $0.help) }
  }
}
