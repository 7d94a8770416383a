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

  /// The group version older servers serve instead (`batch/v1beta1` CronJobs before 1.21).
  public var legacyGroupVersionPath: String? {
    self == .cronJobs ? "/apis/batch/v1beta1" : nil
  }

  /// The collection path, in one namespace or across all when `namespace` is `nil`;
  /// `groupVersion` replaces `groupVersionPath` (for a legacy version).
  public func collectionPath(namespace: String?, groupVersion: String? = nil) -> String {
    let prefix = groupVersion ?? groupVersionPath
    guard let namespace else { return "\(prefix)/\(rawValue)" }
    return "\(prefix)/namespaces/\(namespace)/\(rawValue)"
  }

  /// The path of one object.
  public func objectPath(namespace: String, name: String) -> String {
    "\(collectionPath(namespace: namespace))/\(name)"
  }
}
