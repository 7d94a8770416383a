import Foundation

/// The identity and bookkeeping every API object shares.
public struct ObjectMeta: Sendable, Hashable {
  public var namespace: String
  public var name: String
  public var uid: String
  public var resourceVersion: String
  public var creationTimestamp: Date?
  public var deletionTimestamp: Date?
  public var labels: [String: String]
  public var annotations: [String: String]
  /// The owner reference marked `controller: true`, if any.
  public var controller: OwnerReference?

  public init(
    namespace: String = "", name: String, uid: String = "", resourceVersion: String = "",
    creationTimestamp: Date? = nil, deletionTimestamp: Date? = nil,
    labels: [String: String] = [:], annotations: [String: String] = [:],
    controller: OwnerReference? = nil
  ) {
    self.namespace = namespace
    self.name = name
    self.uid = uid
    self.resourceVersion = resourceVersion
    self.creationTimestamp = creationTimestamp
    self.deletionTimestamp = deletionTimestamp
    self.labels = labels
    self.annotations = annotations
    self.controller = controller
  }
}

/// A reference from an object to the object that controls it.
public struct OwnerReference: Sendable, Hashable {
  public var kind: String
  public var name: String
  public var uid: String

  public init(kind: String, name: String, uid: String) {
    self.kind = kind
    self.name = name
    self.uid = uid
  }
}

/// A container of a pod template: what `CONTAINERS` and `IMAGES` columns print.
public struct ContainerSpec: Sendable, Hashable {
  public var name: String
  public var image: String
  /// Ports, command, environment, mounts, resources and probes, for describe.
  public var details = ContainerDetails()

  public init(name: String, image: String) {
    self.name = name
    self.image = image
  }
}

/// A status condition of a Job or Pod.
public struct Condition: Sendable, Hashable {
  public var type: String
  /// `True`, `False` or `Unknown`.
  public var status: String
  public var reason: String
  public var message: String
  public var lastTransitionTime: Date?

  public init(
    type: String, status: String, reason: String = "", message: String = "",
    lastTransitionTime: Date? = nil
  ) {
    self.type = type
    self.status = status
    self.reason = reason
    self.message = message
    self.lastTransitionTime = lastTransitionTime
  }

  public var isTrue: Bool { status == "True" }
}

extension Array where Element == Condition {
  /// Whether the first condition of `type` has status `True`, as kubectl's printers check.
  public func isTrue(_ type: String) -> Bool {
    first { $0.type == type }?.isTrue ?? false
  }
}
