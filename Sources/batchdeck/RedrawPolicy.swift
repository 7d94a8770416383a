/// When the dashboard draws a frame: soon after a key, a resize or an action's answer (within
/// the frame-rate cap); after new data (a snapshot or log lines) at most every
/// `dataInterval`; and otherwise once every `tickInterval`, so the clock and ages move on.
/// Times are seconds on a monotonic clock.
///
/// A frame whose cells equal the last one's writes nothing to the terminal (the terminal
/// diffs frames), so data that changed off screen costs a render but no output.
struct RedrawPolicy {
  /// The shortest time between frames (a frame-rate cap).
  var frameInterval = 1.0 / 30
  /// The shortest time between frames drawn only because data changed.
  var dataInterval = 0.25
  /// The longest time without a frame.
  var tickInterval = 1.0

  private var lastFrame = -Double.infinity
  private var drawnData: DataVersion?
  private var inputPending = false

  /// The generations of the data on screen: the cluster snapshot's, the log tail's and the
  /// open view's (YAML document or log view; 0 when none is open).
  struct DataVersion: Equatable {
    var snapshot: UInt64
    var logs: UInt64
    var views: UInt64 = 0
  }

  /// Notes a key, a resize or an answer that changes what the screen shows.
  mutating func noteInput() { inputPending = true }

  /// Whether a frame is due at `now` with `data` the newest data.
  func isDue(now: Double, data: DataVersion) -> Bool {
    let since = now - lastFrame
    if since >= tickInterval { return true }
    if inputPending { return since >= frameInterval }
    return data != drawnData && since >= dataInterval
  }

  /// Notes that a frame showing `data` was drawn at `now`.
  mutating func drew(at now: Double, data: DataVersion) {
    lastFrame = now
    drawnData = data
    inputPending = false
  }
}
