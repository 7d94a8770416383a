import BatchdeckView
import CNcursesw

/// Turns what `wget_wch` returns into a `Key`. Pure, so it can be tested without a terminal.
public enum KeyDecoder {
  /// Decodes one key.
  ///
  /// - Parameters:
  ///   - code: the value `wget_wch` stored: a character, or a curses key code.
  ///   - isFunctionKey: true when `wget_wch` returned `KEY_CODE_YES`, so `code` is a key code.
  /// - Returns: the key, or nil for codes the views have no use for.
  public static func decode(code: UInt32, isFunctionKey: Bool) -> Key? {
    isFunctionKey ? decodeFunctionKey(code) : decodeCharacter(code)
  }

  /// Decodes a mouse report: button 1 is a click, 4 and 5 turn the wheel; others are nil.
  public static func decodeMouse(button: Int, column: Int, row: Int) -> Key? {
    switch button {
    case 1: .mouse(MouseEvent(.click, column: column, row: row))
    case 4: .mouse(MouseEvent(.wheelUp, column: column, row: row))
    case 5: .mouse(MouseEvent(.wheelDown, column: column, row: row))
    default: nil
    }
  }

  private static func decodeFunctionKey(_ code: UInt32) -> Key? {
    let firstFunction = KeyCode.functionBase + 1
    if (firstFunction...(KeyCode.functionBase + 12)).contains(code) {
      return .function(Int(code - KeyCode.functionBase))
    }
    switch code {
    case KeyCode.up: return .up
    case KeyCode.down: return .down
    case KeyCode.left: return .left
    case KeyCode.right: return .right
    case KeyCode.pageUp: return .pageUp
    case KeyCode.pageDown: return .pageDown
    case KeyCode.home: return .home
    case KeyCode.end: return .end
    case KeyCode.enter: return .enter
    case KeyCode.backspace: return .backspace
    case KeyCode.delete: return .delete
    case KeyCode.backTab: return .backTab
    case KeyCode.resize: return .resize
    default: return nil
    }
  }

  private static func decodeCharacter(_ code: UInt32) -> Key? {
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 8, 127: return .backspace
    case 27: return .escape
    case 1...26:
      guard let letter = Unicode.Scalar(code + 0x60) else { return nil }
      return .control(Character(letter))
    case 0..<32, 0x80...0x9F:
      return nil
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .character(Character(scalar))
    }
  }
}

/// The curses key codes the decoder knows, as unsigned values like those `wget_wch` stores.
enum KeyCode {
  static let up = UInt32(KEY_UP)
  static let down = UInt32(KEY_DOWN)
  static let left = UInt32(KEY_LEFT)
  static let right = UInt32(KEY_RIGHT)
  static let pageUp = UInt32(KEY_PPAGE)
  static let pageDown = UInt32(KEY_NPAGE)
  static let home = UInt32(KEY_HOME)
  static let end = UInt32(KEY_END)
  static let enter = UInt32(KEY_ENTER)
  static let backspace = UInt32(KEY_BACKSPACE)
  static let delete = UInt32(KEY_DC)
  static let backTab = UInt32(KEY_BTAB)
  static let resize = UInt32(KEY_RESIZE)
  /// `KEY_F(n)` is `functionBase + n`.
  static let functionBase = UInt32(KEY_F0)
}
