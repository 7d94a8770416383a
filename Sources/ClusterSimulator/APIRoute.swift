import APIMachinery

/// A request path resolved to a resource, namespace, name and subresource.
struct APIRoute: Sendable, Equatable {
  var resource: Resource
  var namespace: String?
  var name: String?
  var subresource: String?
  /// The legacy `/api/v1/watch/...` form, which always watches.
  var isLegacyWatch = false

  /// Resolves `/api/v1/...` and `/apis/batch/v1/...` paths; `nil` when no resource matches.
  init?(path: String) {
    let parts = path.split(separator: "/").map(String.init)
    var rest: ArraySlice<String>
    var group: String
    if parts.starts(with: ["api", "v1"]) {
      rest = parts.dropFirst(2)
      group = ""
    } else if parts.starts(with: ["apis", "batch", "v1"]) {
      rest = parts.dropFirst(3)
      group = "batch"
    } else {
      return nil
    }
    let legacyWatch = rest.first == "watch"
    if legacyWatch { rest = rest.dropFirst() }
    var namespace: String?
    if rest.first == "namespaces", rest.count >= 3 {
      namespace = rest[rest.startIndex + 1]
      rest = rest.dropFirst(2)
    } else if rest.first == "namespaces", group.isEmpty {
      guard rest.count <= 2 else { return nil }
      self.init(resource: .namespaces, name: rest.dropFirst().first)
      isLegacyWatch = legacyWatch
      return
    }
    guard let first = rest.first, let resource = Resource(rawValue: first),
      resource.group == group, resource.isNamespaced, rest.count <= 3
    else { return nil }
    self.init(
      resource: resource, namespace: namespace, name: rest.dropFirst().first,
      subresource: rest.dropFirst(2).first)
    isLegacyWatch = legacyWatch
  }

  init(
    resource: Resource, namespace: String? = nil, name: String? = nil, subresource: String? = nil
  ) {
    self.resource = resource
    self.namespace = namespace
    self.name = name
    self.subresource = subresource
  }

  var notFound: APIStatus {
    .notFound(resource: resource.rawValue, group: resource.group, name: name ?? "")
  }
}
