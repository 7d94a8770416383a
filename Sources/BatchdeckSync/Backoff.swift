import APIMachinery

/// Capped, jittered exponential back-off between reconnect attempts.
public struct Backoff: Sendable {
  public var base: Double
  public var cap: Double
  public private(set) var attempt = 0
  private var random: SplitMix64

  public init(base: Double = 0.5, cap: Double = 30, seed: UInt64 = 0x9E37_79B9) {
    self.base = base
    self.cap = cap
    random = SplitMix64(seed: seed)
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
