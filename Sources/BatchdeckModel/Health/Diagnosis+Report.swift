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
    return lines + DiagnosisLine.lines(of: findings)
  }
}

extension JobDiagnosis {
  /// The diagnosis as lines, in the form of a CronJob's.
  public var lines: [DiagnosisLine] {
    [DiagnosisLine(.overview, "job/\(name) in namespace \(namespace): \(status)")]
      + DiagnosisLine.lines(of: findings)
  }
}

extension DiagnosisLine {
  /// The findings' lines, each after a blank line, or a line saying there are none.
  static func lines(of findings: [Finding]) -> [DiagnosisLine] {
    guard !findings.isEmpty else {
      return [DiagnosisLine(.blank, ""), DiagnosisLine(.clear, "No problems found.")]
    }
    return findings.flatMap { finding in
      [DiagnosisLine(.blank, ""), DiagnosisLine(.summary(finding.severity), finding.summary)]
        + finding.evidence.map { DiagnosisLine(.evidence, $0) }
        + (finding.fix.map { [DiagnosisLine(.fix, $0)] } ?? [])
    }
  }

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
