import APIMachinery
import Foundation

/// Writes core/v1 Events the way client-go's recorder does: one Event per distinct
/// (source, object, type, reason, message), repeated occurrences raise `count` and move
/// `lastTimestamp`.
final class EventRecorder: @unchecked Sendable {
  private let store: ObjectStore
  private var known: [String: String] = [:]
  private var sequence: Int64 = 0

  init(store: ObjectStore) { self.store = store }

  /// Records an event about `object` at virtual time `now`.
  func record(
    _ object: JSONValue, type: String = "Normal", reason: String, message: String,
    component: String, host: String? = nil, fieldPath: String? = nil, now: Date
  ) {
    let namespace = object.namespace.isEmpty ? "default" : object.namespace
    let kind = object.string("kind") ?? ""
    let identity = [
      component, host ?? "", kind, namespace, object.name, object.uid, fieldPath ?? "", type,
      reason, message,
    ].joined(separator: "\u{1}")
    store.withLock {
      if let existing = known[identity],
        store.mutate(
          .events, namespace, existing,
          { event in
            event["count"] = .int((event.int("count") ?? 1) + 1)
            event["lastTimestamp"] = now.rfc3339
          }) != nil
      {
        return
      }
      sequence += 1
      let nanos = Int64(now.timeIntervalSince1970 * 1e9) + sequence
      var involved: JSONValue = [
        "kind": .string(kind), "namespace": .string(namespace), "name": .string(object.name),
        "uid": .string(object.uid), "apiVersion": .string(object.string("apiVersion") ?? ""),
        "resourceVersion": .string(object.string("metadata", "resourceVersion") ?? ""),
      ]
      if let fieldPath { involved["fieldPath"] = .string(fieldPath) }
      var source: JSONValue = ["component": .string(component)]
      if let host { source["host"] = .string(host) }
      let name = "\(object.name).\(String(nanos, radix: 16))"
      let event: JSONValue = [
        "metadata": ["name": .string(name), "namespace": .string(namespace)],
        "involvedObject": involved, "reason": .string(reason), "message": .string(message),
        "source": source, "firstTimestamp": now.rfc3339, "lastTimestamp": now.rfc3339,
        "count": 1, "type": .string(type), "eventTime": nil,
        "reportingComponent": .string(component), "reportingInstance": .string(host ?? ""),
      ]
      if (try? store.create(.events, event)) != nil { known[identity] = name }
    }
  }

  /// Forgets dedup keys of events that no longer exist.
  func prune() {
    store.withLock {
      known = known.filter { store.get(.events, namespaceOf($0.key), $0.value) != nil }
    }
  }

  private func namespaceOf(_ identity: String) -> String {
    let parts = identity.split(separator: "\u{1}", omittingEmptySubsequences: false)
    return parts.count > 3 ? String(parts[3]) : "default"
  }
}
