import BatchdeckView
import CursesTerminal
import Testing

@Suite struct ColorPairsTests {
  @Test func defaultOnDefaultIsPairZeroAndNotAllocated() {
    var pairs = ColorPairs(colorCount: 256, pairLimit: 256)
    let allocation = pairs.pair(foreground: .terminalDefault, background: .terminalDefault)
    #expect(allocation.pair == 0)
    #expect(allocation.isNew == false)
    #expect(pairs.count == 0)
  }

  @Test func pairsAreAllocatedOnceAndCached() {
    var pairs = ColorPairs(colorCount: 256, pairLimit: 256)
    let first = pairs.pair(foreground: .indexed(1), background: .terminalDefault)
    let second = pairs.pair(foreground: .indexed(2), background: .indexed(0))
    let again = pairs.pair(foreground: .indexed(1), background: .terminalDefault)
    #expect(first == .init(pair: 1, foreground: 1, background: -1, isNew: true))
    #expect(second == .init(pair: 2, foreground: 2, background: 0, isNew: true))
    #expect(again == .init(pair: 1, foreground: 1, background: -1, isNew: false))
    #expect(pairs.count == 2)
  }

  @Test func fallsBackToPairZeroWhenPairsRunOut() {
    var pairs = ColorPairs(colorCount: 8, pairLimit: 3)
    #expect(pairs.pair(foreground: .indexed(1), background: .indexed(0)).pair == 1)
    #expect(pairs.pair(foreground: .indexed(2), background: .indexed(0)).pair == 2)
    let overflow = pairs.pair(foreground: .indexed(3), background: .indexed(0))
    #expect(overflow.pair == 0)
    #expect(overflow.isNew == false)
    #expect(pairs.pair(foreground: .indexed(1), background: .indexed(0)).pair == 1)
  }

  @Test func noColorsMeansPairZeroAlways() {
    var pairs = ColorPairs(colorCount: 0, pairLimit: 0)
    let allocation = pairs.pair(foreground: .indexed(1), background: .indexed(4))
    #expect(allocation.pair == 0)
    #expect(pairs.count == 0)
  }

  @Test func eightColourTerminalsFoldThePalette() {
    var pairs = ColorPairs(colorCount: 8, pairLimit: 64)
    #expect(pairs.resolve(.indexed(9), isForeground: true) == 1)
    #expect(pairs.resolve(.indexed(196), isForeground: true) == 1)
    #expect(pairs.resolve(.indexed(46), isForeground: true) == 2)
    #expect(pairs.resolve(.indexed(21), isForeground: true) == 4)
    #expect(pairs.resolve(.indexed(232), isForeground: true) == 0)
    #expect(pairs.resolve(.indexed(255), isForeground: true) == 7)
    // Two palette colours that fold to the same basic colour share a pair.
    let bright = pairs.pair(foreground: .indexed(9), background: .terminalDefault)
    let red = pairs.pair(foreground: .indexed(1), background: .terminalDefault)
    #expect(bright.pair == red.pair)
    #expect(red.isNew == false)
  }

  @Test func sixteenColourTerminalsKeepBrightColours() {
    let pairs = ColorPairs(colorCount: 16, pairLimit: 64)
    #expect(pairs.resolve(.indexed(9), isForeground: true) == 9)
    #expect(pairs.resolve(.indexed(100), isForeground: true) == 3)
  }

  @Test func withoutDefaultColoursTheDefaultIsWhiteOnBlack() {
    var pairs = ColorPairs(colorCount: 8, pairLimit: 64, hasDefaultColors: false)
    let allocation = pairs.pair(foreground: .terminalDefault, background: .terminalDefault)
    #expect(allocation == .init(pair: 1, foreground: 7, background: 0, isNew: true))
  }
}
