/// An API path taken apart: group, version, namespace, resource, name, subresource.
struct RequestPath: Equatable {
  var group = ""
  var version = ""
  var namespace: String?
  var resource = ""
  var name: String?
  var subresource: String?
  var isWatchPath = false

  /// `nil` for paths that are not resource paths (discovery, health, admin).
  init?(_ path: String) {
    var parts = path.split(separator: "/").map(String.init)[...]
    if parts.first == "api", parts.count >= 2 {
      version = parts[parts.startIndex + 1]
      parts = parts.dropFirst(2)
    } else if parts.first == "apis", parts.count >= 3 {
      group = parts[parts.startIndex + 1]
      version = parts[parts.startIndex + 2]
      parts = parts.dropFirst(3)
    } else {
      return nil
    }
    if parts.first == "watch" {
      isWatchPath = true
      parts = parts.dropFirst()
    }
    if parts.first == "namespaces", parts.count >= 3 {
      namespace = parts[parts.startIndex + 1]
      parts = parts.dropFirst(2)
    }
    guard let first = parts.first else { return nil }
    resource = first
    name = parts.dropFirst().first
    subresource = parts.dropFirst(2).first
    if resource == "namespaces", namespace == nil { namespace = name }
  }

  /// The verb RBAC would check for `method` on this path.
  func verb(method: String, watch: Bool) -> String {
    switch method {
    case "GET": watch || isWatchPath ? "watch" : (name == nil ? "list" : "get")
    case "POST": "create"
    case "PUT": "update"
    case "PATCH": "patch"
    case "DELETE": name == nil ? "deletecollection" : "delete"
    default: method.lowercased()
    }
  }
}
