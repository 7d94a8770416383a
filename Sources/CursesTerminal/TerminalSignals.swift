import CNcursesw

/// The signal side of the terminal's teardown. The handlers themselves are in C
/// (`Sources/CNcursesw/shim.c`) and are installed by `Terminal.init`.
///
/// - SIGINT, SIGTERM, SIGHUP only record the signal. The app sees it in
///   `Terminal.pendingSignal`, leaves its loop, calls `Terminal.stop()` and then
///   `terminate(reraising:)`, so it exits through its normal path with an honest status.
///   A second such signal before the app has stopped is treated like a fatal one.
/// - SIGSEGV, SIGBUS, SIGILL, SIGTRAP (how Swift traps), SIGABRT and SIGFPE restore the
///   terminal at once and re-raise the signal to the handler that was there before (the Swift
///   runtime's backtracer, or the default action).
///
/// The compromise: `endwin` is not async-signal-safe, so the fatal path does not call it.
/// It writes the terminal's reset sequences (`sgr0`, `cnorm`, `rmkx`, `rmcup`, read from
/// terminfo at start) with `write`, and restores the saved terminal modes with `tcsetattr`,
/// both of which are safe. A fatal signal on another thread while the main thread is inside
/// `endwin` may restore the terminal twice; that is harmless.
public enum TerminalSignals {
  /// The terminating signal received since the terminal started (SIGINT, SIGTERM, SIGHUP),
  /// or nil.
  public static var pending: Int32? {
    let signal = cnc_signals_pending()
    return signal == 0 ? nil : signal
  }

  /// Ends the process by raising `signal` with its default action, so the parent sees the
  /// real cause (for a shell, status 128 + signal). Call after `Terminal.stop()`.
  public static func terminate(reraising signal: Int32) -> Never {
    cnc_raise_default(signal)
  }
}
