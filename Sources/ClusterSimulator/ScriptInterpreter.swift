import Foundation

/// Reads the few shell and Python constructs the simulator understands from a container's
/// command line: `echo`/`printf`, `sleep N`, `exit N` for `sh -c`; `print(...)`,
/// `time.sleep(N)`, `for i in range(N):` and `sys.exit(N)` for `python -c`.
enum ScriptInterpreter {
  /// The timeline of a script, or `nil` when the command is not one it understands.
  static func behaviour(command: [String], args: [String]) -> ContainerBehaviour? {
    let words = command + args
    guard let first = words.first else { return nil }
    let program = first.split(separator: "/").last.map(String.init) ?? first
    guard let flag = words.firstIndex(of: "-c"), flag + 1 < words.count else { return nil }
    let script = words[(flag + 1)...].joined(separator: "\n")
    if ["sh", "bash", "ash", "dash", "zsh"].contains(program) { return shell(script) }
    if program.hasPrefix("python") { return python(script) }
    return nil
  }

  static func shell(_ script: String) -> ContainerBehaviour {
    var result = ContainerBehaviour()
    var clock = 0.0
    let statements = script.split(whereSeparator: { $0 == "\n" || $0 == ";" })
      .flatMap { $0.components(separatedBy: "&&") }
      .map { $0.trimmingCharacters(in: .whitespaces) }
    for statement in statements where !statement.isEmpty && !statement.hasPrefix("#") {
      let (word, rest) = splitFirstWord(statement)
      switch word {
      case "echo", "printf":
        var text = unquote(rest)
        if text.hasPrefix("-n ") || text.hasPrefix("-e ") { text = String(text.dropFirst(3)) }
        result.lines.append(
          .init(offset: clock, text: text.replacingOccurrences(of: "\\n", with: "")))
      case "sleep":
        clock += seconds(rest) ?? 1
      case "exit":
        result.exitCode = Int(rest.trimmingCharacters(in: .whitespaces)) ?? 1
        result.duration = clock
        return result
      default:
        continue
      }
    }
    result.duration = clock
    return result
  }

  static func python(_ script: String) -> ContainerBehaviour {
    var result = ContainerBehaviour()
    var clock = 0.0
    let lines = script.split(separator: "\n").map(String.init)
    run(lines[...], variables: [:], clock: &clock, into: &result)
    result.duration = clock
    return result
  }

  private static func run(
    _ lines: ArraySlice<String>, variables: [String: Int], clock: inout Double,
    into result: inout ContainerBehaviour
  ) {
    var index = lines.startIndex
    while index < lines.endIndex {
      let line = lines[index]
      let text = line.trimmingCharacters(in: .whitespaces)
      index += 1
      if text.hasPrefix("for "), text.hasSuffix(":"), let loop = parseRange(text) {
        let indent = indentation(line)
        var end = index
        while end < lines.endIndex,
          indentation(lines[end]) > indent
            || lines[end].trimmingCharacters(in: .whitespaces).isEmpty
        {
          end += 1
        }
        for value in 0..<min(loop.count, 1000) {
          var inner = variables
          inner[loop.variable] = value
          run(lines[index..<end], variables: inner, clock: &clock, into: &result)
        }
        index = end
      } else if text.hasPrefix("print("), text.hasSuffix(")") {
        let inside = String(text.dropFirst(6).dropLast())
        result.lines.append(.init(offset: clock, text: pythonString(inside, variables)))
      } else if text.hasPrefix("time.sleep("), text.hasSuffix(")") {
        clock += Double(text.dropFirst(11).dropLast().trimmingCharacters(in: .whitespaces)) ?? 1
      } else if text.hasPrefix("sys.exit(") || text.hasPrefix("exit(") {
        let number = text.drop(while: { $0 != "(" }).dropFirst().dropLast()
        result.exitCode = Int(number.trimmingCharacters(in: .whitespaces)) ?? 1
        return
      }
    }
  }

  private static func parseRange(_ text: String) -> (variable: String, count: Int)? {
    let parts = text.dropFirst(4).dropLast().components(separatedBy: " in ")
    guard parts.count == 2 else { return nil }
    let target = parts[1].trimmingCharacters(in: .whitespaces)
    guard target.hasPrefix("range("), target.hasSuffix(")"),
      let count = Int(target.dropFirst(6).dropLast().trimmingCharacters(in: .whitespaces))
    else { return nil }
    return (parts[0].trimmingCharacters(in: .whitespaces), count)
  }

  private static func pythonString(_ literal: String, _ variables: [String: Int]) -> String {
    var text = literal.trimmingCharacters(in: .whitespaces)
    let formatted = text.hasPrefix("f")
    if formatted { text.removeFirst() }
    text = unquote(text)
    guard formatted else { return text }
    var output = ""
    var expression: String?
    for character in text {
      if character == "{" {
        expression = ""
      } else if character == "}", let current = expression {
        output += evaluate(current, variables)
        expression = nil
      } else if expression != nil {
        expression?.append(character)
      } else {
        output.append(character)
      }
    }
    return output
  }

  private static func evaluate(_ expression: String, _ variables: [String: Int]) -> String {
    let compact = expression.replacingOccurrences(of: " ", with: "")
    for symbol in ["+", "-", "*"] {
      let parts = compact.split(separator: Character(symbol), maxSplits: 1).map(String.init)
      if parts.count == 2, let left = value(parts[0], variables),
        let right = value(parts[1], variables)
      {
        switch symbol {
        case "+": return String(left + right)
        case "-": return String(left - right)
        default: return String(left * right)
        }
      }
    }
    return value(compact, variables).map(String.init) ?? "{\(expression)}"
  }

  private static func value(_ token: String, _ variables: [String: Int]) -> Int? {
    Int(token) ?? variables[token]
  }

  private static func indentation(_ line: String) -> Int {
    line.prefix(while: { $0 == " " || $0 == "\t" }).count
  }

  private static func splitFirstWord(_ statement: String) -> (String, String) {
    guard let space = statement.firstIndex(of: " ") else { return (statement, "") }
    return (String(statement[..<space]), String(statement[statement.index(after: space)...]))
  }

  /// Strips one level of matching quotes and the quotes around inner pieces.
  static func unquote(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    var output = ""
    var quote: Character?
    for character in trimmed {
      if let open = quote, character == open {
        quote = nil
      } else if quote == nil, character == "\"" || character == "'" {
        quote = character
      } else {
        output.append(character)
      }
    }
    return output
  }

  /// Parses `5`, `2.5`, `30s`, `2m`, `1h`.
  static func seconds(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
      if let number = Double(trimmed.dropLast(suffix.count)) { return number * scale }
    }
    return Double(trimmed)
  }
}
