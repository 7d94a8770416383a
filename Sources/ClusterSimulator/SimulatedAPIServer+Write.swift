import APIMachinery
import Foundation

extension SimulatedAPIServer {
  /// POST: creates an object with server defaults; 409 AlreadyExists, 422 Invalid.
  func create(_ request: HTTPRequest, _ route: APIRoute) throws(APIStatus) -> JSONValue {
    var object = try body(request)
    guard object.objectValue != nil else { throw .badRequest("the body must be a JSON object") }
    if let kind = object.string("kind"), kind != route.resource.kind {
      throw .badRequest(
        "the API version in the data (\(object.string("apiVersion") ?? "")) does not match "
          + "the expected API version (\(route.resource.apiVersion))")
    }
    if route.resource.isNamespaced {
      let namespace = route.namespace ?? "default"
      if !object.namespace.isEmpty, object.namespace != namespace {
        throw .badRequest(
          "the namespace of the provided object does not match the namespace sent on the request")
      }
      object[path: ["metadata", "namespace"]] = .string(namespace)
      guard store.get(.namespaces, "", namespace) != nil else {
        throw .notFound(resource: "namespaces", group: "", name: namespace)
      }
    }
    object["status"] = nil
    return try Self.admit(route.resource, object, store: store)
  }

  /// Defaults, validates (unless `validating` is false) and stores a new object (shared with
  /// scenario loading).
  static func admit(
    _ resource: Resource, _ input: JSONValue, store: ObjectStore, validating: Bool = true
  ) throws(APIStatus) -> JSONValue {
    var object = input
    for field in ["uid", "resourceVersion"] { object[path: ["metadata", field]] = nil }
    object[path: ["metadata", "uid"]] = .string(store.makeUID())
    if resource == .secrets, let plain = object["stringData"]?.objectValue {
      var data = object["data"]?.objectValue ?? [:]
      for (key, value) in plain {
        data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString())
      }
      object["data"] = .object(data)
      object["stringData"] = nil
    }
    if resource == .namespaces {
      object[path: ["status", "phase"]] = "Active"
      object[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = .string(object.name)
    }
    APIDefaults.apply(resource, to: &object)
    if validating { try Validation.validate(resource, object) }
    return try store.create(resource, object)
  }

  /// PUT: replaces the object (or only its status for `/status`); 409 on a stale version.
  func replace(_ request: HTTPRequest, _ route: APIRoute) throws(APIStatus) -> JSONValue {
    let incoming = try body(request)
    return try store.withLock { () throws(APIStatus) -> JSONValue in
      let old = try current(route)
      if let version = incoming.string("metadata", "resourceVersion"),
        version != old.string("metadata", "resourceVersion")
      {
        throw conflict(route)
      }
      var object = old
      if route.subresource == "status" {
        object["status"] = incoming["status"]
      } else {
        object = incoming
        object["status"] = old["status"]
        object[path: ["metadata", "namespace"]] = old["metadata"]?["namespace"]
        object[path: ["metadata", "name"]] = .string(old.name)
      }
      try Validation.validate(route.resource, object)
      return try store.update(route.resource, object)
    }
  }

  /// PATCH with `application/merge-patch+json` or `application/strategic-merge-patch+json`.
  func patch(_ request: HTTPRequest, _ route: APIRoute) throws(APIStatus) -> JSONValue {
    let type = request.header("Content-Type") ?? ""
    guard
      type.hasPrefix("application/merge-patch+json")
        || type.hasPrefix("application/strategic-merge-patch+json")
    else {
      throw APIStatus(
        code: 415, reason: "UnsupportedMediaType",
        message: "the body of the request was in an unknown format - accepted media types "
          + "include: application/merge-patch+json, application/strategic-merge-patch+json")
    }
    let change = try body(request)
    return try store.withLock { () throws(APIStatus) -> JSONValue in
      let old = try current(route)
      var object = MergePatch.apply(change, to: old)
      if route.subresource == "status" {
        var kept = old
        kept["status"] = object["status"]
        object = kept
      }
      for field in ["name", "namespace", "uid"] {
        object[path: ["metadata", field]] = old["metadata"]?[field]
      }
      try Validation.validate(route.resource, object)
      return try store.update(route.resource, object)
    }
  }

  /// DELETE with `propagationPolicy` and `gracePeriodSeconds` from the query or a
  /// DeleteOptions body.
  func delete(_ request: HTTPRequest, _ route: APIRoute) throws(APIStatus) -> JSONValue {
    let options = request.body.isEmpty ? JSONValue.object([:]) : try body(request)
    let policyText = request.queryValue("propagationPolicy") ?? options.string("propagationPolicy")
    var policy: DeletionPropagation?
    if let policyText {
      guard let parsed = DeletionPropagation(rawValue: policyText) else {
        throw APIStatus(
          code: 422, reason: "Invalid",
          message: "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported "
            + "value: \"\(policyText)\": supported values: \"Foreground\", \"Background\", "
            + "\"Orphan\", \"nil\"")
      }
      policy = parsed
    } else if options.bool("orphanDependents") == true {
      policy = .orphan
    }
    let grace =
      request.queryValue("gracePeriodSeconds").flatMap { Int64($0) }
      ?? options.int("gracePeriodSeconds")
    if route.resource == .namespaces {
      throw .methodNotAllowed("the simulator does not delete namespaces")
    }
    return try store.delete(
      route.resource, route.namespace ?? "", route.name ?? "", propagation: policy,
      gracePeriodSeconds: grace)
  }

  private func current(_ route: APIRoute) throws(APIStatus) -> JSONValue {
    guard let object = store.get(route.resource, route.namespace ?? "", route.name ?? "") else {
      throw route.notFound
    }
    return object
  }

  private func conflict(_ route: APIRoute) -> APIStatus {
    let qualified =
      route.resource.group.isEmpty
      ? route.resource.rawValue : "\(route.resource.rawValue).\(route.resource.group)"
    return APIStatus(
      code: 409, reason: "Conflict",
      message: "Operation cannot be fulfilled on \(qualified) \"\(route.name ?? "")\": the object "
        + "has been modified; please apply your changes to the latest version and try again",
      details: [
        "name": .string(route.name ?? ""), "group": .string(route.resource.group),
        "kind": .string(route.resource.rawValue),
      ])
  }
}
