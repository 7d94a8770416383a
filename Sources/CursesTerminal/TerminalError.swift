/// Why the terminal could not start.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
  /// Standard input or output is not a terminal (piped, redirected, or run from a service).
  case notATerminal
  /// curses could not set up this terminal type (the value of `TERM`, or nil if unset).
  case unusableTerminal(term: String?)
  /// Another `Terminal` is still running; stop it first.
  case alreadyActive

  /// A plain sentence for the user.
  public var message: String {
    switch self {
    case .notATerminal:
      return "batchdeck needs a terminal: standard input and output must not be redirected."
    case .unusableTerminal(let term?):
      return "the terminal type \"\(term)\" is unknown or unusable; check TERM."
    case .unusableTerminal(nil):
      return "TERM is not set, so the terminal type is unknown."
    case .alreadyActive:
      return "the terminal is already in use by another Terminal value."
    }
  }

  public var description: String { message }
}
