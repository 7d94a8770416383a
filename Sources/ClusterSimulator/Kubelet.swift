import APIMachinery
import Foundation
import Logging

/// Scheduler and kubelet stand-in: binds pending Pods to a node, then moves them through
/// ContainerCreating, Running and Succeeded/Failed with realistic container statuses,
/// conditions, events and log lines (see `PodBehaviour` for what each container does).
final class Kubelet: @unchecked Sendable {
  let store: ObjectStore
  let events: EventRecorder
  let logs: PodLogStore
  let logger: Logger
  let nodes = ["sim-node-1", "sim-node-2", "sim-node-3"]
  var runs: [String: PodRun] = [:]
  var failuresByOwner: [String: Int] = [:]
  private var placed = 0

  init(store: ObjectStore, events: EventRecorder, logs: PodLogStore, logger: Logger) {
    self.store = store
    self.events = events
    self.logs = logs
    self.logger = logger
  }

  /// One pass over every pod at virtual time `now`.
  func sync(now: Date) {
    let pods = store.list(.pods).items
    let live = Set(pods.map(\.uid))
    for uid in runs.keys where !live.contains(uid) {
      runs[uid] = nil
      logs.forget(pod: uid)
    }
    let owners = Set(pods.map { $0.controllerRef?.string("uid") ?? $0.uid })
    failuresByOwner = failuresByOwner.filter { owners.contains($0.key) }

    for pod in pods {
      let phase = pod.string("status", "phase") ?? "Pending"
      if pod.isDeleting {
        stop(pod, now: now)
      } else if phase == "Succeeded" || phase == "Failed" {
        continue
      } else if runs[pod.uid] == nil {
        schedule(pod, now: now)
      } else {
        advance(pod, now: now)
      }
    }
  }

  private func schedule(_ pod: JSONValue, now: Date) {
    let node = pod.string("spec", "nodeName") ?? nodes[placed % nodes.count]
    placed += 1
    let containers = pod.array("spec", "containers").map { container in
      ContainerRun(
        name: container.string("name") ?? "",
        image: container.string("image") ?? "",
        behaviour: PodBehaviour.behaviour(for: container, in: pod),
        stage: .creating(since: now))
    }
    let ownerKey = pod.controllerRef?.string("uid") ?? pod.uid
    let nodeIndex = (nodes.firstIndex(of: node) ?? 0) + 1
    let run = PodRun(
      uid: pod.uid, nodeName: node, podIP: "10.244.\(nodeIndex).\(placed % 250 + 2)",
      ownerKey: ownerKey, containers: containers)
    runs[pod.uid] = run
    events.record(
      pod, reason: "Scheduled",
      message: "Successfully assigned \(pod.namespace)/\(pod.name) to \(node)",
      component: "default-scheduler", now: now)
    write(pod, run, now: now)
  }

  private func advance(_ pod: JSONValue, now: Date) {
    guard var run = runs[pod.uid] else { return }
    let restartPolicy = pod.string("spec", "restartPolicy") ?? "Always"
    for index in run.containers.indices {
      step(&run.containers[index], run: run, pod: pod, restartPolicy: restartPolicy, now: now)
    }
    runs[pod.uid] = run
    write(pod, run, now: now)
  }

  private func stop(_ pod: JSONValue, now: Date) {
    if var run = runs[pod.uid] {
      for index in run.containers.indices where run.containers[index].isRunning {
        let container = run.containers[index]
        events.record(
          pod, reason: "Killing", message: "Stopping container \(container.name)",
          component: "kubelet", host: run.nodeName,
          fieldPath: "spec.containers{\(container.name)}", now: now)
        terminate(&run.containers[index], pod: pod, code: 137, reason: "Error", at: now)
      }
      write(pod, run, now: now)
      runs[pod.uid] = nil
    }
    store.finishPodDeletion(pod.namespace, pod.name)
  }

  /// Rebuilds `status` (and `spec.nodeName`) from the run and stores it if it changed.
  func write(_ pod: JSONValue, _ run: PodRun, now: Date) {
    let restartPolicy = pod.string("spec", "restartPolicy") ?? "Always"
    let phase = Self.phase(run, restartPolicy: restartPolicy)
    let old = pod["status"] ?? [:]
    var status = old
    status["phase"] = .string(phase)
    status["hostIP"] = .string(hostIP(run.nodeName))
    status["hostIPs"] = [["ip": .string(hostIP(run.nodeName))]]
    if status["startTime"] == nil { status["startTime"] = now.rfc3339 }
    let started = run.containers.contains { $0.everStarted }
    if started || phase != "Pending" {
      status["podIP"] = .string(run.podIP)
      status["podIPs"] = [["ip": .string(run.podIP)]]
    }
    let allRunning = run.containers.allSatisfy(\.isRunning)
    let unready = run.containers.filter { !$0.isRunning }.map(\.name)
    let terminal = phase == "Succeeded" || phase == "Failed"
    var conditions: [(String, Bool, String?)] = [
      ("PodReadyToStartContainers", !terminal, nil), ("Initialized", true, nil),
    ]
    let readyReason = terminal ? "PodCompleted" : "ContainersNotReady"
    conditions.append(("Ready", allRunning, allRunning ? nil : readyReason))
    conditions.append(("ContainersReady", allRunning, allRunning ? nil : readyReason))
    conditions.append(("PodScheduled", true, nil))
    status["conditions"] = .array(
      conditions.map { type, value, reason in
        let previous = old.array("conditions").first { $0.string("type") == type }
        let text: JSONValue = value ? "True" : "False"
        var condition: JSONValue = [
          "type": .string(type), "status": text, "lastProbeTime": nil,
          "lastTransitionTime": previous?.string("status") == text.stringValue
            ? (previous?["lastTransitionTime"] ?? now.rfc3339) : now.rfc3339,
        ]
        if let reason, !terminal || type == "Ready" || type == "ContainersReady" {
          condition["reason"] = .string(reason)
          if reason == "ContainersNotReady" {
            let names = unready.joined(separator: " ")
            condition["message"] = .string("containers with unready status: [\(names)]")
          }
        }
        return condition
      })
    status["containerStatuses"] = .array(run.containers.map { containerStatus($0, pod: pod) })
    store.mutate(.pods, pod.namespace, pod.name) { object in
      object[path: ["spec", "nodeName"]] = .string(run.nodeName)
      object["status"] = status
    }
  }

  static func phase(_ run: PodRun, restartPolicy: String) -> String {
    if run.containers.allSatisfy(\.isDone) {
      return run.containers.allSatisfy { $0.exitCode == 0 } ? "Succeeded" : "Failed"
    }
    return run.containers.contains(where: \.everStarted) ? "Running" : "Pending"
  }

  private func hostIP(_ node: String) -> String {
    "172.18.0.\((nodes.firstIndex(of: node) ?? 0) + 2)"
  }

  private func containerStatus(_ container: ContainerRun, pod: JSONValue) -> JSONValue {
    let digest = String(stableHash(container.image), radix: 16).leftPadded(16)
    let repository = container.image.split(separator: ":").first.map(String.init) ?? ""
    var status: JSONValue = [
      "name": .string(container.name), "image": .string(container.image),
      "imageID": container.everStarted ? .string("\(repository)@sha256:\(digest)") : "",
      "ready": .bool(container.isRunning), "restartCount": .int(Int64(container.restartCount)),
      "started": .bool(container.isRunning), "state": container.state,
      "lastState": container.lastState,
    ]
    if container.everStarted {
      let seed = "\(pod.uid)/\(container.name)/\(container.restartCount)"
      let id = (0..<4).map { String(stableHash(seed + "\($0)"), radix: 16).leftPadded(16) }
      status["containerID"] = .string("containerd://" + id.joined())
    }
    return status
  }
}
