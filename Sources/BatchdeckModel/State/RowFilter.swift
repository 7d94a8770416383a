import Foundation

/// Why text typed into the `/` filter or the `:` command line could not be used, in words
/// for the footer.
public struct PromptError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public var description: String { message }
}

/// One term of a label selector: `key=value`, `key==value`, `key!=value`, `key` or `!key`.
public enum LabelRequirement: Sendable, Hashable {
  case equals(key: String, value: String)
  case notEquals(key: String, value: String)
  case exists(key: String)
  case notExists(key: String)

  /// Whether `labels` satisfy the requirement, as the API server's selector decides.
  public func matches(_ labels: [String: String]) -> Bool {
    switch self {
    case .equals(let key, let value): labels[key] == value
    case .notEquals(let key, let value): labels[key] != value
    case .exists(let key): labels[key] != nil
    case .notExists(let key): labels[key] == nil
    }
  }
}

/// A compiled regular expression. `NSRegularExpression` is immutable once built, so sharing
/// one between threads is safe; it is compiled once, when the filter is parsed.
public final class CompiledPattern: @unchecked Sendable {
  /// The expression, case-insensitive.
  public let expression: NSRegularExpression

  init(_ expression: NSRegularExpression) {
    self.expression = expression
  }

  func matches(_ text: String) -> Bool {
    expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }
}

/// Remembers whether a text or pattern filter kept each object, by UID: an object's
/// namespace and name never change, so the answer holds for its life and a frame that lists
/// 10,000 rows again does dictionary look-ups instead of matching. Shared by the filter's
/// copies; the lock makes that safe across threads.
final class MatchMemo: @unchecked Sendable {
  private let lock = NSLock()
  private var answers: [String: Bool] = [:]
  /// Past this many answers the memo starts again, so it cannot grow without bound.
  static let limit = 200_000

  func answer(for uid: String, compute: () -> Bool) -> Bool {
    guard !uid.isEmpty else { return compute() }
    lock.lock()
    let known = answers[uid]
    lock.unlock()
    if let known { return known }
    let computed = compute()
    lock.lock()
    if answers.count >= Self.limit { answers.removeAll(keepingCapacity: true) }
    answers[uid] = computed
    lock.unlock()
    return computed
  }
}

/// What `/` typed into a pane keeps: rows whose namespace or name match.
///
/// The text decides the kind, so a filter needs no mode switch:
/// - `-l key=value,k2!=v2,k3,!k4` is a label selector (equality, inequality, existence);
/// - text holding a regular-expression character (`\ ^ $ . | ? * + ( ) [ ] { }`) is a
///   case-insensitive regular expression;
/// - anything else is a case-insensitive substring.
///
/// Text and regular expressions look at the NAMESPACE and NAME columns only: those are known
/// without printing the row, so filtering 10,000 rows does no formatting. The regular
/// expression is compiled once, here, never per frame, and each object's answer is
/// remembered (`MatchMemo`).
public struct RowFilter: Sendable, Hashable {
  /// How rows are matched: substring (lower-cased needle), pattern or label selector.
  public enum Kind: Sendable {
    case substring(String)
    case pattern(CompiledPattern)
    case labels([LabelRequirement])
  }

  /// The text as typed, shown in the pane title.
  public let text: String
  public let kind: Kind
  private let memo = MatchMemo()

  init(text: String, kind: Kind) {
    self.text = text
    self.kind = kind
  }

  static let patternCharacters = Set("\\^$.|?*+()[]{}")

  /// Parses the text typed after `/`; empty text (or only spaces) is `nil`: no filter.
  public static func parse(_ text: String) throws(PromptError) -> RowFilter? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    if trimmed == "-l" || trimmed.hasPrefix("-l ") {
      let selector = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
      return RowFilter(text: trimmed, kind: .labels(try parseSelector(selector)))
    }
    if trimmed.contains(where: patternCharacters.contains) {
      do {
        let expression = try NSRegularExpression(pattern: trimmed, options: [.caseInsensitive])
        return RowFilter(text: trimmed, kind: .pattern(CompiledPattern(expression)))
      } catch {
        throw PromptError(message: "not a regular expression: \(trimmed)")
      }
    }
    return RowFilter(text: trimmed, kind: .substring(trimmed.lowercased()))
  }

  /// Parses `k=v,k!=v,k,!k` into requirements.
  static func parseSelector(_ selector: String) throws(PromptError) -> [LabelRequirement] {
    guard !selector.isEmpty else {
      throw PromptError(message: "-l needs a selector, e.g. -l app=web")
    }
    var requirements: [LabelRequirement] = []
    for rawTerm in selector.split(separator: ",", omittingEmptySubsequences: false) {
      let term = rawTerm.trimmingCharacters(in: .whitespaces)
      let requirement: LabelRequirement
      if let range = term.range(of: "!=") {
        requirement = .notEquals(
          key: Self.key(term[..<range.lowerBound]), value: Self.value(term[range.upperBound...]))
      } else if let range = term.range(of: "==") ?? term.range(of: "=") {
        requirement = .equals(
          key: Self.key(term[..<range.lowerBound]), value: Self.value(term[range.upperBound...]))
      } else if term.hasPrefix("!") {
        requirement = .notExists(key: Self.key(term.dropFirst()))
      } else {
        requirement = .exists(key: Self.key(Substring(term)))
      }
      switch requirement {
      case .equals(let key, _), .notEquals(let key, _), .exists(let key), .notExists(let key):
        guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "=" || $0 == "!" })
        else {
          throw PromptError(message: "bad label selector term: \(term.isEmpty ? "(empty)" : term)")
        }
      }
      requirements.append(requirement)
    }
    return requirements
  }

  private static func key(_ text: Substring) -> String {
    text.trimmingCharacters(in: .whitespaces)
  }

  private static func value(_ text: Substring) -> String {
    text.trimmingCharacters(in: .whitespaces)
  }

  /// Whether a row with this namespace, name and labels stays.
  public func matches(namespace: String, name: String, labels: [String: String]) -> Bool {
    switch kind {
    case .substring(let needle):
      return name.lowercased().contains(needle) || namespace.lowercased().contains(needle)
    case .pattern(let pattern):
      return pattern.matches(name) || pattern.matches(namespace)
    case .labels(let requirements):
      return requirements.allSatisfy { $0.matches(labels) }
    }
  }

  /// Whether the object with `metadata` stays. Text and pattern answers are remembered by
  /// UID (labels can change, so selectors are checked every time; they are cheap).
  public func matches(_ metadata: ObjectMeta) -> Bool {
    if case .labels = kind {
      return matches(namespace: metadata.namespace, name: metadata.name, labels: metadata.labels)
    }
    return memo.answer(for: metadata.uid) {
      matches(namespace: metadata.namespace, name: metadata.name, labels: metadata.labels)
    }
  }

  public static func == (lhs: RowFilter, rhs: RowFilter) -> Bool { lhs.text == rhs.text }

  public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
