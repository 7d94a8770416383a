import APIMachinery
import Foundation
import Logging

/// Walks a command's arguments: flags, `--flag=value`, and the typed values several commands
/// share, each with the same message when it is wrong.
struct ArgumentCursor {
  /// What is left to read; `ClusterOptions.take` reads from it too.
  var remaining: ArraySlice<String>

  init(_ arguments: [String]) { remaining = arguments[...] }

  /// The next flag and the argument it came from; `--flag=value` leaves `value` to be read
  /// next. `nil` at the end.
  mutating func nextFlag() -> (flag: String, argument: String)? {
    guard let argument = remaining.popFirst() else { return nil }
    guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
      return (argument, argument)
    }
    remaining.insert(String(argument[argument.index(after: equals)...]), at: remaining.startIndex)
    return (String(argument[..<equals]), argument)
  }

  /// The value after `flag`.
  mutating func value(for flag: String) throws(UsageError) -> String {
    guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
      throw UsageError(message: "\(flag) needs a value")
    }
    return next
  }

  /// Virtual seconds per real second: above 0, at most 100000.
  mutating func speed(for flag: String) throws(UsageError) -> Double {
    let text = try value(for: flag)
    guard let speed = Double(text), speed > 0, speed <= 100_000 else {
      throw UsageError(message: "\(flag) must be a number above 0 and at most 100000, not \(text)")
    }
    return speed
  }

  /// An RFC 3339 time.
  mutating func time(for flag: String) throws(UsageError) -> Date {
    let text = try value(for: flag)
    guard let date = RFC3339.parse(text) else {
      throw UsageError(
        message: "\(flag) must be an RFC 3339 time such as 2026-01-01T00:00:00Z, not \(text)")
    }
    return date
  }

  /// A log level by name.
  mutating func logLevel(for flag: String) throws(UsageError) -> LogLevel {
    let text = try value(for: flag)
    guard let level = LogLevel(name: text) else {
      throw UsageError(
        message: "\(flag) must be one of trace, debug, info, warning, error, not \(text)")
    }
    return level
  }
}

/// The log every command writes: a file, never the terminal; without one, a note on stderr.
enum CommandLog {
  static func make(path: String?, level: LogLevel) -> Logger {
    let path = path ?? Paths.defaultLogFile
    do {
      return Logger(label: "batchdeck", level: level, sink: try FileLogSink(path: path))
    } catch {
      FileHandle.standardError.write(
        Data("batchdeck: cannot write the log to \(path) (\(error)); running without a log\n".utf8))
      return .disabled
    }
  }
}
