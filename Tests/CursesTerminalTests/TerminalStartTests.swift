import CursesTerminal
import Glibc
import Testing

@Suite struct TerminalStartTests {
  /// ncurses would exit the process here; the terminal must throw instead.
  @Test(.enabled(if: isatty(0) == 0 || isatty(1) == 0, "needs redirected stdin or stdout"))
  func withoutATerminalStartingThrows() {
    #expect(throws: TerminalError.notATerminal) {
      _ = try Terminal()
    }
  }

  @Test func errorMessagesNameTheProblem() {
    #expect(TerminalError.unusableTerminal(term: "vt999").message.contains("\"vt999\""))
    #expect(TerminalError.unusableTerminal(term: nil).message.contains("TERM is not set"))
    #expect("\(TerminalError.notATerminal)" == TerminalError.notATerminal.message)
  }
}
