import APIMachinery
import BatchdeckModel
import Foundation

/// A diagnosis as text for people and as JSON for scripts.
enum DiagnosisReport {
  static func text(_ diagnosis: CronJobDiagnosis, now: Date) -> String {
    diagnosis.lines(now: now).map(\.plainText).joined(separator: "\n")
  }

  static func json(_ diagnosis: CronJobDiagnosis) -> JSONValue {
    let health = diagnosis.health
    var object: JSONValue = [
      "cronJob": .string(diagnosis.name), "namespace": .string(diagnosis.namespace),
      "state": .string(health.state.rawValue), "reason": .string(health.reason),
      "schedule": .string(health.scheduleText), "missedRuns": .int(Int64(health.missedRuns)),
      "findings": json(diagnosis.findings),
    ]
    object["nextRun"] = health.nextRun.map { .string(RFC3339.format($0)) } ?? .null
    return object
  }

  static func json(_ diagnosis: JobDiagnosis) -> JSONValue {
    [
      "job": .string(diagnosis.name), "namespace": .string(diagnosis.namespace),
      "status": .string(diagnosis.status), "findings": json(diagnosis.findings),
    ]
  }

  static func json(_ findings: [Finding]) -> JSONValue {
    .array(
      findings.map { finding in
        var object: JSONValue = [
          "severity": .string(finding.severity.rawValue), "code": .string(finding.code),
          "summary": .string(finding.summary),
          "evidence": .array(finding.evidence.map { .string($0) }),
        ]
        if let fix = finding.fix { object["fix"] = .string(fix) }
        return object
      })
  }
}
