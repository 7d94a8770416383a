import BatchdeckView
import CNcursesw

extension Terminal {
  /// Waits up to `timeoutMilliseconds` for a key (0 polls, a negative value waits forever).
  ///
  /// Escape is reported on its own once the Escape delay has passed; an Alt combination
  /// arrives as `.escape` followed by the key. Ctrl-C arrives as `.control("c")`.
  ///
  /// - Returns: the key, or nil on timeout, when a signal interrupted the wait (check
  ///   `pendingSignal`), or for a key the views have no use for.
  public func readKey(timeoutMilliseconds: Int32) -> Key? {
    guard let window else { return nil }
    wtimeout(window, timeoutMilliseconds)

    var code: wint_t = 0
    let result = wget_wch(window, &code)
    guard result != ERR else { return nil }

    if result == KEY_CODE_YES, Int32(code) == cnc_key_mouse() {
      var (column, row, button): (Int32, Int32, Int32) = (0, 0, 0)
      guard cnc_mouse_read(&column, &row, &button) != 0 else { return nil }
      return KeyDecoder.decodeMouse(button: Int(button), column: Int(column), row: Int(row))
    }
    let key = KeyDecoder.decode(code: UInt32(code), isFunctionKey: result == KEY_CODE_YES)
    if key == .resize {
      needsFullRepaint = true
    }
    return key
  }

  /// Turns mouse reports on or off; returns whether the terminal reports the mouse.
  @discardableResult
  public func enableMouse(_ on: Bool) -> Bool {
    cnc_mouse_enable(on ? 1 : 0) != 0
  }
}
