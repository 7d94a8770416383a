/// Display width of text in terminal columns, without relying on the C library's locale.
public enum TextWidth {
  /// 0 for combining and zero-width characters, 2 for East Asian wide and emoji (flags, a
  /// pair of regional indicators, included), else 1.
  public static func of(_ character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    let value = first.value
    if value < 0x300 { return value < 0x20 ? 0 : 1 }
    if isZeroWidth(value) { return 0 }
    if isWide(value) { return 2 }
    if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    return 1
  }

  /// The display width of a whole string.
  public static func of(_ text: String) -> Int {
    text.reduce(0) { $0 + of($1) }
  }

  private static func isZeroWidth(_ value: UInt32) -> Bool {
    (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value)
      || (0xFE00...0xFE0F).contains(value) || (0x20D0...0x20FF).contains(value)
      || value == 0xFEFF
  }

  private static func isWide(_ value: UInt32) -> Bool {
    (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value)
      || (0x3041...0x33FF).contains(value) || (0x3400...0x4DBF).contains(value)
      || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value)
      || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
      || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
      || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value)
      || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
      || (0x1F680...0x1F6FF).contains(value) || (0x1FA70...0x1FAFF).contains(value)
      || (0x1F1E6...0x1F1FF).contains(value) || (0x1F7E0...0x1F7EB).contains(value)
      || (0x1F200...0x1F2FF).contains(value)
      || (value >= 0x231A && value <= 0x2B55 && emojiPresentation.contains { $0.contains(value) })
  }

  /// Symbols below U+2B56 that terminals draw as two-column emoji by default (East Asian
  /// Width W): watches, weather, zodiac, check and cross marks, stars.
  private static let emojiPresentation: [ClosedRange<UInt32>] = [
    0x231A...0x231B, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3, 0x25FD...0x25FE,
    0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
    0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4,
    0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD,
    0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E,
    0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797, 0x27B0...0x27B0, 0x27BF...0x27BF,
    0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
  ]
}
