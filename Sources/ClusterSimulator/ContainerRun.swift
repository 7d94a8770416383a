import APIMachinery
import Foundation

/// The kubelet stand-in's memory of one container of one pod.
struct ContainerRun: Sendable {
  enum Stage: Sendable {
    case creating(since: Date)
    case pullFailed(since: Date, backingOff: Bool, attempts: Int)
    case configError(lastEvent: Date)
    case running(startedAt: Date, written: Int, generated: Int)
    case crashBackOff(until: Date)
    case done
  }

  var name: String
  var image: String
  var behaviour: ContainerBehaviour
  var stage: Stage
  var restartCount = 0
  /// The ContainerState JSON (`waiting`, `running` or `terminated`).
  var state: JSONValue = ["waiting": ["reason": "ContainerCreating"]]
  var lastState: JSONValue = [:]
  var exitCode: Int?
  var everStarted = false

  var isRunning: Bool {
    if case .running = stage { return true }
    return false
  }

  var isDone: Bool {
    if case .done = stage { return true }
    return false
  }
}

/// The kubelet stand-in's memory of one pod.
struct PodRun: Sendable {
  var uid: String
  var nodeName: String
  var podIP: String
  var ownerKey: String
  var containers: [ContainerRun]
}
