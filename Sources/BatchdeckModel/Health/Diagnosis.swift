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
    findings += context.failureFindings()
    findings += context.eventFindings()
    findings += context.timeZoneFindings()
    let ordered = findings.enumerated().sorted { lhs, rhs in
      lhs.element.severity == rhs.element.severity
        ? lhs.offset < rhs.offset : lhs.element.severity > rhs.element.severity
    }.map(\.element)
    return CronJobDiagnosis(
      namespace: cronJob.metadata.namespace, name: cronJob.metadata.name, health: health,
      findings: ordered)
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
