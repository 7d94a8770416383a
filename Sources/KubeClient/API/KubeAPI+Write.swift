import APIMachinery

/// How a delete treats the object's dependents (`propagationPolicy`).
public enum PropagationPolicy: String, Sendable, CaseIterable {
  /// The object goes now; its dependents are collected afterwards (kubectl's default).
  case background = "Background"
  /// The object stays, marked for deletion, until its blocking dependents are gone.
  case foreground = "Foreground"
  /// The dependents stay, without their owner reference.
  case orphan = "Orphan"
}

/// What `SelfSubjectAccessReview` answered.
public struct AccessReviewResult: Sendable, Equatable {
  public var allowed: Bool
  public var denied: Bool
  public var reason: String

  public init(allowed: Bool, denied: Bool = false, reason: String = "") {
    self.allowed = allowed
    self.denied = denied
    self.reason = reason
  }
}

extension KubeAPI {
  /// Fetches one object.
  public func get(_ resource: APIResource, namespace: String, name: String)
    throws(KubeError) -> JSONValue
  {
    try sendJSON(
      HTTPRequest(
        path: resource.objectPath(namespace: namespace, name: name),
        headers: [RequestBuilder.acceptJSON]))
  }

  /// Suspends or resumes a CronJob or Job with a merge patch of `spec.suspend`.
  @discardableResult
  public func setSuspended(
    _ suspended: Bool, _ resource: APIResource, namespace: String, name: String
  ) throws(KubeError) -> JSONValue {
    let patch: JSONValue = ["spec": ["suspend": .bool(suspended)]]
    return try sendJSON(
      HTTPRequest(
        method: "PATCH", path: resource.objectPath(namespace: namespace, name: name),
        headers: [
          RequestBuilder.acceptJSON, ("Content-Type", "application/merge-patch+json"),
        ],
        body: patch.serialized()))
  }

  /// Runs a CronJob now: fetches it and creates the Job `kubectl create job NAME
  /// --from=cronjob/CRONJOB` would create. Returns the created Job.
  @discardableResult
  public func createJob(
    named jobName: String, fromCronJob cronJobName: String, namespace: String,
    namespaceExplicit: Bool = false
  ) throws(KubeError) -> JSONValue {
    let cronJob = try get(.cronJobs, namespace: namespace, name: cronJobName)
    let job = ManualJob.build(
      from: cronJob, name: jobName, namespace: namespaceExplicit ? namespace : nil)
    return try sendJSON(
      HTTPRequest(
        method: "POST", path: APIResource.jobs.collectionPath(namespace: namespace),
        query: [
          QueryItem("fieldManager", "kubectl-create"), QueryItem("fieldValidation", "Strict"),
        ],
        headers: [RequestBuilder.acceptJSON, ("Content-Type", "application/json")],
        body: job.serialized()))
  }

  /// Deletes an object with the chosen propagation; returns the server's answer (the object
  /// while its deletion is pending, or a Status). `gracePeriodSeconds` 0 kills a pod at once.
  @discardableResult
  public func delete(
    _ resource: APIResource, namespace: String, name: String,
    propagation: PropagationPolicy = .background, gracePeriodSeconds: Int64? = nil
  ) throws(KubeError) -> JSONValue {
    var options: JSONValue = [
      "kind": "DeleteOptions", "apiVersion": "v1",
      "propagationPolicy": .string(propagation.rawValue),
    ]
    if let gracePeriodSeconds { options["gracePeriodSeconds"] = .int(gracePeriodSeconds) }
    return try sendJSON(
      HTTPRequest(
        method: "DELETE", path: resource.objectPath(namespace: namespace, name: name),
        headers: [RequestBuilder.acceptJSON, ("Content-Type", "application/json")],
        body: options.serialized()))
  }

  /// Asks whether the current user may `verb` the resource (`SelfSubjectAccessReview`).
  public func canI(
    _ verb: String, _ resource: String, group: String, namespace: String?,
    subresource: String? = nil
  ) throws(KubeError) -> AccessReviewResult {
    var attributes: JSONValue = [
      "verb": .string(verb), "resource": .string(resource), "group": .string(group),
    ]
    if let namespace { attributes["namespace"] = .string(namespace) }
    if let subresource { attributes["subresource"] = .string(subresource) }
    let review: JSONValue = [
      "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
      "spec": ["resourceAttributes": attributes],
    ]
    let answer = try sendJSON(
      HTTPRequest(
        method: "POST", path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        headers: [RequestBuilder.acceptJSON, ("Content-Type", "application/json")],
        body: review.serialized()))
    return AccessReviewResult(
      allowed: answer[path: ["status", "allowed"]]?.boolValue ?? false,
      denied: answer[path: ["status", "denied"]]?.boolValue ?? false,
      reason: answer[path: ["status", "reason"]]?.stringValue ?? "")
  }
}

/// The Job `kubectl create job --from=cronjob/X` builds from a CronJob.
public enum ManualJob {
  /// - Parameter namespace: set in the Job's metadata only when `-n` was given explicitly.
  public static func build(from cronJob: JSONValue, name: String, namespace: String?) -> JSONValue {
    let template = cronJob[path: ["spec", "jobTemplate"]] ?? .object([:])
    var annotations: [String: JSONValue] = ["cronjob.kubernetes.io/instantiate": "manual"]
    for (key, value) in template[path: ["metadata", "annotations"]]?.objectValue ?? [:] {
      annotations[key] = value
    }
    var metadata: JSONValue = [
      "name": .string(name), "annotations": .object(annotations),
      "labels": template[path: ["metadata", "labels"]] ?? .object([:]),
      "ownerReferences": [
        [
          "apiVersion": "batch/v1", "kind": "CronJob",
          "name": cronJob[path: ["metadata", "name"]] ?? "",
          "uid": cronJob[path: ["metadata", "uid"]] ?? "", "controller": true,
        ]
      ],
    ]
    if let namespace { metadata["namespace"] = .string(namespace) }
    return [
      "apiVersion": "batch/v1", "kind": "Job", "metadata": metadata,
      "spec": template["spec"] ?? .object([:]),
    ]
  }
}
