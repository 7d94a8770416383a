import BatchdeckView
import Testing

@testable import CursesTerminal

@Suite struct KeyDecoderTests {
  private func character(_ code: UInt32) -> Key? {
    KeyDecoder.decode(code: code, isFunctionKey: false)
  }

  private func function(_ code: UInt32) -> Key? {
    KeyDecoder.decode(code: code, isFunctionKey: true)
  }

  @Test func printableCharactersIncludingWideOnes() {
    #expect(character(0x61) == .character("a"))
    #expect(character(0x20) == .character(" "))
    #expect(character(0xE9) == .character("é"))
    #expect(character(0x65E5) == .character("日"))
    #expect(character(0x1F600) == .character("😀"))
  }

  @Test func enterTabEscapeAndBackspace() {
    #expect(character(13) == .enter)
    #expect(character(10) == .enter)
    #expect(function(KeyCode.enter) == .enter)
    #expect(character(9) == .tab)
    #expect(function(KeyCode.backTab) == .backTab)
    #expect(character(27) == .escape)
    #expect(character(127) == .backspace)
    #expect(character(8) == .backspace)
    #expect(function(KeyCode.backspace) == .backspace)
    #expect(function(KeyCode.delete) == .delete)
  }

  @Test func controlLettersAreLowerCase() {
    #expect(character(1) == .control("a"))
    #expect(character(3) == .control("c"))
    #expect(character(4) == .control("d"))
    #expect(character(26) == .control("z"))
  }

  @Test func otherControlCodesAreIgnored() {
    #expect(character(0) == nil)
    #expect(character(28) == nil)
    #expect(character(31) == nil)
    #expect(character(0x85) == nil)
    #expect(character(0xD800) == nil)
  }

  @Test func navigationKeys() {
    #expect(function(KeyCode.up) == .up)
    #expect(function(KeyCode.down) == .down)
    #expect(function(KeyCode.left) == .left)
    #expect(function(KeyCode.right) == .right)
    #expect(function(KeyCode.pageUp) == .pageUp)
    #expect(function(KeyCode.pageDown) == .pageDown)
    #expect(function(KeyCode.home) == .home)
    #expect(function(KeyCode.end) == .end)
    #expect(function(KeyCode.resize) == .resize)
  }

  @Test func functionKeysOneToTwelve() {
    #expect(function(KeyCode.functionBase + 1) == .function(1))
    #expect(function(KeyCode.functionBase + 5) == .function(5))
    #expect(function(KeyCode.functionBase + 12) == .function(12))
    #expect(function(KeyCode.functionBase) == nil)
    #expect(function(KeyCode.functionBase + 13) == nil)
  }

  @Test func theFunctionKeyFlagDecidesTheMeaning() {
    // KEY_DOWN (0402) is also the code point of "Ă".
    #expect(KeyCode.down == 0x102)
    #expect(character(KeyCode.down) == .character("Ă"))
    #expect(function(KeyCode.down) == .down)
    #expect(function(0x61) == nil)
  }
}

@Suite struct MouseDecodingTests {
  @Test func buttonOneClicksAndTheWheelTurns() {
    #expect(
      KeyDecoder.decodeMouse(button: 1, column: 3, row: 4)
        == .mouse(MouseEvent(.click, column: 3, row: 4)))
    #expect(
      KeyDecoder.decodeMouse(button: 4, column: 0, row: 0)
        == .mouse(MouseEvent(.wheelUp, column: 0, row: 0)))
    #expect(
      KeyDecoder.decodeMouse(button: 5, column: 9, row: 9)
        == .mouse(MouseEvent(.wheelDown, column: 9, row: 9)))
    #expect(KeyDecoder.decodeMouse(button: 0, column: 1, row: 1) == nil)
  }
}
