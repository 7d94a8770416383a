/// A failure to read YAML (or JSON) text, with the place where reading stopped.
///
/// `line` and `column` count from 1. `reason` is libyaml's problem text (or this module's own
/// wording for limits and typing), written so that it can be shown to a person as it is.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file name given to the parser, used only in messages.
  public var file: String

  /// The line of the problem, counting from 1.
  public var line: Int

  /// The column of the problem, counting from 1.
  public var column: Int

  /// What went wrong, in plain words.
  public var reason: String

  /// Creates an error for `file` at `line` and `column`.
  public init(file: String, line: Int, column: Int, reason: String) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// The error as `file:line:column: reason`.
  public var description: String { "\(file):\(line):\(column): \(reason)" }
}
