import APIMachinery
import Foundation

extension ObjectStore {
  /// Deletes an object as the API server does.
  ///
  /// Orphan strips owner references from dependents; Foreground adds the `foregroundDeletion`
  /// finalizer (the garbage collector finishes it); Background leaves dependents to the
  /// collector. Objects with finalizers, and Pods still on a node with a grace period, only get
  /// a `deletionTimestamp`.
  @discardableResult
  func delete(
    _ resource: Resource, _ namespace: String, _ name: String,
    propagation: DeletionPropagation? = nil, gracePeriodSeconds: Int64? = nil
  ) throws(APIStatus) -> JSONValue {
    try withLock { () throws(APIStatus) -> JSONValue in
      guard var object = get(resource, namespace, name) else {
        throw .notFound(resource: resource.rawValue, group: resource.group, name: name)
      }
      let policy = propagation ?? .serverDefault(for: resource)
      let now = clock.now
      var finalizers = object.array("metadata", "finalizers")
      switch policy {
      case .orphan:
        orphanDependents(of: object.uid)
      case .foreground:
        if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
        object[path: ["metadata", "finalizers"]] = .array(finalizers)
      case .background:
        break
      }
      if resource == .pods {
        return deletePod(object, now: now, grace: gracePeriodSeconds)
      }
      if finalizers.isEmpty {
        return remove(resource, key: Self.key(namespace, name), last: object)
      }
      if !object.isDeleting {
        object[path: ["metadata", "deletionTimestamp"]] = now.rfc3339
        object[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
      }
      return (try? update(resource, object)) ?? object
    }
  }

  private func deletePod(_ input: JSONValue, now: Date, grace: Int64?) -> JSONValue {
    var pod = input
    let phase = pod.string("status", "phase") ?? "Pending"
    let onNode = pod.string("spec", "nodeName") != nil
    let terminal = phase == "Succeeded" || phase == "Failed"
    let period =
      (!onNode || terminal) ? 0 : (grace ?? pod.int("spec", "terminationGracePeriodSeconds") ?? 30)
    if period == 0, pod.array("metadata", "finalizers").isEmpty {
      return remove(.pods, key: Self.key(pod.namespace, pod.name), last: pod)
    }
    let current = pod.int("metadata", "deletionGracePeriodSeconds")
    if !pod.isDeleting || (current ?? 0) > period {
      pod[path: ["metadata", "deletionTimestamp"]] = now.addingTimeInterval(Double(period)).rfc3339
      pod[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(period)
    }
    return (try? update(.pods, pod)) ?? pod
  }

  /// Finishes a pod's graceful deletion once the kubelet stopped it (grace period 0).
  func finishPodDeletion(_ namespace: String, _ name: String) {
    withLock {
      guard var pod = get(.pods, namespace, name), pod.isDeleting else { return }
      if pod.array("metadata", "finalizers").isEmpty {
        remove(.pods, key: Self.key(namespace, name), last: pod)
        return
      }
      pod[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
      _ = try? update(.pods, pod)
    }
  }

  /// Objects whose owner references name `uid`.
  func dependents(of uid: String) -> [(Resource, JSONValue)] {
    allObjects().filter { _, object in
      object.array("metadata", "ownerReferences").contains { $0.string("uid") == uid }
    }
  }

  private func orphanDependents(of uid: String) {
    for (resource, var dependent) in dependents(of: uid) {
      let kept = dependent.array("metadata", "ownerReferences").filter {
        $0.string("uid") != uid
      }
      dependent[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? nil : .array(kept)
      _ = try? update(resource, dependent)
    }
  }
}
