import Foundation

/// How far a Job has come and how much room it has left: retries against `backoffLimit`, time
/// before `activeDeadlineSeconds`, an ETA from past runs, and which indexes are done.
public struct JobProgress: Sendable, Hashable {
  /// Failures the Job controller counts against `backoffLimit`: failed pods, or with
  /// `restartPolicy: OnFailure` the restarts of containers in pods still running.
  public var retriesUsed: Int
  public var backoffLimit: Int
  /// Whether retries are counted as container restarts (OnFailure).
  public var countsRestarts: Bool
  /// Time left before `activeDeadlineSeconds` ends the Job; `nil` without a deadline.
  public var deadlineLeft: TimeInterval?
  /// When the run should end, judged from the typical duration of past runs.
  public var expectedEnd: Date?
  /// For Indexed Jobs: which indexes are done, failed and running.
  public var indexes: IndexProgress?

  /// Index sets in the API's range notation (`0-2,4,6`).
  public struct IndexProgress: Sendable, Hashable {
    public var done: String
    public var failed: String
    public var running: String
  }

  /// Assesses `job` with its pods at `now`; `typicalDuration` comes from its CronJob's history.
  public static func assess(
    _ job: Job, pods: [Pod], typicalDuration: TimeInterval?, now: Date
  ) -> JobProgress {
    let onFailure = job.restartPolicy == "OnFailure"
    let live = pods.filter { $0.phase == "Pending" || $0.phase == "Running" }
    let restarts = live.reduce(0) { total, pod in
      total + (pod.initContainerStatuses + pod.containerStatuses).reduce(0) { $0 + $1.restartCount }
    }
    var progress = JobProgress(
      retriesUsed: onFailure ? restarts + job.failed : job.failed,
      backoffLimit: job.backoffLimit, countsRestarts: onFailure, deadlineLeft: nil,
      expectedEnd: nil, indexes: nil)
    if let deadline = job.activeDeadlineSeconds, let start = job.startTime, !job.isFinished {
      progress.deadlineLeft = Double(deadline) - now.timeIntervalSince(start)
    }
    if let typical = typicalDuration, let start = job.startTime, !job.isFinished {
      progress.expectedEnd = start.addingTimeInterval(typical)
    }
    if job.completionMode == "Indexed" {
      let running = live.compactMap {
        $0.metadata.annotations["batch.kubernetes.io/job-completion-index"].flatMap { Int($0) }
      }
      progress.indexes = IndexProgress(
        done: job.completedIndexes, failed: job.failedIndexes,
        running: IndexRanges.format(Set(running)))
    }
    return progress
  }
}

/// The API's compressed index notation: `1,3-5,7`; two neighbours stay `0,1`.
public enum IndexRanges {
  public static func format(_ indexes: Set<Int>) -> String {
    let sorted = indexes.sorted()
    var parts: [String] = []
    var start = 0
    while start < sorted.count {
      var end = start
      while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
      if end - start >= 2 {
        parts.append("\(sorted[start])-\(sorted[end])")
      } else {
        parts += sorted[start...end].map(String.init)
      }
      start = end + 1
    }
    return parts.joined(separator: ",")
  }

  /// Reads `0-2,4,6` into its indexes; malformed parts are skipped.
  public static func parse(_ text: String) -> Set<Int> {
    var indexes = Set<Int>()
    for part in text.split(separator: ",") {
      let bounds = part.split(separator: "-").compactMap { Int($0) }
      if bounds.count == 1 {
        indexes.insert(bounds[0])
      } else if bounds.count == 2, bounds[0] <= bounds[1] {
        indexes.formUnion(bounds[0]...bounds[1])
      }
    }
    return indexes
  }
}
