import APIMachinery
import BatchdeckModel
import Foundation

/// Tolerant readers for API JSON: a missing or mistyped field gets its default.
extension JSONValue {
  func string(_ path: String...) -> String { self[path: path]?.stringValue ?? "" }

  func optionalString(_ path: String...) -> String? { self[path: path]?.stringValue }

  func int(_ path: String..., default fallback: Int = 0) -> Int {
    self[path: path]?.intValue.map { Int(clamping: $0) } ?? fallback
  }

  func optionalInt(_ path: String...) -> Int? {
    self[path: path]?.intValue.map { Int(clamping: $0) }
  }

  func optionalInt64(_ path: String...) -> Int64? { self[path: path]?.intValue }

  func optionalBool(_ path: String...) -> Bool? { self[path: path]?.boolValue }

  func date(_ path: String...) -> Date? { self[path: path]?.stringValue.flatMap(RFC3339.parse) }

  func stringMap(_ path: String...) -> [String: String] {
    guard let members = self[path: path]?.objectValue else { return [:] }
    return members.compactMapValues(\.stringValue)
  }

  func list(_ path: String...) -> [JSONValue] { self[path: path]?.arrayValue ?? [] }
}

extension ObjectMeta {
  /// Reads `metadata` of an API object.
  init(wire object: JSONValue) {
    let meta = object["metadata"] ?? .object([:])
    let controller = meta.list("ownerReferences").first { $0["controller"]?.boolValue == true }
    self.init(
      namespace: meta.string("namespace"), name: meta.string("name"), uid: meta.string("uid"),
      resourceVersion: meta.string("resourceVersion"),
      creationTimestamp: meta.date("creationTimestamp"),
      deletionTimestamp: meta.date("deletionTimestamp"), labels: meta.stringMap("labels"),
      annotations: meta.stringMap("annotations"),
      controller: controller.map {
        OwnerReference(kind: $0.string("kind"), name: $0.string("name"), uid: $0.string("uid"))
      })
  }
}

extension Condition {
  init(wire condition: JSONValue) {
    self.init(
      type: condition.string("type"), status: condition.string("status"),
      reason: condition.string("reason"), message: condition.string("message"),
      lastTransitionTime: condition.date("lastTransitionTime"))
  }
}

extension ContainerSpec {
  static func list(wire podSpec: JSONValue?) -> [ContainerSpec] {
    (podSpec?["containers"]?.arrayValue ?? []).map(ContainerSpec.init(wire:))
  }
}
