/// The severity a log line declares about itself, found cheaply and conservatively so lines
/// can be coloured by their level.
///
/// Recognised forms, looked for in the first 256 characters only:
/// - a structured field: JSON `"level":"error"` (also `severity`, `lvl`, and pino's numeric
///   levels 10–60) or logfmt `level=error` (also `severity=`, `lvl=`, quoted or not);
/// - a klog header: `E1204 10:00:00.000000 …` (`I`, `W`, `E`, `F` and the month and day,
///   followed by a time);
/// - a level word among the first six words: in capitals (`ERROR`, `WARN`, `INFO`, `DEBUG`,
///   `TRACE`, …), or in any case when bracketed (`[warn]`) or followed by a colon (`error:`).
///
/// Anything else has no level: words in running prose ("retrying after error") are not taken
/// as a level, so a line is never coloured by a guess. Known gap: a line that colours its own
/// level word with terminal escapes (`\e[31mERROR`) is not recognised, because the escape is
/// part of the word; such escapes are shown as text by the sanitiser anyway.
public enum LogLineLevel: Sendable, Equatable, CaseIterable {
  case error
  case warning
  case info
  case debug

  /// The theme role a line of this level is drawn in.
  public var role: ThemeRole {
    switch self {
    case .error: .logError
    case .warning: .logWarning
    case .info: .logInfo
    case .debug: .logDebug
    }
  }

  /// The level `line` declares, or nil when it declares none in a recognised form.
  public static func of(_ line: String) -> LogLineLevel? {
    let head = Substring(line.prefix(256))
    if let level = structuredField(in: head) { return level }
    let words = head.split(whereSeparator: \.isWhitespace).prefix(6).map(Substring.init)
    if let level = klogHeader(in: words) { return level }
    for word in words {
      if let level = levelWord(word) { return level }
    }
    return nil
  }

  /// Level names in the forms logging libraries write them, lowercased.
  static let names: [String: LogLineLevel] = [
    "error": .error, "err": .error, "fatal": .error, "panic": .error, "critical": .error,
    "crit": .error, "alert": .error, "emerg": .error, "emergency": .error, "severe": .error,
    "warn": .warning, "warning": .warning,
    "info": .info, "notice": .info, "information": .info,
    "debug": .debug, "trace": .debug, "dbg": .debug, "verbose": .debug,
  ]

  /// `"level":"warn"`, `level=warn`, `"level":40` and their `severity` and `lvl` variants.
  static func structuredField(in text: Substring) -> LogLineLevel? {
    for key in ["level", "severity", "lvl"] {
      var rest = text[...]
      while let found = rest.range(of: key, options: .caseInsensitive) {
        defer { rest = rest[found.upperBound...] }
        let before =
          found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
        var after = text[found.upperBound...]
        let quotedKey = before == "\"" && after.first == "\""
        if quotedKey {
          after = after.dropFirst().drop { $0 == " " }
          guard after.first == ":" else { continue }
          after = after.dropFirst().drop { $0 == " " }
        } else {
          guard before == nil || before?.isWhitespace == true, after.first == "=" else {
            continue
          }
          after = after.dropFirst()
        }
        if after.first == "\"" { after = after.dropFirst() }
        let value = after.prefix { $0.isLetter || $0.isNumber }
        if quotedKey, let number = Int(value) { return pinoLevel(number) }
        if let level = names[value.lowercased()] { return level }
      }
    }
    return nil
  }

  /// pino and bunyan's numeric levels.
  static func pinoLevel(_ number: Int) -> LogLineLevel? {
    switch number {
    case 50...: .error
    case 40..<50: .warning
    case 30..<40: .info
    case 1..<30: .debug
    default: nil
    }
  }

  /// `E1204 10:00:00.000000`: a klog header among the first words, checked with the time
  /// that follows it so a word like `E1204` in prose is not taken for one.
  static func klogHeader(in words: [Substring]) -> LogLineLevel? {
    for (index, word) in words.enumerated().prefix(3) where index + 1 < words.count {
      guard word.count == 5, let first = word.first,
        word.dropFirst().allSatisfy(\.isASCII), word.dropFirst().allSatisfy(\.isNumber)
      else { continue }
      let time = words[index + 1]
      let looksLikeTime =
        time.count >= 8
        && time.prefix(8).enumerated().allSatisfy { offset, character in
          offset == 2 || offset == 5
            ? character == ":" : character.isASCII && character.isNumber
        }
      guard looksLikeTime else { continue }
      switch first {
      case "E", "F": return .error
      case "W": return .warning
      case "I": return .info
      default: continue
      }
    }
    return nil
  }

  /// `ERROR`, `[warn]`, `Error:`, `<DEBUG>`; nil for a word that is not a level word.
  static func levelWord(_ word: Substring) -> LogLineLevel? {
    let openers: Set<Character> = ["[", "(", "<", "|"]
    let closers: Set<Character> = ["]", ")", ">", "|", ":", ","]
    let bracketed = word.first.map(openers.contains) ?? false
    let colon = word.last == ":" || word.hasSuffix("]:")
    let core = word.drop { openers.contains($0) }.reversed().drop { closers.contains($0) }
    let name = String(core.reversed())
    guard let level = names[name.lowercased()] else { return nil }
    let capitals = name.allSatisfy(\.isUppercase)
    return capitals || bracketed || colon ? level : nil
  }
}
