import APIMachinery
import BatchdeckModel
import Foundation

/// A Job's `status` being rebuilt during one sync of the Job controller.
struct JobStatusBuilder {
  enum Outcome: Equatable {
    case success
    case failure(reason: String, message: String)
  }

  var json: JSONValue
  let now: Date
  var failed: Int
  var succeeded: Int
  var indexes: Set<Int>
  var resumed = false
  var changed = false
  let indexed: Bool

  init(job: JSONValue, now: Date) {
    var status = job["status"] ?? [:]
    if status.objectValue == nil { status = [:] }
    json = status
    self.now = now
    failed = Int(status.int("failed") ?? 0)
    succeeded = Int(status.int("succeeded") ?? 0)
    indexes = IndexRanges.parse(status.string("completedIndexes") ?? "")
    indexed = job.string("spec", "completionMode") == "Indexed"
  }

  var succeededCount: Int64 { Int64(indexed ? indexes.count : succeeded) }

  mutating func countSucceeded(_ pod: JSONValue, indexed: Bool) {
    changed = true
    if indexed, let text = pod.string("metadata", "annotations", JobController.indexKey),
      let index = Int(text)
    {
      indexes.insert(index)
    } else {
      succeeded += 1
    }
  }

  var active = 0
  var ready = 0
  var terminating = 0

  /// The interim condition already set (SuccessCriteriaMet or FailureTarget).
  var interimOutcome: Outcome? {
    for condition in json.array("conditions") where condition.string("status") == "True" {
      switch condition.string("type") {
      case "SuccessCriteriaMet": return .success
      case "FailureTarget":
        return .failure(
          reason: condition.string("reason") ?? "", message: condition.string("message") ?? "")
      default: continue
      }
    }
    return nil
  }

  mutating func setInterim(_ outcome: Outcome, events: EventRecorder, job: JSONValue) {
    guard interimOutcome == nil else { return }
    switch outcome {
    case .success:
      setCondition(
        "SuccessCriteriaMet", reason: "CompletionsReached",
        message: "Reached expected number of succeeded pods")
    case .failure(let reason, let message):
      setCondition("FailureTarget", reason: reason, message: message)
    }
  }

  mutating func setFinal(_ outcome: Outcome, events: EventRecorder, job: JSONValue) {
    switch outcome {
    case .success:
      setCondition(
        "Complete", reason: "CompletionsReached",
        message: "Reached expected number of succeeded pods")
      json["completionTime"] = now.rfc3339
      events.record(
        job, reason: "Completed", message: "Job completed", component: "job-controller", now: now)
    case .failure(let reason, let message):
      setCondition("Failed", reason: reason, message: message)
      events.record(
        job, type: "Warning", reason: reason, message: message, component: "job-controller",
        now: now)
    }
  }

  mutating func applySuspend(_ suspended: Bool, events: EventRecorder, job: JSONValue) {
    let current = json.array("conditions").first { $0.string("type") == "Suspended" }
    let isSuspended = current?.string("status") == "True"
    if suspended, !isSuspended {
      setCondition("Suspended", reason: "JobSuspended", message: "Job suspended")
      events.record(
        job, reason: "Suspended", message: "Job suspended", component: "job-controller", now: now)
    } else if !suspended, isSuspended {
      setCondition("Suspended", status: "False", reason: "JobResumed", message: "Job resumed")
      events.record(
        job, reason: "Resumed", message: "Job resumed", component: "job-controller", now: now)
      resumed = true
    }
  }

  mutating func setCondition(
    _ type: String, status: String = "True", reason: String, message: String
  ) {
    var conditions = json.array("conditions").filter { $0.string("type") != type }
    conditions.append([
      "type": .string(type), "status": .string(status), "reason": .string(reason),
      "message": .string(message), "lastProbeTime": now.rfc3339,
      "lastTransitionTime": now.rfc3339,
    ])
    json["conditions"] = .array(conditions)
  }

  /// Writes the counters into `json` and returns it.
  var output: JSONValue {
    var status = json
    status["active"] = active > 0 ? .int(Int64(active)) : nil
    status["ready"] = .int(Int64(ready))
    status["terminating"] = .int(Int64(terminating))
    status["failed"] = failed > 0 ? .int(Int64(failed)) : nil
    let count = indexed ? indexes.count : succeeded
    status["succeeded"] = count > 0 ? .int(Int64(count)) : nil
    if indexed {
      let text = IndexRanges.format(indexes)
      status["completedIndexes"] = text.isEmpty ? nil : .string(text)
    }
    status["uncountedTerminatedPods"] = [:]
    return status
  }
}
