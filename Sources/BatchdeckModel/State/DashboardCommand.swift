import Foundation

/// The `:` command line: what each command means, and Tab completion.
///
/// Commands: `cj`/`cronjobs`, `jobs`/`job`, `pods`/`po`, `events`/`ev` (`all` for every
/// event), `ns [NAME|all]`, `ctx [NAME]`, `sort COLUMN [asc|desc]`, `help`, `q`/`quit`.
public enum DashboardCommand {
  /// A parsed command line.
  public enum Command: Sendable, Hashable {
    /// Nothing was typed.
    case none
    case quit
    case focus(Pane)
    /// The events view: of the selected object, or of everything when `all` is set.
    case events(all: Bool)
    /// A namespace scope, or `nil` to open the picker.
    case namespace(NamespaceScope?)
    /// A context, or `nil` to open the picker.
    case context(String?)
    /// Sort by a column; `nil` direction flips it.
    case sort(SortColumn, ascending: Bool?)
    case help
  }

  /// The words each command answers to; the first is the name completion offers.
  static let names: [(words: [String], takes: Argument)] = [
    (["cronjobs", "cj", "cronjob"], .nothing),
    (["jobs", "job", "jo"], .nothing),
    (["pods", "po", "pod"], .nothing),
    (["events", "ev", "event"], .nothing),
    (["ns", "namespace"], .namespace),
    (["ctx", "context"], .context),
    (["sort"], .sortColumn),
    (["help"], .nothing),
    (["quit", "q", "q!"], .nothing),
  ]

  /// What a command's first argument is, for completion.
  enum Argument {
    case nothing, namespace, context, sortColumn
  }

  /// Names completion draws on.
  public struct Sources: Sendable, Hashable {
    public var namespaces: [String]
    public var contexts: [String]
    public var sortColumns: [String]

    public init(namespaces: [String], contexts: [String], sortColumns: [String]) {
      self.namespaces = namespaces
      self.contexts = contexts
      self.sortColumns = sortColumns
    }
  }

  /// Parses what was typed after `:`.
  public static func parse(_ text: String) throws(PromptError) -> Command {
    let words = text.split(separator: " ").map(String.init)
    guard let first = words.first?.lowercased() else { return .none }
    let arguments = Array(words.dropFirst())
    func noArguments(_ command: Command) throws(PromptError) -> Command {
      guard arguments.isEmpty else {
        throw PromptError(message: ":\(first) takes no argument")
      }
      return command
    }
    switch first {
    case "cj", "cronjob", "cronjobs": return try noArguments(.focus(.cronJobs))
    case "jobs", "job", "jo": return try noArguments(.focus(.jobs))
    case "pods", "po", "pod": return try noArguments(.focus(.pods))
    case "events", "ev", "event":
      guard arguments.count <= 1, arguments.allSatisfy({ $0 == "all" || $0 == "-A" }) else {
        throw PromptError(message: ":events takes nothing or all")
      }
      return .events(all: !arguments.isEmpty)
    case "ns", "namespace":
      guard arguments.count <= 1 else { throw PromptError(message: ":ns takes one name") }
      guard let name = arguments.first else { return .namespace(nil) }
      return .namespace(name == "all" || name == "-A" ? .all : .named(name))
    case "ctx", "context":
      guard arguments.count <= 1 else { throw PromptError(message: ":ctx takes one name") }
      return .context(arguments.first)
    case "sort": return try sort(arguments)
    case "help", "h": return try noArguments(.help)
    case "q", "quit", "q!": return try noArguments(.quit)
    default:
      throw PromptError(
        message: "unknown command :\(first) (try cj, jobs, pods, events, ns, ctx, sort, q)")
    }
  }

  private static func sort(_ arguments: [String]) throws(PromptError) -> Command {
    guard let word = arguments.first, arguments.count <= 2 else {
      throw PromptError(message: ":sort needs a column, e.g. :sort age desc")
    }
    guard let column = SortColumn.named(word) else {
      throw PromptError(message: "no column \(word) to sort by")
    }
    switch arguments.dropFirst().first?.lowercased() {
    case nil: return .sort(column, ascending: nil)
    case "asc": return .sort(column, ascending: true)
    case "desc": return .sort(column, ascending: false)
    case let other?: throw PromptError(message: "sort direction \(other): asc or desc")
    }
  }

  /// Completes the last word of `text`: a command name, or the command's argument
  /// (namespace, context, sort column, then `asc`/`desc`). One match is completed with a
  /// space after it; several extend the text to what they share and are listed.
  public static func complete(_ text: String, with sources: Sources) -> (
    text: String, candidates: [String]
  ) {
    let endsWithSpace = text.last == " "
    var words = text.split(separator: " ").map(String.init)
    if endsWithSpace || words.isEmpty { words.append("") }
    let partial = words.removeLast()
    let choices: [String]
    if words.isEmpty {
      choices = names.flatMap(\.words)
    } else {
      let command = names.first { $0.words.contains(words[0].lowercased()) }
      switch (command?.takes, words.count) {
      case (.namespace?, 1): choices = sources.namespaces
      case (.context?, 1): choices = sources.contexts
      case (.sortColumn?, 1): choices = sources.sortColumns
      case (.sortColumn?, 2): choices = ["asc", "desc"]
      default: choices = []
      }
    }
    var matches = choices.filter { $0.lowercased().hasPrefix(partial.lowercased()) }
    if words.isEmpty {
      // A command's aliases all mean the same: offer each command once, by the typed word.
      matches = names.compactMap { entry in
        entry.words.first { matches.contains($0) && $0.hasPrefix(partial.lowercased()) }
      }
    }
    let head = words.isEmpty ? "" : words.joined(separator: " ") + " "
    guard !matches.isEmpty else { return (text, []) }
    if matches.count == 1 { return (head + matches[0] + " ", []) }
    let shared = matches.dropFirst().reduce(matches[0]) { common, next in
      String(zip(common, next).prefix { $0 == $1 }.map(\.0))
    }
    return (head + (shared.count > partial.count ? shared : partial), matches)
  }
}
