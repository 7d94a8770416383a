import APIMachinery
import BatchdeckModel

extension Pod {
  /// Reads a core/v1 Pod.
  public init(wire object: JSONValue) {
    let spec = object["spec"] ?? .object([:])
    let status = object["status"] ?? .object([:])
    self.init(
      metadata: ObjectMeta(wire: object), containers: ContainerSpec.list(wire: spec),
      initContainers: spec.list("initContainers").map {
        var container = InitContainerSpec(
          name: $0.string("name"), isSidecar: $0.string("restartPolicy") == "Always")
        container.image = $0.string("image")
        container.details = ContainerDetails(wire: $0)
        return container
      },
      nodeName: spec.string("nodeName"), phase: status.optionalString("phase") ?? "Pending",
      reason: status.string("reason"), podIP: status.string("podIP"),
      conditions: status.list("conditions").map(Condition.init(wire:)),
      containerStatuses: status.list("containerStatuses").map(ContainerStatus.init(wire:)),
      initContainerStatuses: status.list("initContainerStatuses").map(
        ContainerStatus.init(wire:)))
    serviceAccountName = spec.string("serviceAccountName")
    priority = spec.optionalInt("priority")
    hostIP = status.string("hostIP")
    podIPs = status.list("podIPs").map { $0.string("ip") }.filter { !$0.isEmpty }
    startTime = status.date("startTime")
    message = status.string("message")
    nominatedNodeName = status.string("nominatedNodeName")
    qosClass = status.string("qosClass")
    deletionGracePeriodSeconds = object.optionalInt64("metadata", "deletionGracePeriodSeconds")
    specDetails = PodSpecDetails(wire: spec)
  }
}

extension ContainerStatus {
  init(wire status: JSONValue) {
    self.init(
      name: status.string("name"), ready: status["ready"]?.boolValue ?? false,
      started: status.optionalBool("started"), restartCount: status.int("restartCount"),
      state: ContainerState(wire: status["state"]),
      lastTermination: status[path: ["lastState", "terminated"]].map(Termination.init(wire:)))
    containerID = status.string("containerID")
    imageID = status.string("imageID")
  }
}

extension ContainerState {
  init(wire state: JSONValue?) {
    guard let state else {
      self = .unknown
      return
    }
    if let waiting = state["waiting"] {
      self = .waiting(reason: waiting.string("reason"), message: waiting.string("message"))
    } else if let running = state["running"] {
      self = .running(startedAt: running.date("startedAt"))
    } else if let terminated = state["terminated"] {
      self = .terminated(Termination(wire: terminated))
    } else {
      self = .unknown
    }
  }
}

extension Termination {
  init(wire terminated: JSONValue) {
    self.init(
      exitCode: terminated.int("exitCode"), signal: terminated.int("signal"),
      reason: terminated.string("reason"), message: terminated.string("message"),
      startedAt: terminated.date("startedAt"), finishedAt: terminated.date("finishedAt"))
  }
}
