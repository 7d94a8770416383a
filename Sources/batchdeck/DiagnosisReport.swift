import APIMachinery
import BatchdeckModel
import Foundation

/// A diagnosis as text for people and as JSON for scripts.
enum DiagnosisReport {
  static func text(_ diagnosis: CronJobDiagnosis, now: Date) -> String {
    let health = diagnosis.health
    var lines = [
      "cronjob/\(diagnosis.name) in namespace \(diagnosis.namespace): \(health.state.rawValue)"
    ]
    var schedule = "schedule: \(health.scheduleText)"
    if let next = health.nextRun, let zone = health.zone {
      schedule +=
        "; next run \(WallClock.text(next, in: zone)) \(WallClock.zoneName(zone))"
        + " (in \(HumanDuration.format(next.timeIntervalSince(now))))"
    }
    lines.append(schedule)
    let finished = health.runs.filter(\.isFinished)
    var history = "runs in the cluster: \(health.runs.count)"
    if let rate = health.successRate {
      history += ", \(Int((rate * 100).rounded()))% of \(finished.count) finished ok"
    }
    if let typical = health.typicalDuration {
      history += ", typical duration \(HumanDuration.format(typical))"
    }
    if health.failureStreak > 0 { history += ", \(health.failureStreak) failed in a row" }
    lines.append(history)
    if diagnosis.findings.isEmpty {
      lines += ["", "No problems found."]
    }
    for finding in diagnosis.findings {
      lines.append("")
      lines.append("\(finding.severity.rawValue.uppercased()): \(finding.summary)")
      lines += finding.evidence.map { "  - \($0)" }
      if let fix = finding.fix { lines.append("  fix: \(fix)") }
    }
    return lines.joined(separator: "\n")
  }

  static func json(_ diagnosis: CronJobDiagnosis) -> JSONValue {
    let health = diagnosis.health
    let findings: [JSONValue] = diagnosis.findings.map { finding in
      var object: JSONValue = [
        "severity": .string(finding.severity.rawValue), "code": .string(finding.code),
        "summary": .string(finding.summary),
        "evidence": .array(finding.evidence.map { .string($0) }),
      ]
      if let fix = finding.fix { object["fix"] = .string(fix) }
      return object
    }
    var object: JSONValue = [
      "cronJob": .string(diagnosis.name), "namespace": .string(diagnosis.namespace),
      "state": .string(health.state.rawValue), "reason": .string(health.reason),
      "schedule": .string(health.scheduleText), "missedRuns": .int(Int64(health.missedRuns)),
      "findings": .array(findings),
    ]
    object["nextRun"] = health.nextRun.map { .string(RFC3339.format($0)) } ?? .null
    return object
  }
}
