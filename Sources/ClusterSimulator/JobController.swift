import APIMachinery
import Foundation
import Logging

/// The Job controller (KUBERNETES.md 7): keeps up to `parallelism` pods running until
/// `completions` succeed, counts pods through the `job-tracking` finalizer, applies
/// `backoffLimit`, `activeDeadlineSeconds` and `suspend`, and writes the interim then final
/// conditions (SuccessCriteriaMet → Complete, FailureTarget → Failed).
final class JobController: @unchecked Sendable {
  static let trackingFinalizer = "batch.kubernetes.io/job-tracking"
  static let indexKey = "batch.kubernetes.io/job-completion-index"

  let store: ObjectStore
  let events: EventRecorder
  let logger: Logger
  /// The longest delay between pod re-creations after failures.
  var maxBackoff: TimeInterval = 600
  /// Per Job UID: consecutive failures since the last success and the latest failure time.
  var backoff: [String: (count: Int, last: Date)] = [:]

  init(store: ObjectStore, events: EventRecorder, logger: Logger) {
    self.store = store
    self.events = events
    self.logger = logger
  }

  /// One pass over every Job at virtual time `now`.
  func sync(now: Date) {
    let allPods = store.list(.pods).items
    var podsByOwner: [String: [JSONValue]] = [:]
    for pod in allPods {
      if let owner = pod.controllerRef?.string("uid") {
        podsByOwner[owner, default: []].append(pod)
      }
    }
    let jobs = store.list(.jobs).items
    let jobUIDs = Set(jobs.map(\.uid))
    backoff = backoff.filter { jobUIDs.contains($0.key) }
    for pod in allPods
    where pod.array("metadata", "finalizers").contains(.string(Self.trackingFinalizer)) {
      if !jobUIDs.contains(pod.controllerRef?.string("uid") ?? "") { releaseFinalizer(pod) }
    }
    for job in jobs {
      let managedBy = job.string("spec", "managedBy") ?? "kubernetes.io/job-controller"
      guard managedBy == "kubernetes.io/job-controller" else { continue }
      syncJob(job, pods: podsByOwner[job.uid] ?? [], now: now)
    }
  }

  static func isFinished(_ job: JSONValue) -> Bool { finishedCondition(job) != nil }

  /// `Complete` or `Failed` when that condition is True.
  static func finishedCondition(_ job: JSONValue) -> JSONValue? {
    job.array("status", "conditions").first {
      ($0.string("type") == "Complete" || $0.string("type") == "Failed")
        && $0.string("status") == "True"
    }
  }

  private func syncJob(_ job: JSONValue, pods: [JSONValue], now: Date) {
    var status = JobStatusBuilder(job: job, now: now)
    let indexed = job.string("spec", "completionMode") == "Indexed"

    for pod in pods
    where pod.array("metadata", "finalizers").contains(.string(Self.trackingFinalizer)) {
      let phase = pod.string("status", "phase")
      if phase == "Succeeded" {
        status.countSucceeded(pod, indexed: indexed)
        backoff[job.uid] = nil
        releaseFinalizer(pod)
      } else if phase == "Failed" || pod.isDeleting {
        status.failed += 1
        let previous = backoff[job.uid]?.count ?? 0
        backoff[job.uid] = (previous + 1, Self.finishTime(pod) ?? now)
        releaseFinalizer(pod)
      }
    }

    guard !Self.isFinished(job), !job.isDeleting else {
      if status.changed {
        store.mutate(.jobs, job.namespace, job.name) { $0["status"] = status.output }
      }
      return
    }
    let active = pods.filter { pod in
      let phase = pod.string("status", "phase")
      return phase != "Succeeded" && phase != "Failed" && !pod.isDeleting
    }
    let terminating = pods.filter { pod in
      let phase = pod.string("status", "phase")
      return pod.isDeleting && phase != "Succeeded" && phase != "Failed"
    }
    let suspended = job.bool("spec", "suspend") == true
    status.applySuspend(suspended, events: events, job: job)
    if !suspended, status.json["startTime"] == nil || status.resumed {
      status.json["startTime"] = now.rfc3339
    }

    let outcome = decideOutcome(job, status: status, active: active, now: now)
    if let outcome {
      status.setInterim(outcome, events: events, job: job)
      for pod in active { _ = try? store.delete(.pods, pod.namespace, pod.name) }
      if terminating.isEmpty, active.isEmpty { status.setFinal(outcome, events: events, job: job) }
    } else if suspended {
      for pod in active { deleteUncounted(pod, job: job, now: now) }
    } else {
      manage(job, status: status, active: active, terminating: terminating, now: now)
    }
    status.active = outcome == nil && !suspended ? active.count : 0
    status.ready = active.filter(Self.isReady).count
    status.terminating = terminating.count + (outcome != nil || suspended ? active.count : 0)
    store.mutate(.jobs, job.namespace, job.name) { $0["status"] = status.output }
  }

  private func decideOutcome(
    _ job: JSONValue, status: JobStatusBuilder, active: [JSONValue], now: Date
  ) -> JobStatusBuilder.Outcome? {
    if let existing = status.interimOutcome { return existing }
    let limit = job.int("spec", "backoffLimit") ?? 6
    let restarts = active.reduce(0) { sum, pod in
      sum
        + pod.array("status", "containerStatuses").reduce(0) { $0 + ($1.int("restartCount") ?? 0) }
    }
    let onFailure = job.string("spec", "template", "spec", "restartPolicy") == "OnFailure"
    if Int64(status.failed) > limit || (onFailure && restarts >= max(limit, 1) && restarts > 0) {
      return .failure(
        reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit")
    }
    if let deadline = job.int("spec", "activeDeadlineSeconds"),
      let start = status.json["startTime"]?.stringValue.flatMap(RFC3339.parse),
      job.bool("spec", "suspend") != true, now.timeIntervalSince(start) >= Double(deadline)
    {
      return .failure(
        reason: "DeadlineExceeded", message: "Job was active longer than specified deadline")
    }
    let completions = job.int("spec", "completions")
    if let completions, status.succeededCount >= completions {
      return .success
    }
    if completions == nil, status.succeededCount > 0, active.isEmpty { return .success }
    return nil
  }

  private func releaseFinalizer(_ pod: JSONValue) {
    store.mutate(.pods, pod.namespace, pod.name) { object in
      let kept = object.array("metadata", "finalizers").filter {
        $0.stringValue != Self.trackingFinalizer
      }
      object[path: ["metadata", "finalizers"]] = kept.isEmpty ? nil : .array(kept)
    }
  }

  /// Deletes a pod without counting it as failed (suspend, surplus).
  func deleteUncounted(_ pod: JSONValue, job: JSONValue, now: Date) {
    releaseFinalizer(pod)
    guard (try? store.delete(.pods, pod.namespace, pod.name)) != nil else { return }
    events.record(
      job, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)",
      component: "job-controller", now: now)
  }

  static func isReady(_ pod: JSONValue) -> Bool {
    pod.array("status", "conditions").contains {
      $0.string("type") == "Ready" && $0.string("status") == "True"
    }
  }

  static func finishTime(_ pod: JSONValue) -> Date? {
    pod.array("status", "containerStatuses").compactMap {
      $0.time("state", "terminated", "finishedAt")
    }.max()
  }
}
