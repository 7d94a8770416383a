import BatchdeckModel

extension KeyBinding {
  /// Whether the binding is one of the navigation keys (help lists them apart).
  public var isNavigation: Bool {
    if case .navigation = action { return true }
    return false
  }
}

/// Where a key goes when navigation takes it: an action, or nowhere (`nil`: swallowed).
public struct NavigationRoute: Sendable, Hashable {
  /// The action to apply; `nil` when the key is swallowed.
  public var action: DashboardAction?
}

extension KeyBindings {
  /// The dashboard's navigation keys: filter, command line, namespaces, contexts and sorting
  /// (Shift plus the column's first letter, as k9s does).
  public static let navigation: [KeyBinding] = [
    KeyBinding(
      keys: [.character("/")], label: "/", action: .navigation(.openFilter),
      help: "filter rows", showInFooter: false),
    KeyBinding(
      keys: [.character(":")], label: ":", action: .navigation(.openCommandLine),
      help: "command line", showInFooter: false),
    KeyBinding(
      keys: [.character("n")], label: "n", action: .navigation(.pickNamespace),
      help: "namespace picker", showInFooter: false),
    KeyBinding(
      keys: [.character("0")], label: "0", action: .navigation(.allNamespaces),
      help: "all namespaces", showInFooter: false),
    KeyBinding(
      keys: [.character("c")], label: "c", action: .navigation(.pickContext),
      help: "context picker", showInFooter: false),
    KeyBinding(
      keys: [.character("N")], label: "N", action: .navigation(.sortBy(.name)),
      help: "sort by NAME ↑↓", showInFooter: false),
    KeyBinding(
      keys: [.character("A")], label: "A", action: .navigation(.sortBy(.age)),
      help: "sort by AGE ↑↓", showInFooter: false),
    KeyBinding(
      keys: [.character("S")], label: "S", action: .navigation(.sortBy(.status)),
      help: "sort by STATUS ↑↓", showInFooter: false),
  ]

  /// A table of `bindings` with the navigation keys inserted before quit (so the footer,
  /// which keeps its last hint, still ends with quit).
  init(insertingNavigation bindings: [KeyBinding]) {
    let quit = bindings.firstIndex { $0.action == .quit } ?? bindings.endIndex
    self.init(bindings: Array(bindings[..<quit]) + Self.navigation + Array(bindings[quit...]))
  }

  /// The keys of an open prompt or picker, for help.
  public static let prompt = KeyBindings(bindings: [
    KeyBinding(
      keys: [.enter], label: "Enter", action: .navigation(.submit), help: "apply or pick",
      showInFooter: true),
    KeyBinding(
      keys: [.escape], label: "Esc", action: .navigation(.dismiss), help: "cancel",
      showInFooter: true),
    KeyBinding(
      keys: [.tab], label: "Tab", action: .navigation(.complete), help: "complete",
      showInFooter: true),
    KeyBinding(
      keys: [.backspace, .delete], label: "Bksp", action: .navigation(.erase),
      help: "erase", showInFooter: false),
    KeyBinding(
      keys: [.up], label: "↑", action: .navigation(.moveUp), help: "previous choice",
      showInFooter: false),
    KeyBinding(
      keys: [.down], label: "↓", action: .navigation(.moveDown), help: "next choice",
      showInFooter: false),
    KeyBinding(
      keys: [.control("c")], label: "^c", action: .quit, help: "quit", showInFooter: false),
  ])

  /// Where `key` goes when navigation decides: everything while a prompt or picker is open
  /// (characters are typed), the events view's keys while it is shown, and Esc on a filtered
  /// pane (it drops the filter before it goes back). `nil` when the dashboard's table decides.
  public func navigationRoute(for key: Key, state: DashboardState) -> NavigationRoute? {
    if state.isTyping {
      if let bound = Self.prompt.action(for: key) { return NavigationRoute(action: bound) }
      if case .character(let character) = key {
        return NavigationRoute(action: .navigation(.type(character)))
      }
      return NavigationRoute(action: nil)
    }
    let bound = action(for: key)
    if state.navigation.events != nil {
      switch bound {
      case .moveUp?: return NavigationRoute(action: .navigation(.moveUp))
      case .moveDown?: return NavigationRoute(action: .navigation(.moveDown))
      case .back?: return NavigationRoute(action: .navigation(.dismiss))
      case .quit?, .toggleHelp?, .navigation(.openCommandLine)?:
        return NavigationRoute(action: bound)
      default: return NavigationRoute(action: nil)
      }
    }
    if bound == .back, state.focusedFilter != nil {
      return NavigationRoute(action: .navigation(.clearFilter))
    }
    return nil
  }
}
