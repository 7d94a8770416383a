import Foundation
import Synchronization

/// How much a log line matters.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
  case trace, debug, info, warning, error

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Parses a level name such as `info`.
  public init?(name: String) {
    guard let level = LogLevel.allCases.first(where: { "\($0)" == name.lowercased() }) else {
      return nil
    }
    self = level
  }
}

/// Where log lines go. One sink is shared by all loggers of a process.
public protocol LogSink: Sendable {
  func write(_ line: String)
}

/// Appends lines to a file; never writes to the terminal the UI owns.
public final class FileLogSink: LogSink {
  private let handle: Mutex<FileHandle?>

  /// Opens `path` for appending, creating it and its folder.
  public init(path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    if !FileManager.default.fileExists(atPath: path) {
      FileManager.default.createFile(atPath: path, contents: nil)
    }
    let fileHandle = try FileHandle(forWritingTo: url)
    try fileHandle.seekToEnd()
    handle = Mutex(fileHandle)
  }

  public func write(_ line: String) {
    handle.withLock { $0?.write(Data((line + "\n").utf8)) }
  }
}

/// Keeps lines in memory, for tests.
public final class MemoryLogSink: LogSink {
  private let storage = Mutex<[String]>([])

  public init() {}

  public func write(_ line: String) { storage.withLock { $0.append(line) } }

  public var lines: [String] { storage.withLock { $0 } }
}

/// A levelled logger passed down through initialisers.
///
/// Messages must never contain tokens, passwords or keys; `redacting(_:)` helps for headers.
public struct Logger: Sendable {
  public var label: String
  public var level: LogLevel
  private let sink: (any LogSink)?

  public init(label: String, level: LogLevel = .info, sink: (any LogSink)?) {
    self.label = label
    self.level = level
    self.sink = sink
  }

  /// A logger that drops everything.
  public static let disabled = Logger(label: "", level: .error, sink: nil)

  /// The same sink and level under another label.
  public func labeled(_ label: String) -> Logger {
    Logger(label: label, level: level, sink: sink)
  }

  public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
    guard let sink, level >= self.level else { return }
    let stamp = ISO8601DateFormatter.string(
      from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
    sink.write("\(stamp) \(level) [\(label)] \(message())")
  }

  public func trace(_ message: @autoclosure () -> String) { log(.trace, message()) }
  public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
  public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
  public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
  public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
}
