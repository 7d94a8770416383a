import APIMachinery

/// A deterministic generator over SplitMix64, so one seed always yields the same cluster.
struct SeededRandom: RandomNumberGenerator, Sendable {
  private var generator: SplitMix64

  init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  mutating func next() -> UInt64 { generator.next() }

  /// Five characters from the API server's name alphabet, as `generateName` appends.
  mutating func nameSuffix() -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    var text = ""
    for _ in 0..<5 { text.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
    return text
  }

  /// A version-4 style UUID string.
  mutating func uuid() -> String {
    let high = next()
    let low = next()
    let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
    var chars = Array(hex)
    chars[12] = "4"
    let variant = Array("89ab")[Int(low % 4)]
    chars[16] = variant
    let text = String(chars)
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
      String(
        text[
          text.index(
            text.startIndex, offsetBy: range.lowerBound)..<text.index(
              text.startIndex, offsetBy: range.upperBound)])
    }
    return parts.joined(separator: "-")
  }
}

/// A stable 64-bit FNV-1a hash; Swift's `Hasher` is seeded per process and would break
/// determinism.
func stableHash(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x100_0000_01B3
  }
  return hash
}

extension String {
  func leftPadded(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
