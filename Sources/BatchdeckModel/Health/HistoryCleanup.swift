import Foundation

/// Which finished Jobs the CronJob controller keeps for `successfulJobsHistoryLimit` and
/// `failedJobsHistoryLimit`, and which it deletes on its next sync.
///
/// The controller looks only at Jobs it owns (by owner UID), sorts each group by
/// `status.startTime`, oldest first (Jobs without a start time last, the name breaking ties),
/// and deletes the oldest beyond the limit. A Job without an owner reference is never counted
/// or deleted. The API server defaults the limits to 3 and 1 when a manifest omits them.
public struct HistoryCleanup: Sendable, Hashable {
  public var successfulLimit: Int
  public var failedLimit: Int
  /// Names of the Jobs kept, newest first.
  public var keptSuccessful: [String]
  public var keptFailed: [String]
  /// Names of the finished Jobs over a limit, oldest first: the controller deletes them.
  public var pendingDeletion: [String]

  /// Applies the limits of `cronJob` to `jobs`, the Jobs it owns (see
  /// `ClusterSnapshot.jobs(of:)`); running Jobs are not counted.
  public static func assess(_ cronJob: CronJob, jobs: [Job]) -> HistoryCleanup {
    let successful = jobs.filter { $0.conditions.isTrue("Complete") }.sorted(by: olderFirst)
    let failed = jobs.filter { !$0.conditions.isTrue("Complete") && $0.conditions.isTrue("Failed") }
      .sorted(by: olderFirst)
    let successfulLimit = max(0, cronJob.successfulJobsHistoryLimit)
    let failedLimit = max(0, cronJob.failedJobsHistoryLimit)
    let successfulOver = max(0, successful.count - successfulLimit)
    let failedOver = max(0, failed.count - failedLimit)
    return HistoryCleanup(
      successfulLimit: successfulLimit, failedLimit: failedLimit,
      keptSuccessful: successful.dropFirst(successfulOver).reversed().map(\.metadata.name),
      keptFailed: failed.dropFirst(failedOver).reversed().map(\.metadata.name),
      pendingDeletion: (successful.prefix(successfulOver) + failed.prefix(failedOver))
        .map(\.metadata.name))
  }

  /// `history: 3/3 successful, 1/1 failed (2 pending cleanup)`.
  public var summary: String {
    var text =
      "history: \(keptSuccessful.count)/\(successfulLimit) successful, "
      + "\(keptFailed.count)/\(failedLimit) failed"
    if !pendingDeletion.isEmpty { text += " (\(pendingDeletion.count) pending cleanup)" }
    return text
  }

  /// The controller's order: by start time, Jobs that never started last, then by name.
  static func olderFirst(_ lhs: Job, _ rhs: Job) -> Bool {
    switch (lhs.startTime, rhs.startTime) {
    case (nil, nil): return lhs.metadata.name < rhs.metadata.name
    case (nil, _): return false
    case (_, nil): return true
    case (let left?, let right?):
      return left == right ? lhs.metadata.name < rhs.metadata.name : left < right
    }
  }
}
