import BatchdeckView
import CNcursesw
import Glibc

/// The full-screen terminal: the only value that talks to curses.
///
/// Create one on the main thread, use it only there, and call `stop()` before printing to the
/// terminal or exiting (it is also called on deinit). The type is not `Sendable`, so Swift's
/// concurrency checking keeps it on the thread that made it. Only one can run at a time.
///
/// A pass of the app's loop: `readKey(timeoutMilliseconds:)`, check `pendingSignal`, update
/// state, then `draw(_:)` a canvas of `size`.
public final class Terminal {
  /// Colours the terminal shows: 256, 16 or 8, or 0 when only attributes are used (no colour
  /// support, or `NO_COLOR` set). Use it to pick a monochrome theme.
  public let colorCount: Int

  var screen: OpaquePointer?
  var window: UnsafeMutablePointer<WINDOW>?
  var colorPairs: ColorPairs
  var styleCache: [CellStyle: (attributes: attr_t, pair: Int32)] = [:]
  var previousFrame: Canvas?
  var needsFullRepaint = true
  private var isStopped = false

  /// Starts full-screen mode on standard input and output.
  ///
  /// Sets the locale from the environment, starts curses with `newterm`, and sets raw mode
  /// (Ctrl-C arrives as `.control("c")`), no echo, no newline translation, keypad decoding,
  /// a hidden cursor and a short Escape delay. Installs the signal handlers described in
  /// `TerminalSignals`.
  ///
  /// - Parameters:
  ///   - escapeDelayMilliseconds: how long a lone Escape waits for a key sequence to follow.
  ///   - allowsColor: false to use attributes only (for a `--no-color` flag). `NO_COLOR` in
  ///     the environment, or a terminal without colours, has the same effect.
  /// - Throws: `TerminalError` when stdin or stdout is not a terminal, `TERM` is unusable, or
  ///   another terminal is running.
  public init(escapeDelayMilliseconds: Int32 = 25, allowsColor: Bool = true) throws(TerminalError) {
    guard cnc_stdio_is_terminal() != 0 else { throw .notATerminal }
    guard cnc_is_active() == 0 else { throw .alreadyActive }

    setlocale(LC_ALL, "")
    guard let started = cnc_start() else {
      throw .unusableTerminal(term: Self.environmentValue("TERM"))
    }
    screen = started
    window = cnc_stdscr()

    raw()
    noecho()
    nonl()
    keypad(window, true)
    intrflush(window, false)
    curs_set(0)
    set_escdelay(escapeDelayMilliseconds)

    let noColor = !allowsColor || Self.environmentValue("NO_COLOR") != nil
    colorPairs = Self.startColors(noColor: noColor)
    colorCount = colorPairs.colorCount
  }

  deinit {
    stop()
  }

  /// The screen size in columns and rows. Re-read it after `.resize`.
  public var size: (width: Int, height: Int) {
    var rows: Int32 = 0
    var columns: Int32 = 0
    cnc_getmaxyx(window, &rows, &columns)
    return (Int(columns), Int(rows))
  }

  /// SIGINT, SIGTERM or SIGHUP if one arrived: leave the loop, `stop()`, then
  /// `TerminalSignals.terminate(reraising:)`. Check it after every `readKey`.
  public var pendingSignal: Int32? { TerminalSignals.pending }

  /// Leaves full-screen mode and restores the terminal. Safe to call more than once; the
  /// terminal cannot be used afterwards.
  public func stop() {
    guard !isStopped else { return }
    isStopped = true
    cnc_teardown(screen)
    screen = nil
    window = nil
  }

  private static func startColors(noColor: Bool) -> ColorPairs {
    guard !noColor, has_colors() else {
      return ColorPairs(colorCount: 0, pairLimit: 0)
    }
    start_color()
    let hasDefaults = use_default_colors() == OK
    let colors = Int(cnc_colors())
    let count = colors >= 256 ? 256 : (colors >= 16 ? 16 : (colors >= 8 ? 8 : 0))
    return ColorPairs(
      colorCount: count, pairLimit: Int(cnc_color_pairs()), hasDefaultColors: hasDefaults)
  }

  /// A non-empty environment variable, or nil.
  private static func environmentValue(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }
}
