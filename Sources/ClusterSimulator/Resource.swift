/// The kinds of object the simulated cluster stores, with their API names.
public enum Resource: String, CaseIterable, Sendable, Hashable {
  case pods, jobs, cronjobs, events, secrets, namespaces, configmaps

  /// The API group; empty for the core group.
  public var group: String {
    switch self {
    case .jobs, .cronjobs: "batch"
    default: ""
    }
  }

  /// The `apiVersion` objects of this resource carry.
  public var apiVersion: String { group.isEmpty ? "v1" : "\(group)/v1" }

  /// The `kind` of one object.
  public var kind: String {
    switch self {
    case .pods: "Pod"
    case .jobs: "Job"
    case .cronjobs: "CronJob"
    case .events: "Event"
    case .secrets: "Secret"
    case .namespaces: "Namespace"
    case .configmaps: "ConfigMap"
    }
  }

  /// The `kind` of a list, such as `JobList`.
  public var listKind: String { kind + "List" }

  /// Whether objects live in a namespace.
  public var isNamespaced: Bool { self != .namespaces }

  /// The singular resource name used in discovery.
  var singular: String { kind.lowercased() }

  /// The resource for a `kind`, or `nil` for kinds the simulator does not store.
  public init?(kind: String) {
    guard let match = Resource.allCases.first(where: { $0.kind == kind }) else { return nil }
    self = match
  }
}
