/// The kinds of object the dashboard can act on.
public enum ObjectKind: String, Sendable, Hashable, CaseIterable {
  case cronJob = "CronJob"
  case job = "Job"
  case pod = "Pod"

  /// The API resource name (`cronjobs`), as RBAC and URLs spell it.
  public var resource: String {
    switch self {
    case .cronJob: "cronjobs"
    case .job: "jobs"
    case .pod: "pods"
    }
  }

  /// The API group: `batch` for CronJobs and Jobs, the core group (empty) for Pods.
  public var group: String { self == .pod ? "" : "batch" }

  /// How kubectl writes the kind in `kind/name` references.
  public var shortName: String { rawValue.lowercased() }
}

/// One object, named as the API names it.
public struct ObjectRef: Sendable, Hashable {
  public var kind: ObjectKind
  public var namespace: String
  public var name: String
  public var uid: String

  /// A reference; `uid` may be empty when only the name is known.
  public init(kind: ObjectKind, namespace: String, name: String, uid: String = "") {
    self.kind = kind
    self.namespace = namespace
    self.name = name
    self.uid = uid
  }

  /// `cronjob/name`, as kubectl prints it.
  public var display: String { "\(kind.shortName)/\(name)" }
}

/// How a delete treats the object's dependents, as the user chose it in the dialog.
public enum DeletePropagation: String, Sendable, Hashable, CaseIterable {
  /// The object goes now; its dependents are collected afterwards.
  case background = "Background"
  /// The object stays until its dependents are gone.
  case foreground = "Foreground"
  /// The dependents stay, without an owner.
  case orphan = "Orphan"

  /// The next policy, for the dialog's Tab key.
  public var next: DeletePropagation {
    let all = Self.allCases
    let index = all.firstIndex(of: self) ?? 0
    return all[(index + 1) % all.count]
  }
}

/// A change to the cluster the user confirmed: what the action runner performs.
public enum ClusterOperation: Sendable, Hashable {
  /// Sets `spec.suspend` of a CronJob or Job.
  case setSuspended(ObjectRef, Bool)
  /// Creates the Job `jobName` from a CronJob's template, as `kubectl create job --from`.
  case trigger(cronJob: ObjectRef, jobName: String)
  /// Deletes an object with a propagation policy.
  case delete(ObjectRef, DeletePropagation)
  /// Deletes a pod with a zero grace period.
  case kill(ObjectRef)

  /// The object acted on.
  public var target: ObjectRef {
    switch self {
    case .setSuspended(let ref, _), .delete(let ref, _), .kill(let ref): ref
    case .trigger(let cronJob, _): cronJob
    }
  }

  /// The RBAC verb, resource and namespace the operation needs.
  public var permission: PermissionKey {
    switch self {
    case .setSuspended(let ref, _):
      PermissionKey(verb: "patch", kind: ref.kind, namespace: ref.namespace)
    case .trigger(let cronJob, _):
      PermissionKey(verb: "create", kind: .job, namespace: cronJob.namespace)
    case .delete(let ref, _), .kill(let ref):
      PermissionKey(verb: "delete", kind: ref.kind, namespace: ref.namespace)
    }
  }

  /// Past-tense words for the flash after success, e.g. `suspended cronjob/x`.
  public var doneText: String {
    switch self {
    case .setSuspended(let ref, let suspended):
      "\(suspended ? "suspended" : "resumed") \(ref.display)"
    case .trigger(let cronJob, let jobName): "created job/\(jobName) from \(cronJob.display)"
    case .delete(let ref, let policy):
      "deleted \(ref.display) (\(policy.rawValue.lowercased()) propagation)"
    case .kill(let ref): "killed \(ref.display)"
    }
  }
}

/// What the action runner reports back for one operation.
public struct OperationResult: Sendable, Hashable {
  public var operation: ClusterOperation
  /// The failure as the server said it; `nil` when the call succeeded.
  public var failure: String?
  /// The object the call created (the Job of a trigger), when it created one.
  public var created: ObjectRef?

  /// A result: success unless `failure` is set.
  public init(operation: ClusterOperation, failure: String? = nil, created: ObjectRef? = nil) {
    self.operation = operation
    self.failure = failure
    self.created = created
  }
}

/// One RBAC question: may the user `verb` this kind in this namespace?
public struct PermissionKey: Sendable, Hashable {
  public var verb: String
  public var kind: ObjectKind
  public var namespace: String

  /// A question, such as `delete` `pods` in `default`.
  public init(verb: String, kind: ObjectKind, namespace: String) {
    self.verb = verb
    self.kind = kind
    self.namespace = namespace
  }
}

/// What the server said about a `PermissionKey`.
public enum Permission: Sendable, Hashable {
  case allowed
  /// Forbidden, with the server's reason (may be empty).
  case denied(reason: String)
}
