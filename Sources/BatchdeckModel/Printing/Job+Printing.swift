import Foundation

extension Job {
  /// The STATUS column of `kubectl get jobs`: the first of Complete, Failed, Terminating,
  /// Suspended, FailureTarget that holds, else Running.
  public var printedStatus: String {
    if conditions.isTrue("Complete") { return "Complete" }
    if conditions.isTrue("Failed") { return "Failed" }
    if metadata.deletionTimestamp != nil { return "Terminating" }
    if conditions.isTrue("Suspended") { return "Suspended" }
    if conditions.isTrue("FailureTarget") { return "FailureTarget" }
    return "Running"
  }

  /// The COMPLETIONS column: `3/10`, `0/1 of 3` or `1/1`.
  public var printedCompletions: String {
    if let completions { return "\(succeeded)/\(completions)" }
    if parallelism > 1 { return "\(succeeded)/1 of \(parallelism)" }
    return "\(succeeded)/1"
  }

  /// The DURATION column: empty before the Job starts, growing until it completes.
  public func printedDuration(now: Date) -> String {
    guard let startTime else { return "" }
    let end = completionTime ?? now
    return HumanDuration.format(end.timeIntervalSince(startTime))
  }

  /// The cells of `kubectl get jobs`: NAME, STATUS, COMPLETIONS, DURATION, AGE.
  public func printedColumns(now: Date) -> [String] {
    [
      metadata.name, printedStatus, printedCompletions, printedDuration(now: now),
      HumanDuration.age(of: metadata.creationTimestamp, now: now),
    ]
  }

  /// Progress toward completion, 0…1: succeeded over completions (or over 1 for work queues).
  public var progress: Double {
    let target = max(1, completions ?? 1)
    return min(1, Double(succeeded) / Double(target))
  }
}
