import BatchdeckModel
import BatchdeckView
import CursesTerminal
import Foundation

extension DashboardLoop {
  /// The action of a mouse event, when the mouse is on.
  func mouseAction(
    _ key: Key, state: DashboardState, snapshot: ClusterSnapshot,
    rows: inout DashboardRowsCache, size: (width: Int, height: Int)
  ) -> DashboardAction? {
    guard mouse, case .mouse(let event) = key else { return nil }
    return MouseRouting.action(
      for: event, state: state, rows: rows.rows(for: state, in: snapshot), width: size.width,
      height: size.height)
  }
}

/// Why the loop ended.
enum LoopEnd {
  case quit
  case signal(Int32)
  /// The user chose a context, or a namespace the source does not watch: build a new source.
  case switchSource(NavigationRequest)
}

/// What the dashboard watches, for the namespace and context pickers.
///
/// Namespaces are chosen client-side: the panes filter the snapshot. Only when the source
/// watches a single namespace and the choice is another one (or all) does the loop end with
/// `switchSource`, and the command re-watches with the new scope. The simulated cluster is
/// always watched in every namespace, and has one context.
struct WatchScope {
  /// The namespace watched; `nil` for all.
  var watchedNamespace: String?
  /// The kubeconfig's context names.
  var contexts: [String] = []
  /// Why the context cannot change, when it cannot.
  var contextNote: String?

  /// Gives the state what the pickers and completion need.
  func prepare(_ state: inout DashboardState, context: DashboardContext) {
    state.navigation.context = context.context
    state.navigation.contexts = contexts.isEmpty ? [context.context] : contexts
    state.navigation.contextNote = contextNote
  }

  /// Whether `request` needs another source: a context switch always does; a namespace
  /// only when the one watched does not cover it.
  func needsNewSource(for request: NavigationRequest) -> Bool {
    switch request {
    case .switchContext: return true
    case .switchNamespace(let scope):
      guard let watched = watchedNamespace else { return false }
      return scope != .named(watched)
    }
  }
}
