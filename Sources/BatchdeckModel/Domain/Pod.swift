import Foundation

/// The state a container is in: exactly one of waiting, running or terminated, or unknown.
public enum ContainerState: Sendable, Hashable {
  case unknown
  case waiting(reason: String, message: String)
  case running(startedAt: Date?)
  case terminated(Termination)
}

/// How a container ended.
public struct Termination: Sendable, Hashable {
  public var exitCode: Int
  public var signal: Int
  public var reason: String
  public var message: String
  public var startedAt: Date?
  public var finishedAt: Date?

  public init(
    exitCode: Int, signal: Int = 0, reason: String = "", message: String = "",
    startedAt: Date? = nil, finishedAt: Date? = nil
  ) {
    self.exitCode = exitCode
    self.signal = signal
    self.reason = reason
    self.message = message
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }
}

/// A container's status as the kubelet reports it.
public struct ContainerStatus: Sendable, Hashable {
  public var name: String
  /// `containerID`, for describe.
  public var containerID = ""
  /// `imageID`, for describe.
  public var imageID = ""
  public var ready: Bool
  public var started: Bool?
  public var restartCount: Int
  public var state: ContainerState
  /// `lastState.terminated`, the previous run of a restarted container.
  public var lastTermination: Termination?

  public init(
    name: String, ready: Bool = false, started: Bool? = nil, restartCount: Int = 0,
    state: ContainerState = .unknown, lastTermination: Termination? = nil
  ) {
    self.name = name
    self.ready = ready
    self.started = started
    self.restartCount = restartCount
    self.state = state
    self.lastTermination = lastTermination
  }
}

/// An init container as declared; `restartPolicy: Always` makes it a sidecar.
public struct InitContainerSpec: Sendable, Hashable {
  public var name: String
  public var isSidecar: Bool
  /// The image, for describe.
  public var image = ""
  /// Ports, command, environment, mounts, resources and probes, for describe.
  public var details = ContainerDetails()

  public init(name: String, isSidecar: Bool = false) {
    self.name = name
    self.isSidecar = isSidecar
  }
}

/// A Pod, with what `kubectl get pods` needs to print it.
public struct Pod: Sendable, Hashable, Identifiable {
  public var metadata: ObjectMeta
  public var containers: [ContainerSpec]
  public var initContainers: [InitContainerSpec]
  public var nodeName: String
  public var phase: String
  /// `status.reason`, e.g. `Evicted`.
  public var reason: String
  public var podIP: String
  public var conditions: [Condition]
  public var containerStatuses: [ContainerStatus]
  public var initContainerStatuses: [ContainerStatus]
  /// `spec.serviceAccountName`, for describe.
  public var serviceAccountName = ""
  /// `spec.priority`, for describe.
  public var priority: Int?
  /// `status.hostIP`, for describe's `Node:` line.
  public var hostIP = ""
  /// `status.podIPs`, for describe.
  public var podIPs: [String] = []
  /// `status.startTime`, for describe.
  public var startTime: Date?
  /// `status.message`, for describe.
  public var message = ""
  /// `status.nominatedNodeName`, for describe.
  public var nominatedNodeName = ""
  /// `status.qosClass`; empty when the API did not report it.
  public var qosClass = ""
  /// `metadata.deletionGracePeriodSeconds`, for describe's `Terminating` status.
  public var deletionGracePeriodSeconds: Int64?
  /// Volumes, node selector, tolerations and other spec fields, for describe.
  public var specDetails = PodSpecDetails()

  public init(
    metadata: ObjectMeta, containers: [ContainerSpec] = [],
    initContainers: [InitContainerSpec] = [], nodeName: String = "", phase: String = "Pending",
    reason: String = "", podIP: String = "", conditions: [Condition] = [],
    containerStatuses: [ContainerStatus] = [], initContainerStatuses: [ContainerStatus] = []
  ) {
    self.metadata = metadata
    self.containers = containers
    self.initContainers = initContainers
    self.nodeName = nodeName
    self.phase = phase
    self.reason = reason
    self.podIP = podIP
    self.conditions = conditions
    self.containerStatuses = containerStatuses
    self.initContainerStatuses = initContainerStatuses
  }

  public var id: String { metadata.uid }

  /// The Job that controls this pod, if any.
  public var jobOwner: OwnerReference? {
    guard let owner = metadata.controller, owner.kind == "Job" else { return nil }
    return owner
  }
}
