import APIMachinery
import Foundation

extension JSONValue {
  /// A string at a path of object keys.
  func string(_ path: String...) -> String? { self[path: path]?.stringValue }

  /// An integer at a path of object keys.
  func int(_ path: String...) -> Int64? { self[path: path]?.intValue }

  /// A boolean at a path of object keys.
  func bool(_ path: String...) -> Bool? { self[path: path]?.boolValue }

  /// An array at a path of object keys; empty when missing.
  func array(_ path: String...) -> [JSONValue] { self[path: path]?.arrayValue ?? [] }

  var name: String { string("metadata", "name") ?? "" }
  var namespace: String { string("metadata", "namespace") ?? "" }
  var uid: String { string("metadata", "uid") ?? "" }
  var labels: [String: String] {
    (self[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
  }
  var isDeleting: Bool {
    self[path: ["metadata", "deletionTimestamp"]].map { !$0.isNull } ?? false
  }

  /// The `controller: true` owner reference, if any.
  var controllerRef: JSONValue? {
    array("metadata", "ownerReferences").first { $0.bool("controller") == true }
  }

  /// A time field parsed from RFC 3339.
  func time(_ path: String...) -> Date? { self[path: path]?.stringValue.flatMap(RFC3339.parse) }

  /// Builds a string-valued JSON object.
  static func strings(_ map: [String: String]) -> JSONValue {
    .object(map.mapValues { .string($0) })
  }

  /// A reference to this object as an owner.
  func ownerReference(controller: Bool = true) -> JSONValue {
    [
      "apiVersion": .string(string("apiVersion") ?? ""), "kind": .string(string("kind") ?? ""),
      "name": .string(name), "uid": .string(uid), "controller": .bool(controller),
      "blockOwnerDeletion": true,
    ]
  }
}

extension Date {
  var rfc3339: JSONValue { .string(RFC3339.format(self)) }
}
