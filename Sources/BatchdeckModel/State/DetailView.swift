import Foundation

/// The full-screen views opened over the dashboard.
public enum DetailKind: String, Sendable, Hashable, CaseIterable {
  /// `kubectl describe` of the selected object (`d`).
  case describe
  /// The selected object as YAML, fetched from the API (`y`).
  case yaml
  /// The log of a pod, or of every pod of a Job (`l`).
  case logs
}

/// A line of text being typed at the bottom of a view.
public enum DetailPrompt: Sendable, Hashable {
  /// `/`: the text to search for.
  case search(String)
  /// `Ctrl-s`: the file to save the log to.
  case save(String)

  /// The text typed so far.
  public var text: String {
    switch self {
    case .search(let text), .save(let text): text
    }
  }
}

/// What a key asks an open view to do.
public enum ViewAction: Sendable, Hashable {
  case scrollUp, scrollDown, pageUp, pageDown, top, bottom
  /// Open the search prompt (`/`).
  case startSearch
  case nextMatch, previousMatch
  /// Logs: keep the end in view as lines arrive.
  case toggleFollow
  case toggleWrap
  /// Logs: ask for `timestamps=true`.
  case toggleTimestamps
  /// Logs: the previous run of the container (`previous=true`).
  case togglePrevious
  /// Logs: the next container of the pod.
  case nextContainer
  /// Logs: open the save prompt (`Ctrl-s`).
  case startSave
  /// YAML: show or hide `metadata.managedFields`.
  case toggleManagedFields
  /// A character typed into the prompt.
  case type(Character)
  /// Backspace in the prompt.
  case erase
  /// Enter in the prompt.
  case submit
  /// Esc in the prompt: close it without acting.
  case cancelPrompt
  /// Back to the dashboard.
  case close
}

/// An open full-screen view: which object, where it is scrolled to, and its options.
public struct DetailView: Sendable, Hashable {
  public var kind: DetailKind
  /// The object shown; for logs a pod, or a Job meaning all of its pods.
  public var target: ObjectRef
  /// The first line shown, when not following the end.
  public var top = 0
  /// Logs: the end stays in view as lines arrive.
  public var follow = true
  public var wrap = false
  public var timestamps = false
  public var previous = false
  /// Logs: the container read; `nil` for each pod's first container.
  public var container: String?
  public var showsManagedFields = false
  /// The last search, highlighted in the text.
  public var query = ""
  /// The line of the current match.
  public var match: Int?
  public var prompt: DetailPrompt?
  /// A one-line message, such as where a log was saved or that a search found nothing.
  public var note: String?
  /// Lines a page moves; set by the loop from the screen height.
  public var pageSize = 20

  public init(kind: DetailKind, target: ObjectRef) {
    self.kind = kind
    self.target = target
  }

  /// The first line shown for `count` lines with `height` rows of room.
  public func firstLine(count: Int, height: Int) -> Int {
    let last = max(0, count - max(1, height))
    return follow && kind == .logs ? last : min(max(0, top), last)
  }
}

/// What a view shows at the moment a key arrives: the lines it searches and the containers
/// it can switch between.
public struct DetailContent: Sendable, Hashable {
  public var lines: [String]
  public var containers: [String]

  public init(lines: [String], containers: [String] = []) {
    self.lines = lines
    self.containers = containers
  }
}
