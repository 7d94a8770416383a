import Foundation

/// One run of a CronJob: a Job it owns, with when it was due, how it went and how long it took.
public struct RunRecord: Sendable, Hashable {
  /// How a run went.
  public enum Outcome: Sendable, Hashable {
    case running
    case succeeded
    /// The Job failed; `reason` is its Failed condition's reason (e.g. BackoffLimitExceeded).
    case failed(reason: String)
    case suspended
  }

  public var jobName: String
  public var jobUID: String
  /// The nominal time the controller made it for; `nil` for a run made by hand.
  public var scheduledTime: Date?
  public var startTime: Date?
  /// Completion for a success, the Failed condition's transition for a failure.
  public var finishTime: Date?
  public var outcome: Outcome
  /// Made with `kubectl create job --from=cronjob/...` (or Batchdeck's trigger).
  public var isManual: Bool
  /// The Job is gone from the cluster (history limits, TTL); Batchdeck saw it while running.
  public var isRemembered = false

  /// Reads a run from a Job the CronJob owns.
  public init(job: Job) {
    jobName = job.metadata.name
    jobUID = job.metadata.uid
    isManual = job.isManualRun
    scheduledTime = Self.scheduledTime(of: job)
    startTime = job.startTime
    if job.conditions.isTrue("Complete") {
      outcome = .succeeded
      finishTime =
        job.completionTime ?? job.conditions.first { $0.type == "Complete" }?.lastTransitionTime
    } else if let failed = job.conditions.first(where: { $0.type == "Failed" && $0.isTrue }) {
      outcome = .failed(reason: failed.reason)
      finishTime = failed.lastTransitionTime
    } else {
      outcome = job.conditions.isTrue("Suspended") ? .suspended : .running
      finishTime = nil
    }
  }

  /// Whether the run has ended, either way.
  public var isFinished: Bool {
    switch outcome {
    case .succeeded, .failed: true
    case .running, .suspended: false
    }
  }

  /// How long it ran (until now when it has not ended); `nil` before it started.
  public func duration(now: Date) -> TimeInterval? {
    guard let startTime else { return nil }
    return (finishTime ?? now).timeIntervalSince(startTime)
  }

  /// The scheduled time from the controller's annotation (RFC 3339, in the CronJob's zone),
  /// else from the Job name's suffix: minutes since the epoch, or seconds from very old
  /// controllers (ten digits and more; minutes reach that only after the year 3800).
  static func scheduledTime(of job: Job) -> Date? {
    if job.isManualRun { return nil }
    let annotation = job.metadata.annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"]
    if let annotation,
      let date = utcTimestamp(annotation)
        ?? ISO8601DateFormatter().date(
          from: annotation)
    {
      return date
    }
    guard let owner = job.cronJobOwner, job.metadata.name.hasPrefix(owner.name + "-"),
      let number = Int64(job.metadata.name.dropFirst(owner.name.count + 1))
    else { return nil }
    let seconds = number >= 1_000_000_000 ? number : number * 60
    return Date(timeIntervalSince1970: Double(seconds))
  }

  /// `2026-12-04T02:00:00Z`, the form the CronJob controller writes, parsed without a
  /// formatter (creating one per Job dominated frame time at 10,000 Jobs); `nil` for others.
  static func utcTimestamp(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58,
      bytes[16] == 58, bytes[19] == 90
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    // Days from the civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
  }
}
