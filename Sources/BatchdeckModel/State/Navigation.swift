import Foundation

/// What the navigation keys ask for: the `/` filter, the `:` command line, sorting, the
/// namespace and context pickers and the events view.
public enum NavigationAction: Sendable, Hashable {
  /// Open the `/` prompt on the footer line.
  case openFilter
  /// Open the `:` command line on the footer line.
  case openCommandLine
  /// A character typed into the open prompt or picker.
  case type(Character)
  /// Backspace in the open prompt or picker.
  case erase
  /// Tab in the command line: complete the word under the cursor.
  case complete
  /// Enter: apply the prompt, pick the picker's row.
  case submit
  /// Esc: close the prompt, picker or events view without changing anything.
  case dismiss
  /// Esc on a filtered pane: drop its filter.
  case clearFilter
  /// Sort the focused pane by a column; again on the same column flips the direction.
  case sortBy(SortColumn)
  /// Show every namespace (`0`).
  case allNamespaces
  /// Open the namespace picker (`n`).
  case pickNamespace
  /// Open the context picker (`c`).
  case pickContext
  /// Move the picker's or events view's selection.
  case moveUp, moveDown
  /// A click on a row: focus its pane and select the row (a position in the pane's rows).
  case select(Pane, row: Int)
  /// The wheel over a pane: focus it and move its selection.
  case scroll(Pane, by: Int)
}

/// A one-line prompt on the footer: what it is for and what has been typed.
public struct Prompt: Sendable, Hashable {
  /// `/` filters, `:` runs a command.
  public enum Kind: Sendable, Hashable {
    case filter, command
  }

  public var kind: Kind
  public var text: String
  /// What Tab found when it could not choose one completion, shown after the text.
  public var candidates: [String] = []
  /// Why Enter did not apply the text, shown after it until the next key.
  public var error: String?

  public init(kind: Kind, text: String = "") {
    self.kind = kind
    self.text = text
  }

  /// The character that opened the prompt, drawn before the text.
  public var leader: String { kind == .filter ? "/" : ":" }
}

/// A list dialog to choose from, narrowed by typing.
public struct Picker: Sendable, Hashable {
  /// What the picker chooses.
  public enum Kind: Sendable, Hashable {
    case namespace, context
  }

  public var kind: Kind
  /// Every choice, in order.
  public var items: [String]
  /// What has been typed: rows that contain it (any case) stay.
  public var query = ""
  /// The position of the highlighted row among `shown`.
  public var selected = 0

  public init(kind: Kind, items: [String], current: String? = nil) {
    self.kind = kind
    self.items = items
    selected = current.flatMap { items.firstIndex(of: $0) } ?? 0
  }

  /// The choices that match the query.
  public var shown: [String] {
    let needle = query.lowercased()
    return needle.isEmpty ? items : items.filter { $0.lowercased().contains(needle) }
  }

  /// The highlighted choice, if any row is shown.
  public var choice: String? {
    let rows = shown
    return rows.isEmpty ? nil : rows[min(max(0, selected), rows.count - 1)]
  }

  /// The dialog's title.
  public var title: String { kind == .namespace ? "Namespace" : "Context" }
}

/// Which namespaces the panes show. Chosen client-side from what the cluster source
/// watches; the loop re-watches when a live source's scope does not cover the choice.
public enum NamespaceScope: Sendable, Hashable {
  case all
  case named(String)

  /// The name shown in the header and picker: `all` or the namespace.
  public var display: String {
    switch self {
    case .all: "all"
    case .named(let name): name
    }
  }
}

/// Something only the main loop can do, asked for by a key: it takes it with
/// `takeRequest()` after `apply`.
public enum NavigationRequest: Sendable, Hashable {
  /// Watch another context of the kubeconfig.
  case switchContext(String)
  /// The namespace scope changed: re-watch if the source does not cover it.
  case switchNamespace(NamespaceScope)
}

/// The events view (`:events`): whose events, and the highlighted row.
public struct EventsView: Sendable, Hashable {
  /// The object whose events are listed; `nil` lists every event.
  public var target: ObjectRef?
  /// The highlighted row, a position in the view's ordered events.
  public var selected = 0

  public init(target: ObjectRef?) {
    self.target = target
  }
}

/// The navigation part of the dashboard's state: filters and sorts per pane, the open prompt,
/// picker or events view, and the namespace scope.
public struct Navigation: Sendable, Hashable {
  /// The active `/` filter of each pane.
  public var filters: [Pane: RowFilter] = [:]
  /// The chosen order of each pane.
  public var sorts: [Pane: RowSort] = [:]
  /// The `/` or `:` prompt on the footer, while open.
  public var prompt: Prompt?
  /// The namespace or context picker, while open.
  public var picker: Picker?
  /// The events view, while open.
  public var events: EventsView?
  /// The namespace chosen with `0`, `n` or `:ns`; `nil` shows what the source watches.
  public var namespace: NamespaceScope?
  /// The context being watched, and every context of the kubeconfig (for `c` and `:ctx`).
  public var context = ""
  public var contexts: [String] = []
  /// Why the context cannot change, when it cannot (the simulated cluster has one).
  public var contextNote: String?
  /// Asked of the main loop; see `DashboardState.takeRequest()`.
  public var request: NavigationRequest?

  public init() {}

  /// The pane a filter or sort applies to: the log pane counts as the pods'.
  public static func tablePane(_ pane: Pane) -> Pane { pane == .logs ? .pods : pane }

  private func inScope(_ metadata: ObjectMeta) -> Bool {
    guard case .named(let name) = namespace else { return true }
    return metadata.namespace == name
  }

  /// CronJobs in the namespace scope, then filtered and sorted; and how many before filtering.
  func shown(_ cronJobs: [CronJob]) -> (rows: [CronJob], total: Int) {
    let scoped = namespace == nil ? cronJobs : cronJobs.filter { inScope($0.metadata) }
    let filtered = filters[.cronJobs].map { filter in scoped.filter { filter.matches($0.metadata) }
    }
    let rows = filtered ?? scoped
    return (sorts[.cronJobs].map { $0.apply(to: rows) } ?? rows, scoped.count)
  }

  /// Jobs in the namespace scope, then filtered and sorted; and how many before filtering.
  func shown(_ jobs: [Job]) -> (rows: [Job], total: Int) {
    let scoped = namespace == nil ? jobs : jobs.filter { inScope($0.metadata) }
    let filtered = filters[.jobs].map { filter in scoped.filter { filter.matches($0.metadata) } }
    let rows = filtered ?? scoped
    return (sorts[.jobs].map { $0.apply(to: rows) } ?? rows, scoped.count)
  }

  /// Pods filtered and sorted (their Job is already in scope); and how many before filtering.
  func shown(_ pods: [Pod]) -> (rows: [Pod], total: Int) {
    let filtered = filters[.pods].map { filter in pods.filter { filter.matches($0.metadata) } }
    let rows = filtered ?? pods
    return (sorts[.pods].map { $0.apply(to: rows) } ?? rows, pods.count)
  }
}
