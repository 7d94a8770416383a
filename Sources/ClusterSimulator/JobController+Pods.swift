import APIMachinery
import Foundation

extension JobController {
  /// Creates or deletes pods so that the wanted number are active (`manageJob`).
  func manage(
    _ job: JSONValue, status: JobStatusBuilder, active: [JSONValue], terminating: [JSONValue],
    now: Date
  ) {
    let parallelism = Int(job.int("spec", "parallelism") ?? 1)
    let completions = job.int("spec", "completions").map(Int.init)
    let succeeded = Int(status.succeededCount)
    let want: Int
    if let completions {
      want = max(0, min(parallelism, completions - succeeded))
    } else {
      want = succeeded > 0 ? 0 : parallelism
    }
    if active.count > want {
      for pod in active.suffix(active.count - want) { deleteUncounted(pod, job: job, now: now) }
      return
    }
    guard active.count < want else { return }
    if let state = backoff[job.uid], state.count > 0 {
      let delay = min(10 * pow(2, Double(state.count - 1)), maxBackoff)
      if now < state.last.addingTimeInterval(delay) { return }
    }
    let indexed = job.string("spec", "completionMode") == "Indexed"
    var indexes: [Int?] = Array(repeating: nil, count: want - active.count)
    if indexed, let completions {
      let busy = Set(
        active.compactMap { $0.string("metadata", "annotations", Self.indexKey).flatMap(Int.init) })
      let free = (0..<completions).filter { !status.indexes.contains($0) && !busy.contains($0) }
      indexes = Array(free.prefix(want - active.count))
    }
    for index in indexes {
      createPod(job, index: index, now: now)
    }
  }

  private func createPod(_ job: JSONValue, index: Int?, now: Date) {
    var template = job[path: ["spec", "template"]] ?? [:]
    var metadata = template["metadata"]?.objectValue ?? [:]
    metadata["creationTimestamp"] = nil
    metadata["name"] = nil
    metadata["namespace"] = .string(job.namespace)
    metadata["generateName"] = .string("\(job.name)-")
    metadata["ownerReferences"] = [job.ownerReference()]
    metadata["finalizers"] = [.string(Self.trackingFinalizer)]
    if let index {
      let text = JSONValue.string(String(index))
      var annotations = metadata["annotations"]?.objectValue ?? [:]
      annotations[Self.indexKey] = text
      metadata["annotations"] = .object(annotations)
      var labels = metadata["labels"]?.objectValue ?? [:]
      labels[Self.indexKey] = text
      metadata["labels"] = .object(labels)
      metadata["generateName"] = .string(
        "\(job.name.prefix(58 - String(index).count - 2))-\(index)-")
      template[path: ["spec", "hostname"]] = .string("\(job.name)-\(index)")
      let containers = template.array("spec", "containers").map { container -> JSONValue in
        var copy = container
        var env = copy.array("env")
        if !env.contains(where: { $0.string("name") == "JOB_COMPLETION_INDEX" }) {
          env.append([
            "name": "JOB_COMPLETION_INDEX",
            "valueFrom": [
              "fieldRef": [
                "apiVersion": "v1",
                "fieldPath": .string("metadata.labels['\(Self.indexKey)']"),
              ]
            ],
          ])
        }
        copy["env"] = .array(env)
        return copy
      }
      template[path: ["spec", "containers"]] = .array(containers)
    }
    var pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata),
      "spec": template["spec"] ?? [:],
    ]
    APIDefaults.defaultPod(&pod)
    do {
      let created = try store.create(.pods, pod)
      events.record(
        job, reason: "SuccessfulCreate", message: "Created pod: \(created.name)",
        component: "job-controller", now: now)
    } catch {
      events.record(
        job, type: "Warning", reason: "FailedCreate", message: "Error creating: \(error.message)",
        component: "job-controller", now: now)
    }
  }
}
