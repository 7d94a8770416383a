/// Capped, jittered exponential back-off between reconnect attempts.
public struct Backoff: Sendable {
  public var base: Double
  public var cap: Double
  public private(set) var attempt = 0
  private var random: SplitMix

  public init(base: Double = 0.5, cap: Double = 30, seed: UInt64 = 0x9E37_79B9) {
    self.base = base
    self.cap = cap
    random = SplitMix(state: seed)
  }

  /// The delay before the next attempt, in seconds: full jitter over the capped exponential.
  public mutating func nextDelay() -> Double {
    let ceiling = min(cap, base * Double(1 << min(attempt, 16)))
    attempt += 1
    let unit = Double(random.next() >> 11) / Double(1 << 53)
    return ceiling / 2 + unit * ceiling / 2
  }

  /// Starts over after a success.
  public mutating func reset() { attempt = 0 }
}

/// A small deterministic random source.
struct SplitMix: Sendable {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}
