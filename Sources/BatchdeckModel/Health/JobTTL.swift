import Foundation

/// When the TTL-after-finished controller deletes a finished Job (`ttlSecondsAfterFinished`).
///
/// The clock starts at the `lastTransitionTime` of the Job's `Complete` or `Failed` condition,
/// not at `creationTimestamp` or `completionTime` (KUBERNETES.md; the controller's
/// `jobFinishTime`). A finish time after `now` is clock skew: the controller logs a warning
/// and defers the deletion.
public enum TTLCountdown: Sendable, Hashable {
  /// The Job is deleted at `at`, `left` from now.
  case deletesIn(TimeInterval, at: Date)
  /// The TTL has run out (or is 0): the controller deletes the Job, with its pods, now.
  case due(since: Date)
  /// The finish time lies in the future, so the controller waits.
  case deferred(finishedAt: Date)

  /// `auto-delete in 2m20s`, as the Job detail line and `get -o wide` show it.
  public var text: String {
    switch self {
    case .deletesIn(let left, _): "auto-delete in \(HumanDuration.format(left))"
    case .due: "auto-delete due now"
    case .deferred: "finished in the future (clock skew?) — deletion deferred"
    }
  }
}

extension Job {
  /// The `lastTransitionTime` of the `Complete=True` or `Failed=True` condition, the moment
  /// the TTL controller counts from; `nil` for a Job that has not finished.
  public var finishTransitionTime: Date? {
    conditions.first { ($0.type == "Complete" || $0.type == "Failed") && $0.isTrue }?
      .lastTransitionTime
  }

  /// When and whether this Job is deleted for its `ttlSecondsAfterFinished`; `nil` without a
  /// TTL or before it finished.
  public func ttlCountdown(now: Date) -> TTLCountdown? {
    guard let ttl = ttlSecondsAfterFinished, let finished = finishTransitionTime else {
      return nil
    }
    if finished > now { return .deferred(finishedAt: finished) }
    let deletion = finished.addingTimeInterval(Double(ttl))
    let left = deletion.timeIntervalSince(now)
    return left > 0 ? .deletesIn(left, at: deletion) : .due(since: deletion)
  }
}
