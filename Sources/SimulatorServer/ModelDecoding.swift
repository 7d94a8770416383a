import APIMachinery
import BatchdeckModel
import Foundation

/// Readers from stored API JSON into the dashboard model, so tables use the same printers.
extension JSONValue {
  func text(_ path: String...) -> String { self[path: path]?.stringValue ?? "" }

  func number(_ path: String...) -> Int? { self[path: path]?.intValue.map { Int(clamping: $0) } }

  func time(_ path: String...) -> Date? { self[path: path]?.stringValue.flatMap(RFC3339.parse) }

  func items(_ path: String...) -> [JSONValue] { self[path: path]?.arrayValue ?? [] }
}

enum ModelDecoding {
  static func meta(_ object: JSONValue) -> ObjectMeta {
    let owner = object.items("metadata", "ownerReferences").first {
      $0["controller"]?.boolValue == true
    }
    return ObjectMeta(
      namespace: object.text("metadata", "namespace"), name: object.text("metadata", "name"),
      uid: object.text("metadata", "uid"),
      resourceVersion: object.text("metadata", "resourceVersion"),
      creationTimestamp: object.time("metadata", "creationTimestamp"),
      deletionTimestamp: object.time("metadata", "deletionTimestamp"),
      labels: strings(object[path: ["metadata", "labels"]]),
      annotations: strings(object[path: ["metadata", "annotations"]]),
      controller: owner.map(reference))
  }

  static func cronJob(_ object: JSONValue) -> CronJob {
    CronJob(
      metadata: meta(object), schedule: object.text("spec", "schedule"),
      timeZone: object[path: ["spec", "timeZone"]]?.stringValue,
      suspend: object[path: ["spec", "suspend"]]?.boolValue,
      containers: containers(object[path: ["spec", "jobTemplate", "spec", "template", "spec"]]),
      active: object.items("status", "active").map(reference),
      lastScheduleTime: object.time("status", "lastScheduleTime"),
      lastSuccessfulTime: object.time("status", "lastSuccessfulTime"))
  }

  static func job(_ object: JSONValue) -> Job {
    Job(
      metadata: meta(object), completions: object.number("spec", "completions"),
      parallelism: object.number("spec", "parallelism") ?? 1,
      backoffLimit: object.number("spec", "backoffLimit") ?? 6,
      completionMode: object[path: ["spec", "completionMode"]]?.stringValue ?? "NonIndexed",
      suspend: object[path: ["spec", "suspend"]]?.boolValue ?? false,
      containers: containers(object[path: ["spec", "template", "spec"]]),
      conditions: object.items("status", "conditions").map(condition),
      startTime: object.time("status", "startTime"),
      completionTime: object.time("status", "completionTime"),
      active: object.number("status", "active") ?? 0,
      ready: object.number("status", "ready") ?? 0,
      succeeded: object.number("status", "succeeded") ?? 0,
      failed: object.number("status", "failed") ?? 0)
  }

  static func pod(_ object: JSONValue) -> Pod {
    Pod(
      metadata: meta(object), containers: containers(object["spec"]),
      initContainers: object.items("spec", "initContainers").map {
        InitContainerSpec(name: $0.text("name"), isSidecar: $0.text("restartPolicy") == "Always")
      },
      nodeName: object.text("spec", "nodeName"),
      phase: object[path: ["status", "phase"]]?.stringValue ?? "Pending",
      reason: object.text("status", "reason"), podIP: object.text("status", "podIP"),
      conditions: object.items("status", "conditions").map(condition),
      containerStatuses: object.items("status", "containerStatuses").map(containerStatus),
      initContainerStatuses: object.items("status", "initContainerStatuses").map(containerStatus))
  }

  private static func containerStatus(_ status: JSONValue) -> ContainerStatus {
    let state: ContainerState
    if let waiting = status[path: ["state", "waiting"]] {
      state = .waiting(reason: waiting.text("reason"), message: waiting.text("message"))
    } else if let running = status[path: ["state", "running"]] {
      state = .running(startedAt: running.time("startedAt"))
    } else if let terminated = status[path: ["state", "terminated"]] {
      state = .terminated(termination(terminated))
    } else {
      state = .unknown
    }
    return ContainerStatus(
      name: status.text("name"), ready: status["ready"]?.boolValue ?? false,
      started: status["started"]?.boolValue, restartCount: status.number("restartCount") ?? 0,
      state: state,
      lastTermination: status[path: ["lastState", "terminated"]].map(termination))
  }

  private static func termination(_ terminated: JSONValue) -> Termination {
    Termination(
      exitCode: terminated.number("exitCode") ?? 0, signal: terminated.number("signal") ?? 0,
      reason: terminated.text("reason"), message: terminated.text("message"),
      startedAt: terminated.time("startedAt"), finishedAt: terminated.time("finishedAt"))
  }

  private static func condition(_ value: JSONValue) -> Condition {
    Condition(
      type: value.text("type"), status: value.text("status"), reason: value.text("reason"),
      message: value.text("message"), lastTransitionTime: value.time("lastTransitionTime"))
  }

  private static func reference(_ value: JSONValue) -> OwnerReference {
    OwnerReference(kind: value.text("kind"), name: value.text("name"), uid: value.text("uid"))
  }

  static func containers(_ podSpec: JSONValue?) -> [ContainerSpec] {
    (podSpec?["containers"]?.arrayValue ?? []).map {
      ContainerSpec(name: $0.text("name"), image: $0.text("image"))
    }
  }

  static func strings(_ value: JSONValue?) -> [String: String] {
    (value?.objectValue ?? [:]).compactMapValues(\.stringValue)
  }
}
