import Foundation

/// The one word a CronJob row shows, worst first in `severity`.
public enum CronJobState: String, Sendable, Hashable, CaseIterable {
  case invalid, missed, blocked, failing, late, running, suspended, ok
}

/// What a CronJob's schedule, status and Jobs say about it at one moment: its state word, the
/// reason behind it, the next run and its run history.
public struct CronJobHealth: Sendable, Hashable {
  public var state: CronJobState
  /// One line saying why the state holds, in plain words.
  public var reason: String
  /// The schedule in words, or what is wrong with it.
  public var scheduleText: String
  /// The zone the schedule runs in (`nil` when it is invalid).
  public var zone: TimeZone?
  public var nextRun: Date?
  /// Runs still in the cluster, newest first.
  public var runs: [RunRecord]
  /// Fire times since the last scheduled run that have no Job, counted up to 1,000.
  public var missedRuns: Int

  /// How long a due run may take to appear before it counts as late.
  public static let grace: TimeInterval = 60

  /// The newest run that has ended.
  public var lastFinishedRun: RunRecord? { runs.first { $0.isFinished } }

  public var lastSuccess: Date? {
    runs.first { $0.outcome == .succeeded }?.finishTime
  }

  /// Succeeded over finished runs; `nil` with no finished run.
  public var successRate: Double? {
    let finished = runs.filter(\.isFinished)
    guard !finished.isEmpty else { return nil }
    return Double(finished.filter { $0.outcome == .succeeded }.count) / Double(finished.count)
  }

  /// Failed runs in a row, counting back from the newest finished one.
  public var failureStreak: Int {
    runs.filter(\.isFinished).prefix { $0.outcome != .succeeded }.count
  }

  /// The median duration of successful runs.
  public var typicalDuration: TimeInterval? {
    let durations = runs.filter { $0.outcome == .succeeded }
      .compactMap { run in
        run.finishTime.flatMap { end in run.startTime.map { end.timeIntervalSince($0) } }
      }
      .sorted()
    guard !durations.isEmpty else { return nil }
    return durations[durations.count / 2]
  }
}
