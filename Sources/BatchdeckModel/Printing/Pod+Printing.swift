import Foundation

/// READY, STATUS and RESTARTS of a pod, computed as `kubectl get pods` computes them.
public struct PodPrintedStatus: Sendable, Hashable {
  public var ready: String
  public var status: String
  public var restarts: String
}

extension Pod {
  /// The STATUS, READY and RESTARTS cells (KUBERNETES.md 2.5), restarts with `(… ago)`.
  public func printedStatus(now: Date) -> PodPrintedStatus {
    var reason = self.reason.isEmpty ? phase : self.reason
    if conditions.contains(where: { $0.type == "PodScheduled" && $0.reason == "SchedulingGated" }) {
      reason = "SchedulingGated"
    }
    let sidecarNames = Set(initContainers.filter(\.isSidecar).map(\.name))
    let total = containers.count + sidecarNames.count
    var ready = 0
    var restarts = 0
    var sidecarRestarts = 0
    var lastRestart: Date?
    var lastSidecarRestart: Date?
    var initializing = false

    for (index, status) in initContainerStatuses.enumerated() {
      let isSidecar = sidecarNames.contains(status.name)
      restarts += status.restartCount
      if isSidecar { sidecarRestarts += status.restartCount }
      if let finished = status.lastTermination?.finishedAt {
        lastRestart = Self.later(lastRestart, finished)
        if isSidecar { lastSidecarRestart = Self.later(lastSidecarRestart, finished) }
      }
      if case .terminated(let end) = status.state, end.exitCode == 0 { continue }
      if isSidecar, status.started == true {
        if status.ready { ready += 1 }
        continue
      }
      initializing = true
      switch status.state {
      case .terminated(let end):
        if !end.reason.isEmpty {
          reason = "Init:\(end.reason)"
        } else {
          reason = end.signal != 0 ? "Init:Signal:\(end.signal)" : "Init:ExitCode:\(end.exitCode)"
        }
      case .waiting(let waitingReason, _)
      where !waitingReason.isEmpty
        && waitingReason != "PodInitializing":
        reason = "Init:\(waitingReason)"
      default:
        reason = "Init:\(index)/\(initContainers.count)"
      }
      break
    }

    if !initializing || conditions.isTrue("Initialized") {
      restarts = sidecarRestarts
      lastRestart = lastSidecarRestart
      var hasRunning = false
      for status in containerStatuses.reversed() {
        restarts += status.restartCount
        if let finished = status.lastTermination?.finishedAt {
          lastRestart = Self.later(lastRestart, finished)
        }
        switch status.state {
        case .waiting(let waitingReason, _) where !waitingReason.isEmpty:
          reason = waitingReason
        case .terminated(let end) where !end.reason.isEmpty:
          reason = end.reason
        case .terminated(let end):
          reason = end.signal != 0 ? "Signal:\(end.signal)" : "ExitCode:\(end.exitCode)"
        case .running where status.ready:
          hasRunning = true
          ready += 1
        default:
          break
        }
      }
      if reason == "Completed" && hasRunning {
        reason = conditions.isTrue("Ready") ? "Running" : "NotReady"
      }
    }

    if metadata.deletionTimestamp != nil {
      if self.reason == "NodeLost" {
        reason = "Unknown"
      } else if phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating"
      }
    }

    var restartText = String(restarts)
    if restarts != 0, let lastRestart {
      restartText += " (\(HumanDuration.format(now.timeIntervalSince(lastRestart))) ago)"
    }
    return PodPrintedStatus(ready: "\(ready)/\(total)", status: reason, restarts: restartText)
  }

  /// The cells of `kubectl get pods`: NAME, READY, STATUS, RESTARTS, AGE.
  public func printedColumns(now: Date) -> [String] {
    let printed = printedStatus(now: now)
    return [
      metadata.name, printed.ready, printed.status, printed.restarts,
      HumanDuration.age(of: metadata.creationTimestamp, now: now),
    ]
  }

  private static func later(_ current: Date?, _ candidate: Date) -> Date {
    guard let current else { return candidate }
    return max(current, candidate)
  }
}

extension Pod {
  /// What went wrong with the pod, in a few words: the first failing container's reason and
  /// exit code (`OOMKilled, exit 137`), or its waiting message; `nil` when nothing failed.
  ///
  /// A native sidecar (an init container with `restartPolicy: Always`) that ended after the
  /// pod's own containers is the kubelet stopping it (often exit 143, SIGTERM), not a failure.
  public var failureDetail: String? {
    let sidecars = Set(initContainers.filter(\.isSidecar).map(\.name))
    let workEnded =
      !containerStatuses.isEmpty
      && containerStatuses.allSatisfy {
        if case .terminated = $0.state { return true }
        return false
      }
    for status in initContainerStatuses + containerStatuses {
      if workEnded, sidecars.contains(status.name), case .terminated = status.state { continue }
      switch status.state {
      case .terminated(let end) where end.exitCode != 0:
        return Self.describe(end, container: status.name)
      case .waiting(let reason, let message)
      where reason != "ContainerCreating"
        && reason != "PodInitializing" && !reason.isEmpty:
        if let last = status.lastTermination, last.exitCode != 0 {
          return "\(reason); last run " + Self.describe(last, container: status.name)
        }
        return message.isEmpty ? "\(status.name): \(reason)" : "\(status.name): \(message)"
      default:
        continue
      }
    }
    if phase == "Pending",
      let unscheduled = conditions.first(where: {
        $0.type == "PodScheduled" && $0.status == "False" && !$0.message.isEmpty
      })
    {
      return "\(unscheduled.reason): \(unscheduled.message)"
    }
    return reason.isEmpty || phase != "Failed" ? nil : reason
  }

  private static func describe(_ end: Termination, container: String) -> String {
    let reason = end.reason.isEmpty ? "" : "\(end.reason), "
    let signal = end.signal != 0 ? ", signal \(end.signal)" : ""
    return "\(container): \(reason)exit \(end.exitCode)\(signal)"
  }
}
