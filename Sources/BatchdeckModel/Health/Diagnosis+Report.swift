import Foundation

/// One line of a diagnosis as people read it, in `batchdeck diagnose` and the dashboard's
/// diagnosis panel alike.
public struct DiagnosisLine: Sendable, Hashable {
  /// What the line is, so a screen can style it.
  public enum Kind: Sendable, Hashable {
    /// The state, the schedule and the run history.
    case overview
    /// A finding's one-sentence summary.
    case summary(Finding.Severity)
    case evidence
    case fix
    /// A line between findings.
    case blank
    /// "No problems found."
    case clear
  }

  public var kind: Kind
  public var text: String

  public init(_ kind: Kind, _ text: String) {
    self.kind = kind
    self.text = text
  }
}

extension CronJobDiagnosis {
  /// The diagnosis as lines: the state, schedule and history, then each finding with its
  /// evidence and fix, most important first.
  public func lines(now: Date) -> [DiagnosisLine] {
    var lines = [
      DiagnosisLine(
        .overview, "cronjob/\(name) in namespace \(namespace): \(health.state.rawValue)")
    ]
    var schedule = "schedule: \(health.scheduleText)"
    if let next = health.nextRun, let zone = health.zone {
      schedule +=
        "; next run \(WallClock.text(next, in: zone)) \(WallClock.zoneName(zone))"
        + " (in \(HumanDuration.format(next.timeIntervalSince(now))))"
    }
    lines.append(DiagnosisLine(.overview, schedule))
    let finished = health.runs.filter(\.isFinished)
    var history = "runs in the cluster: \(health.runs.count)"
    if let rate = health.successRate {
      history += ", \(Int((rate * 100).rounded()))% of \(finished.count) finished ok"
    }
    if let typical = health.typicalDuration {
      history += ", typical duration \(HumanDuration.format(typical))"
    }
    if health.failureStreak > 0 { history += ", \(health.failureStreak) failed in a row" }
    lines.append(DiagnosisLine(.overview, history))
    if findings.isEmpty {
      lines += [DiagnosisLine(.blank, ""), DiagnosisLine(.clear, "No problems found.")]
    }
    for finding in findings {
      lines.append(DiagnosisLine(.blank, ""))
      lines.append(DiagnosisLine(.summary(finding.severity), finding.summary))
      lines += finding.evidence.map { DiagnosisLine(.evidence, $0) }
      if let fix = finding.fix { lines.append(DiagnosisLine(.fix, fix)) }
    }
    return lines
  }
}

extension JobDiagnosis {
  /// The diagnosis as lines, in the form of a CronJob's.
  public var lines: [DiagnosisLine] {
    var lines = [DiagnosisLine(.overview, "job/\(name) in namespace \(namespace): \(status)")]
    if findings.isEmpty {
      lines += [DiagnosisLine(.blank, ""), DiagnosisLine(.clear, "No problems found.")]
    }
    for finding in findings {
      lines.append(DiagnosisLine(.blank, ""))
      lines.append(DiagnosisLine(.summary(finding.severity), finding.summary))
      lines += finding.evidence.map { DiagnosisLine(.evidence, $0) }
      if let fix = finding.fix { lines.append(DiagnosisLine(.fix, fix)) }
    }
    return lines
  }
}

extension DiagnosisLine {
  /// The line as `batchdeck diagnose` prints it.
  public var plainText: String {
    switch kind {
    case .overview, .blank, .clear: text
    case .summary(let severity): "\(severity.rawValue.uppercased()): \(text)"
    case .evidence: "  - \(text)"
    case .fix: "  fix: \(text)"
    }
  }
}
