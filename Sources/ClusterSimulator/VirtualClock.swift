import Foundation
import Synchronization

/// The simulated cluster's time.
///
/// In scaled mode `now` is the start time plus the real time elapsed since creation multiplied
/// by `speed`; in manual mode time only moves through `advance(by:)`. Controllers receive `now`
/// from the scheduler loop and never read the wall clock themselves.
public final class VirtualClock: Sendable {
  private struct State {
    var base: Date
    var realBase: ContinuousClock.Instant
    var speed: Double
    var manual: Bool
  }

  private let state: Mutex<State>

  /// A clock that runs `speed` times faster than real time from `start`.
  public init(start: Date, speed: Double = 10) {
    state = Mutex(State(base: start, realBase: .now, speed: speed, manual: false))
  }

  /// A clock frozen at `start` that moves only through `advance(by:)`, for tests.
  public static func manual(start: Date) -> VirtualClock {
    let clock = VirtualClock(start: start, speed: 0)
    clock.state.withLock { $0.manual = true }
    return clock
  }

  /// The current virtual time.
  public var now: Date {
    state.withLock { state in
      guard !state.manual else { return state.base }
      let elapsed = ContinuousClock.now - state.realBase
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      return state.base.addingTimeInterval(seconds * state.speed)
    }
  }

  /// How many virtual seconds pass per real second (0 in manual mode).
  public var speed: Double {
    get { state.withLock { $0.manual ? 0 : $0.speed } }
    set {
      let current = now
      state.withLock { state in
        state.base = current
        state.realBase = .now
        state.speed = newValue
      }
    }
  }

  /// Whether time moves only through `advance(by:)`.
  public var isManual: Bool { state.withLock { $0.manual } }

  /// Moves a manual clock forward; on a scaled clock it jumps ahead by `seconds`.
  public func advance(by seconds: TimeInterval) {
    state.withLock { $0.base = $0.base.addingTimeInterval(seconds) }
  }
}
