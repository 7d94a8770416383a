import APIMachinery
import BatchdeckModel
import Foundation
import KubeClient
import Logging
import Synchronization

/// What the action runner posts back to the loop.
public enum ActionMessage: Sendable, Hashable {
  /// An operation ended, well or not.
  case finished(OperationResult)
  /// An RBAC question was answered.
  case permission(PermissionKey, Permission)
}

/// Performs confirmed operations and RBAC checks on a background queue and posts the results
/// back as messages: the thread that owns the terminal only submits and drains.
///
/// Operations run one at a time, in the order submitted. Each permission is asked once per
/// runner (the answers are cached by verb, kind and namespace in the dashboard state).
public final class ActionRunner: Sendable {
  let api: KubeAPI
  private let logger: Logger
  private let queue = DispatchQueue(label: "batchdeck.actions")
  private let inbox = Mutex<[ActionMessage]>([])
  private let asked = Mutex<Set<PermissionKey>>([])

  /// A runner calling `api`; outcomes and failures in full are logged to `logger`.
  public init(api: KubeAPI, logger: Logger) {
    self.api = api
    self.logger = logger
  }

  /// Queues operations; their results arrive through `drain`.
  public func submit(_ operations: [ClusterOperation]) {
    for operation in operations {
      queue.async { [self] in
        let result = run(operation)
        inbox.withLock { $0.append(.finished(result)) }
      }
    }
  }

  /// Queues RBAC questions not asked before; answers arrive through `drain`.
  public func ask(_ keys: [PermissionKey]) {
    let fresh = asked.withLock { asked in
      keys.filter { asked.insert($0).inserted }
    }
    guard !fresh.isEmpty else { return }
    queue.async { [self] in
      for key in fresh {
        guard let answer = check(key) else { continue }
        inbox.withLock { $0.append(.permission(key, answer)) }
      }
    }
  }

  /// The messages posted since the last call, oldest first.
  public func drain() -> [ActionMessage] {
    inbox.withLock { messages in
      defer { messages.removeAll() }
      return messages
    }
  }

  /// Performs one operation on the calling thread (tests call this directly).
  public func run(_ operation: ClusterOperation) -> OperationResult {
    let target = operation.target
    let resource = Self.resource(of: target.kind)
    do throws(KubeError) {
      switch operation {
      case .setSuspended(_, let suspended):
        try api.setSuspended(
          suspended, resource, namespace: target.namespace, name: target.name)
      case .trigger(_, let jobName):
        let job = try api.createJob(
          named: jobName, fromCronJob: target.name, namespace: target.namespace)
        logger.info("\(operation.doneText)")
        return OperationResult(
          operation: operation,
          created: ObjectRef(
            kind: .job,
            namespace: job[path: ["metadata", "namespace"]]?.stringValue
              ?? target.namespace,
            name: job[path: ["metadata", "name"]]?.stringValue ?? jobName,
            uid: job[path: ["metadata", "uid"]]?.stringValue ?? ""))
      case .delete(_, let policy):
        try api.delete(
          resource, namespace: target.namespace, name: target.name,
          propagation: PropagationPolicy(rawValue: policy.rawValue) ?? .background)
      case .kill:
        try api.delete(
          resource, namespace: target.namespace, name: target.name, propagation: .background,
          gracePeriodSeconds: 0)
      }
    } catch {
      logger.error("\(operation) failed: \(error)")
      return OperationResult(operation: operation, failure: error.description)
    }
    logger.info("\(operation.doneText)")
    return OperationResult(operation: operation)
  }

  /// Asks one RBAC question on the calling thread; `nil` when the question itself failed
  /// (the server is then left to refuse the operation, with its own message).
  public func check(_ key: PermissionKey) -> Permission? {
    do {
      let answer = try api.canI(
        key.verb, key.kind.resource, group: key.kind.group, namespace: key.namespace)
      return answer.allowed ? .allowed : .denied(reason: answer.reason)
    } catch {
      logger.warning("could not ask whether \(key.verb) \(key.kind.resource) is allowed: \(error)")
      return nil
    }
  }

  static func resource(of kind: ObjectKind) -> APIResource {
    switch kind {
    case .cronJob: .cronJobs
    case .job: .jobs
    case .pod: .pods
    }
  }
}
