/// A kind of object the dashboard reads, with where the API serves it.
public enum APIResource: String, Sendable, CaseIterable {
  case cronJobs = "cronjobs"
  case jobs
  case pods
  case events

  /// The group and version prefix: `/api/v1` for the core group, `/apis/<group>/<version>`.
  public var groupVersionPath: String {
    switch self {
    case .cronJobs, .jobs: "/apis/batch/v1"
    case .pods, .events: "/api/v1"
    }
  }

  /// The collection path, in one namespace or across all when `namespace` is `nil`.
  public func collectionPath(namespace: String?) -> String {
    guard let namespace else { return "\(groupVersionPath)/\(rawValue)" }
    return "\(groupVersionPath)/namespaces/\(namespace)/\(rawValue)"
  }

  /// The path of one object.
  public func objectPath(namespace: String, name: String) -> String {
    "\(collectionPath(namespace: namespace))/\(name)"
  }
}
