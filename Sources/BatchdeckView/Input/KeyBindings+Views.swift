import BatchdeckModel

extension KeyBindings {
  /// The keys every full-screen view shares: scrolling, search, wrap, help and back.
  static let viewCommon: [KeyBinding] = [
    KeyBinding(
      keys: [.up, .character("k")], label: "↑/k", action: .view(.scrollUp), help: "scroll up",
      showInFooter: false),
    KeyBinding(
      keys: [.down, .character("j")], label: "↓/j", action: .view(.scrollDown),
      help: "scroll down", showInFooter: false),
    KeyBinding(
      keys: [.pageUp, .control("b")], label: "PgUp", action: .view(.pageUp), help: "page up",
      showInFooter: false),
    KeyBinding(
      keys: [.pageDown, .control("f"), .character(" ")], label: "PgDn",
      action: .view(.pageDown), help: "page down", showInFooter: false),
    KeyBinding(
      keys: [.home, .character("g")], label: "g", action: .view(.top), help: "first line",
      showInFooter: false),
    KeyBinding(
      keys: [.end, .character("G")], label: "G", action: .view(.bottom), help: "last line",
      showInFooter: false),
    KeyBinding(
      keys: [.character("/")], label: "/", action: .view(.startSearch), help: "search",
      showInFooter: true),
    KeyBinding(
      keys: [.character("n")], label: "n", action: .view(.nextMatch), help: "next match",
      showInFooter: true),
    KeyBinding(
      keys: [.character("N")], label: "N", action: .view(.previousMatch),
      help: "previous match", showInFooter: false),
    KeyBinding(
      keys: [.character("w")], label: "w", action: .view(.toggleWrap), help: "wrap",
      showInFooter: true),
    KeyBinding(
      keys: [.character("?")], label: "?", action: .toggleHelp, help: "help", showInFooter: true),
  ]

  static let viewBack: [KeyBinding] = [
    KeyBinding(
      keys: [.escape, .character("q")], label: "Esc/q", action: .view(.close),
      help: "back", showInFooter: true),
    KeyBinding(
      keys: [.control("c")], label: "^c", action: .quit, help: "quit", showInFooter: false),
  ]

  /// The keys of the describe view.
  public static let describeView = KeyBindings(bindings: viewCommon + viewBack)

  /// The keys of the YAML view.
  public static let yamlView = KeyBindings(
    bindings: [
      KeyBinding(
        keys: [.character("m")], label: "m", action: .view(.toggleManagedFields),
        help: "managedFields", showInFooter: true)
    ] + viewCommon + viewBack)

  /// The keys of the full log view.
  public static let logView = KeyBindings(
    bindings: [
      KeyBinding(
        keys: [.character("f")], label: "f", action: .view(.toggleFollow),
        help: "follow", showInFooter: true),
      KeyBinding(
        keys: [.character("t")], label: "t", action: .view(.toggleTimestamps),
        help: "timestamps", showInFooter: true),
      KeyBinding(
        keys: [.character("p")], label: "p", action: .view(.togglePrevious),
        help: "previous run", showInFooter: true),
      KeyBinding(
        keys: [.character("c")], label: "c", action: .view(.nextContainer),
        help: "container", showInFooter: true),
      KeyBinding(
        keys: [.control("s")], label: "^s", action: .view(.startSave), help: "save",
        showInFooter: true),
    ] + viewCommon + viewBack)

  /// The keys while a view's prompt (search, save path) is open: typing, Backspace, Enter
  /// and Esc.
  public static let viewPrompt = KeyBindings(bindings: [
    KeyBinding(
      keys: [.enter], label: "Enter", action: .view(.submit), help: "accept",
      showInFooter: true),
    KeyBinding(
      keys: [.escape], label: "Esc", action: .view(.cancelPrompt), help: "cancel",
      showInFooter: true),
    KeyBinding(
      keys: [.backspace, .delete], label: "⌫", action: .view(.erase), help: "erase",
      showInFooter: false),
    KeyBinding(
      keys: [.control("c")], label: "^c", action: .quit, help: "quit", showInFooter: false),
  ])

  /// The key table of a view kind.
  public static func view(_ kind: DetailKind) -> KeyBindings {
    switch kind {
    case .describe: describeView
    case .yaml: yamlView
    case .logs: logView
    }
  }

  /// The action for `key` in an open view: its prompt takes typed characters.
  static func viewAction(for key: Key, detail: DetailView) -> DashboardAction? {
    guard detail.prompt != nil else { return view(detail.kind).action(for: key) }
    if case .character(let character) = key { return .view(.type(character)) }
    return viewPrompt.action(for: key)
  }
}
