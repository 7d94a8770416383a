/// One thing a diagnosis found, with what shows it and what to do about it.
public struct Finding: Sendable, Hashable {
  /// How much a finding matters; `critical` means runs are not happening or failing.
  public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case info, warning, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
  }

  public var severity: Severity
  /// A stable identifier for scripts, e.g. `blocked-by-active-job`.
  public var code: String
  /// The finding in one sentence.
  public var summary: String
  /// The facts it rests on: objects, times, counts, events.
  public var evidence: [String]
  /// What to change, when there is something to change.
  public var fix: String?

  public init(
    severity: Severity, code: String, summary: String, evidence: [String] = [],
    fix: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.summary = summary
    self.evidence = evidence
    self.fix = fix
  }
}

/// Everything the diagnosis of one CronJob says.
public struct CronJobDiagnosis: Sendable, Hashable {
  public var namespace: String
  public var name: String
  public var health: CronJobHealth
  /// Most severe first.
  public var findings: [Finding]
}
