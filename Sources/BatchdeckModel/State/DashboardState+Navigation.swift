import Foundation

extension DashboardState {
  /// Whether keys go to the open prompt or picker as text rather than to the dashboard.
  public var isTyping: Bool { navigation.prompt != nil || navigation.picker != nil }

  /// The `/` filter of the focused pane, if it has one.
  public var focusedFilter: RowFilter? { navigation.filters[Navigation.tablePane(focus)] }

  /// Hands the loop what it must do for the last action (re-watch, switch context), once.
  public mutating func takeRequest() -> NavigationRequest? {
    defer { navigation.request = nil }
    return navigation.request
  }

  /// The namespace the header shows: the chosen scope, else what the source watches.
  public func namespaceDisplay(watching: String) -> String {
    navigation.namespace?.display ?? watching
  }

  /// Drops what belonged to the previous cluster: selections, drill-down, marks, RBAC
  /// answers and the events view. Filters and sorts stay.
  public mutating func forgetSelection() {
    selectedCronJob = nil
    selectedJob = nil
    selectedPod = nil
    drilledCronJob = nil
    marks = []
    permissions = [:]
    navigation.events = nil
  }

  /// Applies a navigation action.
  mutating func apply(
    navigation action: NavigationAction, in snapshot: ClusterSnapshot, now: Date
  ) -> DashboardOutcome {
    if navigation.prompt != nil { return promptKey(action, in: snapshot, now: now) }
    if navigation.picker != nil { return pickerKey(action, now: now) }
    switch action {
    case .openFilter:
      var prompt = Prompt(kind: .filter)
      prompt.text = navigation.filters[Navigation.tablePane(focus)]?.text ?? ""
      navigation.prompt = prompt
    case .openCommandLine: navigation.prompt = Prompt(kind: .command)
    case .clearFilter: navigation.filters[Navigation.tablePane(focus)] = nil
    case .sortBy(let column): sort(by: column, ascending: nil, now: now)
    case .allNamespaces: choose(namespace: .all)
    case .pickNamespace:
      navigation.picker = Picker(
        kind: .namespace, items: ["all"] + Self.namespaces(in: snapshot),
        current: navigation.namespace?.display)
    case .pickContext: openContextPicker(now: now)
    case .dismiss: navigation.events = nil
    case .moveUp: navigation.events?.selected -= 1
    case .moveDown: navigation.events?.selected += 1
    case .select(let pane, let row): select(row: row, in: pane, in: snapshot)
    case .scroll(let pane, let offset):
      focus = pane
      return apply(offset < 0 ? .moveUp : .moveDown, in: snapshot, now: now)
    case .type, .erase, .complete, .submit: return .none
    }
    if let selected = navigation.events?.selected {
      let count = EventList.events(in: snapshot, about: navigation.events?.target).count
      navigation.events?.selected = min(max(0, selected), max(0, count - 1))
    }
    return .redraw
  }

  /// Focuses `pane` and selects its row at `row`, when there is one.
  private mutating func select(row: Int, in pane: Pane, in snapshot: ClusterSnapshot) {
    focus = pane
    let rows = rows(in: snapshot)
    switch pane {
    case .cronJobs where rows.cronJobs.indices.contains(row):
      selectedCronJob = rows.cronJobs[row].id
    case .jobs where rows.jobs.indices.contains(row):
      selectedJob = rows.jobs[row].id
      selectedPod = nil
    case .pods where rows.pods.indices.contains(row):
      selectedPod = rows.pods[row].id
    default: break
    }
  }

  /// The focused pane's selected row (marks aside), as a reference.
  func selectedObject(in snapshot: ClusterSnapshot) -> ObjectRef? {
    let rows = rows(in: snapshot)
    let metadata: ObjectMeta?
    switch focusedKind {
    case .cronJob: metadata = rows.selectedCronJob?.metadata
    case .job: metadata = rows.selectedJob?.metadata
    case .pod: metadata = rows.selectedPod?.metadata
    }
    return metadata.map {
      ObjectRef(kind: focusedKind, namespace: $0.namespace, name: $0.name, uid: $0.uid)
    }
  }

  /// Every namespace the snapshot holds objects in, sorted: what the picker and completion
  /// offer. Namespaces are not listed from the API (that needs cluster-wide `list namespaces`,
  /// which many users lack), so on a one-namespace watch other names are typed (`:ns NAME`).
  public static func namespaces(in snapshot: ClusterSnapshot) -> [String] {
    var names = Set(snapshot.cronJobs.map(\.metadata.namespace))
    names.formUnion(snapshot.jobs.map(\.metadata.namespace))
    names.formUnion(snapshot.pods.map(\.metadata.namespace))
    return names.filter { !$0.isEmpty }.sorted()
  }

  private mutating func openContextPicker(now: Date) {
    if let note = navigation.contextNote {
      flash = Flash(note, level: .info, now: now)
      return
    }
    guard !navigation.contexts.isEmpty else {
      flash = Flash("the kubeconfig has no other context", level: .info, now: now)
      return
    }
    navigation.picker = Picker(
      kind: .context, items: navigation.contexts, current: navigation.context)
  }

  private mutating func choose(namespace scope: NamespaceScope) {
    navigation.namespace = scope
    navigation.request = .switchNamespace(scope)
    marks = []
  }

  private mutating func choose(context name: String, now: Date) {
    if let note = navigation.contextNote {
      flash = Flash(note, level: .info, now: now)
      return
    }
    guard navigation.contexts.contains(name) else {
      flash = Flash("no context \(name) in the kubeconfig", level: .error, now: now)
      return
    }
    guard name != navigation.context else { return }
    navigation.request = .switchContext(name)
  }

  /// Sorts the focused pane; `ascending` `nil` flips the direction on the same column.
  mutating func sort(by column: SortColumn, ascending: Bool?, now: Date) {
    let pane = Navigation.tablePane(focus)
    let columns = SortColumn.columns(of: pane)
    let chosen = column == .status && pane == .cronJobs ? .suspend : column
    guard columns.contains(chosen) else {
      flash = Flash(
        "\(Self.paneName(pane)) do not sort by \(column.rawValue); they sort by "
          + columns.map(\.commandWord).joined(separator: ", "), level: .warning, now: now)
      return
    }
    let current = navigation.sorts[pane]
    let flipped = current?.column == chosen ? !(current?.ascending ?? false) : true
    navigation.sorts[pane] = RowSort(column: chosen, ascending: ascending ?? flipped)
  }

  static func paneName(_ pane: Pane) -> String {
    switch pane {
    case .cronJobs: "CronJobs"
    case .jobs: "Jobs"
    case .pods, .logs: "Pods"
    }
  }

  // MARK: - The prompt

  private mutating func promptKey(
    _ action: NavigationAction, in snapshot: ClusterSnapshot, now: Date
  ) -> DashboardOutcome {
    guard var prompt = navigation.prompt else { return .none }
    prompt.error = nil
    switch action {
    case .type(let character):
      prompt.text.append(character)
      prompt.candidates = []
    case .erase:
      if prompt.text.isEmpty {
        navigation.prompt = nil
        return .redraw
      }
      prompt.text.removeLast()
      prompt.candidates = []
    case .complete:
      guard prompt.kind == .command else { return .none }
      let completion = DashboardCommand.complete(prompt.text, with: completionSources(snapshot))
      prompt.text = completion.text
      prompt.candidates = completion.candidates
    case .dismiss:
      navigation.prompt = nil
      return .redraw
    case .submit:
      navigation.prompt = nil
      return prompt.kind == .filter
        ? submitFilter(prompt, now: now) : run(prompt, in: snapshot, now: now)
    default:
      return .none
    }
    navigation.prompt = prompt
    return .redraw
  }

  private mutating func submitFilter(_ prompt: Prompt, now: Date) -> DashboardOutcome {
    let pane = Navigation.tablePane(focus)
    do {
      navigation.filters[pane] = try RowFilter.parse(prompt.text)
    } catch {
      var kept = prompt
      kept.error = error.message
      navigation.prompt = kept
    }
    return .redraw
  }

  private func completionSources(_ snapshot: ClusterSnapshot) -> DashboardCommand.Sources {
    DashboardCommand.Sources(
      namespaces: ["all"] + Self.namespaces(in: snapshot), contexts: navigation.contexts,
      sortColumns: SortColumn.columns(of: Navigation.tablePane(focus)).map(\.commandWord))
  }

  private mutating func run(
    _ prompt: Prompt, in snapshot: ClusterSnapshot, now: Date
  ) -> DashboardOutcome {
    let command: DashboardCommand.Command
    do {
      command = try DashboardCommand.parse(prompt.text)
    } catch {
      flash = Flash(error.message, level: .warning, now: now)
      return .redraw
    }
    switch command {
    case .none: break
    case .quit: return .quit
    case .focus(let pane):
      navigation.events = nil
      focus = pane
    case .events(let all):
      navigation.events = EventsView(target: all ? nil : selectedObject(in: snapshot))
    case .namespace(let scope):
      if let scope {
        choose(namespace: scope)
      } else {
        return apply(navigation: .pickNamespace, in: snapshot, now: now)
      }
    case .context(let name):
      if let name {
        choose(context: name, now: now)
      } else {
        openContextPicker(now: now)
      }
    case .sort(let column, let ascending): sort(by: column, ascending: ascending, now: now)
    case .help: showingHelp = true
    }
    return .redraw
  }

  // MARK: - The picker

  private mutating func pickerKey(_ action: NavigationAction, now: Date) -> DashboardOutcome {
    guard var picker = navigation.picker else { return .none }
    switch action {
    case .type(let character):
      picker.query.append(character)
      picker.selected = 0
    case .erase:
      if !picker.query.isEmpty { picker.query.removeLast() }
      picker.selected = 0
    case .moveUp: picker.selected = max(0, picker.selected - 1)
    case .moveDown: picker.selected = min(max(0, picker.shown.count - 1), picker.selected + 1)
    case .dismiss:
      navigation.picker = nil
      return .redraw
    case .submit:
      navigation.picker = nil
      guard let choice = picker.choice else { return .redraw }
      switch picker.kind {
      case .namespace: choose(namespace: choice == "all" ? .all : .named(choice))
      case .context: choose(context: choice, now: now)
      }
      return .redraw
    default:
      return .none
    }
    navigation.picker = picker
    return .redraw
  }
}
