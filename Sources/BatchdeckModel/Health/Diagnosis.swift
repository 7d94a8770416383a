import Foundation

/// Answers "why has this CronJob not run, or why does it fail?" from the objects and events
/// alone, with the evidence and the fix (KUBERNETES.md sections 5 and 7 give the rules).
public enum Diagnosis {
  /// Diagnoses `cronJob` at `now`.
  ///
  /// - Parameters:
  ///   - snapshot: the cluster's Jobs, Pods and Events (the CronJob's own are picked out).
  ///   - logs: the last log lines of pods, by pod name, to quote for failed runs.
  public static func diagnose(
    _ cronJob: CronJob, in snapshot: ClusterSnapshot, now: Date,
    controllerZone: TimeZone = TimeZoneResolver.utc, logs: [String: [String]] = [:]
  ) -> CronJobDiagnosis {
    let jobs = snapshot.jobs(of: cronJob)
    let health = CronJobHealth.assess(
      cronJob, runs: snapshot.runs(of: cronJob), now: now, controllerZone: controllerZone)
    var context = DiagnosisContext(
      cronJob: cronJob, snapshot: snapshot, jobs: jobs, health: health, now: now,
      controllerZone: controllerZone, logs: logs)
    var findings: [Finding] = []
    findings += context.scheduleFindings()
    if !cronJob.isSuspended || health.state == .invalid {
      findings += context.timingFindings()
    }
    findings += context.activeFindings()
    findings += context.runningFindings()
    findings += context.failureFindings()
    findings += context.eventFindings()
    findings += context.ownershipFindings()
    findings += context.historyFindings()
    findings += context.ttlFindings()
    findings += context.timeZoneFindings()
    return CronJobDiagnosis(
      namespace: cronJob.metadata.namespace, name: cronJob.metadata.name, health: health,
      findings: stateFirst(findings, health: health))
  }

  /// Most severe first, except that the finding behind the state word leads, so the CronJob
  /// row and the diagnosis never disagree. A state with no finding of its own (a failed run
  /// whose Job is gone, say) gets one from the state's reason.
  static func stateFirst(_ findings: [Finding], health: CronJobHealth) -> [Finding] {
    var ordered = findings.enumerated().sorted { lhs, rhs in
      lhs.element.severity == rhs.element.severity
        ? lhs.offset < rhs.offset : lhs.element.severity > rhs.element.severity
    }.map(\.element)
    let codes = health.state.findingCodes
    guard !codes.isEmpty else { return ordered }
    if let index = ordered.firstIndex(where: { codes.contains($0.code) }) {
      ordered.insert(ordered.remove(at: index), at: 0)
    } else {
      let summary = health.reason.prefix(1).uppercased() + health.reason.dropFirst()
      ordered.insert(
        Finding(
          severity: health.state.severity, code: health.state.rawValue, summary: summary + "."),
        at: 0)
    }
    return ordered
  }
}

extension CronJobState {
  /// The codes of the findings that explain this state; empty for `ok`.
  public var findingCodes: Set<String> {
    switch self {
    case .invalid: ["invalid-schedule", "invalid-time-zone", "schedule-never-fires", "invalid"]
    case .missed: ["missed-starting-deadline", "too-many-missed", "missed"]
    case .blocked: ["blocked-by-active-job", "blocked"]
    case .failing: ["last-run-failed", "failing"]
    case .late: ["late"]
    case .running: ["running"]
    case .suspended: ["suspended"]
    case .ok: []
    }
  }

  /// How much the state matters, for a finding made from it.
  var severity: Finding.Severity {
    switch self {
    case .invalid, .missed, .blocked, .failing: .critical
    case .late, .suspended: .warning
    case .running, .ok: .info
    }
  }
}

/// The inputs every rule reads.
struct DiagnosisContext {
  var cronJob: CronJob
  var snapshot: ClusterSnapshot
  var jobs: [Job]
  var health: CronJobHealth
  var now: Date
  var controllerZone: TimeZone
  var logs: [String: [String]]

  var name: String { cronJob.metadata.name }

  var schedule: ControllerSchedule? {
    try? ControllerSchedule.make(
      schedule: cronJob.schedule, timeZone: cronJob.timeZone, controllerZone: controllerZone)
  }

  static func time(_ date: Date) -> String {
    var text = ISO8601DateFormatter().string(from: date)
    if text.hasSuffix(":00Z") { text = String(text.dropLast(4)) + "Z" }
    return text
  }

  static func ago(_ date: Date, now: Date) -> String {
    HumanDuration.format(now.timeIntervalSince(date)) + " ago"
  }
}
