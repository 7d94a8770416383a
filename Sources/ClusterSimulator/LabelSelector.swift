import APIMachinery

/// A parsed `labelSelector` query: equality (`=`, `==`), `!=`, `in`, `notin`, exists (`key`)
/// and not-exists (`!key`), all of which must hold.
struct LabelSelector: Sendable, Equatable {
  enum Requirement: Sendable, Equatable {
    case equals(String, String)
    case notEquals(String, String)
    case isIn(String, Set<String>)
    case notIn(String, Set<String>)
    case exists(String)
    case notExists(String)
  }

  var requirements: [Requirement]

  /// Parses the text form; throws a 400 Status for a malformed selector.
  init(_ text: String) throws(APIStatus) {
    requirements = []
    for part in Self.split(text) {
      let item = part.trimmingCharacters(in: .whitespaces)
      guard !item.isEmpty else { continue }
      requirements.append(try Self.requirement(item))
    }
  }

  func matches(_ labels: [String: String]) -> Bool {
    requirements.allSatisfy { requirement in
      switch requirement {
      case .equals(let key, let value): labels[key] == value
      case .notEquals(let key, let value): labels[key] != value
      case .isIn(let key, let values): labels[key].map(values.contains) ?? false
      case .notIn(let key, let values): !(labels[key].map(values.contains) ?? false)
      case .exists(let key): labels[key] != nil
      case .notExists(let key): labels[key] == nil
      }
    }
  }

  private static func split(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for character in text {
      if character == "(" { depth += 1 }
      if character == ")" { depth -= 1 }
      if character == ",", depth == 0 {
        parts.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    parts.append(current)
    return parts
  }

  private static func requirement(_ item: String) throws(APIStatus) -> Requirement {
    let words = item.split(separator: " ", maxSplits: 1).map(String.init)
    if words.count == 2 {
      let rest = words[1].trimmingCharacters(in: .whitespaces)
      for (keyword, isIn) in [("in", true), ("notin", false)] where rest.hasPrefix(keyword) {
        let list = rest.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
        guard list.hasPrefix("("), list.hasSuffix(")") else { break }
        let values = Set(
          list.dropFirst().dropLast().split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
          })
        return isIn ? .isIn(words[0], values) : .notIn(words[0], values)
      }
    }
    for (symbol, equal) in [("!=", false), ("==", true), ("=", true)] {
      if let range = item.range(of: symbol) {
        let key = item[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = item[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { break }
        return equal ? .equals(key, value) : .notEquals(key, value)
      }
    }
    if item.hasPrefix("!") { return .notExists(String(item.dropFirst())) }
    guard !item.contains(" "), !item.contains("("), !item.contains(")") else {
      throw .badRequest("unable to parse requirement: \(item)")
    }
    return .exists(item)
  }
}
