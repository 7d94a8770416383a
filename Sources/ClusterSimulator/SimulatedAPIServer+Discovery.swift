import APIMachinery

extension SimulatedAPIServer {
  /// The static discovery documents: `/version`, `/api`, `/apis`, `/api/v1`, `/apis/batch/v1`.
  func discovery(_ path: String) -> JSONValue? {
    let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    switch trimmed {
    case "/version":
      return [
        "major": "1", "minor": "33", "gitVersion": "v1.33.1-batchdeck-sim",
        "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
        "buildDate": "2025-05-15T00:00:00Z", "goVersion": "go1.24.2", "compiler": "gc",
        "platform": "linux/amd64",
      ]
    case "/api":
      return [
        "kind": "APIVersions", "versions": ["v1"],
        "serverAddressByClientCIDRs": [
          ["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"]
        ],
      ]
    case "/apis":
      let batch: JSONValue = [
        "name": "batch", "versions": [["groupVersion": "batch/v1", "version": "v1"]],
        "preferredVersion": ["groupVersion": "batch/v1", "version": "v1"],
      ]
      return ["kind": "APIGroupList", "apiVersion": "v1", "groups": [batch]]
    case "/api/v1":
      return resourceList("v1", [.pods, .events, .secrets, .configmaps, .namespaces])
    case "/apis/batch/v1":
      return resourceList("batch/v1", [.jobs, .cronjobs])
    default:
      return nil
    }
  }

  private func resourceList(_ groupVersion: String, _ resources: [Resource]) -> JSONValue {
    var entries: [JSONValue] = []
    let verbs: JSONValue = [
      "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
    ]
    for resource in resources {
      var entry: JSONValue = [
        "name": .string(resource.rawValue), "singularName": .string(resource.singular),
        "namespaced": .bool(resource.isNamespaced), "kind": .string(resource.kind),
        "verbs": verbs,
      ]
      let shortNames: [Resource: JSONValue] = [
        .pods: ["po"], .events: ["ev"], .cronjobs: ["cj"], .namespaces: ["ns"],
        .configmaps: ["cm"],
      ]
      if let names = shortNames[resource] { entry["shortNames"] = names }
      if resource == .jobs || resource == .cronjobs || resource == .pods {
        entry["categories"] = ["all"]
      }
      entries.append(entry)
      if [.pods, .jobs, .cronjobs].contains(resource) {
        entries.append([
          "name": .string("\(resource.rawValue)/status"), "singularName": "",
          "namespaced": true, "kind": .string(resource.kind), "verbs": ["get", "patch", "update"],
        ])
      }
      if resource == .pods {
        entries.append([
          "name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod",
          "verbs": ["get"],
        ])
      }
    }
    return [
      "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
      "resources": .array(entries),
    ]
  }

  /// `POST selfsubjectaccessreviews`: the simulated user may do everything.
  func accessReview(_ request: HTTPRequest, _ onHead: HeadSink, _ onChunk: ChunkSink) {
    guard request.method == "POST" else {
      return send(.methodNotAllowed("only POST is allowed"), onHead, onChunk)
    }
    guard let review = try? JSONValue.parse(request.body), review.objectValue != nil else {
      return send(.badRequest("error decoding request body"), onHead, onChunk)
    }
    var answer = review
    answer["kind"] = "SelfSubjectAccessReview"
    answer["apiVersion"] = "authorization.k8s.io/v1"
    answer["metadata"] = ["creationTimestamp": nil]
    answer["status"] = ["allowed": true, "reason": "the simulated cluster allows everything"]
    send(201, answer, onHead, onChunk)
  }
}
