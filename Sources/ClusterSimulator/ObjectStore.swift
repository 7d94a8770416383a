import APIMachinery
import Foundation

/// Keeps API objects as JSON documents exactly as the API serves them.
///
/// Objects are keyed by resource, namespace and name. Every write takes the next global
/// revision, stamps it into `metadata.resourceVersion` and appends a change to a bounded log
/// that watches read; `waitForChange(after:timeout:)` wakes blocked watches. All access is
/// serialised by one recursive lock, so a controller can hold it across a read-modify-write
/// with `withLock(_:)`.
final class ObjectStore: @unchecked Sendable {
  let clock: VirtualClock
  let changeWindow: Int
  private let lock = NSRecursiveLock()
  private let signal = NSCondition()
  private var objects: [Resource: [String: JSONValue]] = [:]
  /// Each resource's keys in order, kept until an object is added or removed: a paged list
  /// asks for them once per page.
  private var sortedKeys: [Resource: [String]] = [:]
  private(set) var revision: Int64 = 1
  private var published: Int64 = 1
  private var changes: [StoredChange] = []
  private var random: SeededRandom

  init(clock: VirtualClock, seed: UInt64, changeWindow: Int = 5000) {
    self.clock = clock
    self.changeWindow = changeWindow
    random = SeededRandom(seed: seed)
  }

  /// Runs `body` while holding the store lock.
  func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  static func key(_ namespace: String, _ name: String) -> String { "\(namespace)/\(name)" }

  /// One object, or `nil`.
  func get(_ resource: Resource, _ namespace: String, _ name: String) -> JSONValue? {
    withLock { objects[resource]?[Self.key(namespace, name)] }
  }

  /// Objects of a resource in key order, in one namespace or all (`nil`), and the revision.
  func list(_ resource: Resource, namespace: String? = nil) -> (items: [JSONValue], revision: Int64)
  {
    withLock {
      let all = objects[resource] ?? [:]
      let keys = all.keys.sorted().filter { key in
        guard let namespace else { return true }
        return key.hasPrefix(namespace + "/")
      }
      return (keys.compactMap { all[$0] }, revision)
    }
  }

  /// One page of a list: the objects after the key `after` (from the first when `nil`), in
  /// key order, in one namespace or all, that `matching` accepts (all when `nil`), at most
  /// `limit` of them (all when `nil`); whether more follow; and, when `matching` is `nil`, how
  /// many follow. The same objects, in the same order, as filtering `list(_:namespace:)`.
  func page(
    _ resource: Resource, namespace: String?, after: String?, limit: Int?,
    matching: ((JSONValue) -> Bool)?
  ) -> (items: [JSONValue], more: Bool, remaining: Int?, revision: Int64) {
    withLock {
      let all = objects[resource] ?? [:]
      let keys = orderedKeys(resource)
      var index = after.map { Self.firstIndex(in: keys, after: $0) } ?? 0
      let prefix = namespace.map { $0 + "/" }
      var items: [JSONValue] = []
      var more = false
      while index < keys.count {
        let key = keys[index]
        index += 1
        if let prefix, !key.hasPrefix(prefix) { continue }
        guard let object = all[key], matching?(object) ?? true else { continue }
        if let limit, items.count == limit {
          more = true
          break
        }
        items.append(object)
      }
      var remaining: Int?
      if more, matching == nil {
        // The object found past the limit, then every in-scope key after it.
        remaining = 1 + keys[index...].count { key in prefix.map { key.hasPrefix($0) } ?? true }
      }
      return (items, more, remaining, revision)
    }
  }

  /// The keys of `resource` in order; call with the lock held.
  private func orderedKeys(_ resource: Resource) -> [String] {
    if let keys = sortedKeys[resource] { return keys }
    let keys = (objects[resource] ?? [:]).keys.sorted()
    sortedKeys[resource] = keys
    return keys
  }

  /// The index of the first of the ordered `keys` greater than `key`.
  private static func firstIndex(in keys: [String], after key: String) -> Int {
    var low = 0
    var high = keys.count
    while low < high {
      let middle = (low + high) / 2
      if keys[middle] > key { high = middle } else { low = middle + 1 }
    }
    return low
  }

  /// Every object of every resource that can have owners (Events never do).
  func allObjects() -> [(Resource, JSONValue)] {
    withLock {
      Resource.allCases.filter { $0 != .events }.flatMap { resource in
        list(resource).items.map { (resource, $0) }
      }
    }
  }

  /// A fresh deterministic UID.
  func makeUID() -> String { withLock { random.uuid() } }

  /// Stores a new object; fills name from `generateName`, uid, creationTimestamp, generation.
  func create(_ resource: Resource, _ input: JSONValue) throws(APIStatus) -> JSONValue {
    try withLock { () throws(APIStatus) -> JSONValue in
      var object = input
      let namespace = resource.isNamespaced ? object.namespace : ""
      if object.name.isEmpty, let prefix = object.string("metadata", "generateName"),
        !prefix.isEmpty
      {
        var candidate = ""
        repeat {
          candidate = String(prefix.prefix(58)) + random.nameSuffix()
        } while objects[resource]?[Self.key(namespace, candidate)] != nil
        object[path: ["metadata", "name"]] = .string(candidate)
      }
      guard !object.name.isEmpty else {
        throw APIStatus(
          code: 422, reason: "Invalid",
          message: "\(resource.kind) \"\" is invalid: metadata.name: Required value: "
            + "name or generateName is required")
      }
      let key = Self.key(namespace, object.name)
      if objects[resource]?[key] != nil {
        throw .alreadyExists(resource: resource.rawValue, group: resource.group, name: object.name)
      }
      object["kind"] = .string(resource.kind)
      object["apiVersion"] = .string(resource.apiVersion)
      if object.uid.isEmpty { object[path: ["metadata", "uid"]] = .string(random.uuid()) }
      if object.time("metadata", "creationTimestamp") == nil {
        object[path: ["metadata", "creationTimestamp"]] = clock.now.rfc3339
      }
      if resource == .jobs || resource == .cronjobs {
        object[path: ["metadata", "generation"]] = 1
      }
      return commit(resource, key: key, object: object, type: .added, previous: nil)
    }
  }

  /// Replaces a stored object; bumps `generation` when `spec` changed. A write that changes
  /// nothing is not recorded. An object being deleted whose finalizers are gone is removed.
  @discardableResult
  func update(_ resource: Resource, _ input: JSONValue) throws(APIStatus) -> JSONValue {
    try withLock { () throws(APIStatus) -> JSONValue in
      let key = Self.key(resource.isNamespaced ? input.namespace : "", input.name)
      guard let old = objects[resource]?[key] else {
        throw .notFound(resource: resource.rawValue, group: resource.group, name: input.name)
      }
      var object = input
      for field in ["uid", "creationTimestamp", "resourceVersion", "generation"] {
        object[path: ["metadata", field]] = old[path: ["metadata", field]]
      }
      if old.isDeleting, !object.isDeleting {
        object[path: ["metadata", "deletionTimestamp"]] =
          old[path: ["metadata", "deletionTimestamp"]]
      }
      if object == old { return old }
      if let generation = old.int("metadata", "generation"), object["spec"] != old["spec"] {
        object[path: ["metadata", "generation"]] = .int(generation + 1)
      }
      if object.isDeleting, object.array("metadata", "finalizers").isEmpty,
        resource != .pods || object.int("metadata", "deletionGracePeriodSeconds") == 0
      {
        return remove(resource, key: key, last: object)
      }
      return commit(resource, key: key, object: object, type: .modified, previous: old)
    }
  }

  /// Reads, changes and writes one object under the lock; `nil` when it does not exist.
  @discardableResult
  func mutate(
    _ resource: Resource, _ namespace: String, _ name: String, _ change: (inout JSONValue) -> Void
  ) -> JSONValue? {
    withLock {
      guard var object = get(resource, namespace, name) else { return nil }
      change(&object)
      return try? update(resource, object)
    }
  }

  /// Removes an object for good and records `DELETED`.
  @discardableResult
  func remove(_ resource: Resource, key: String, last: JSONValue) -> JSONValue {
    withLock {
      if objects[resource]?.removeValue(forKey: key) != nil { sortedKeys[resource] = nil }
      var object = last
      object[path: ["metadata", "resourceVersion"]] = .string(String(revision + 1))
      revision += 1
      record(StoredChange(revision: revision, resource: resource, type: .deleted, object: object))
      return object
    }
  }

  private func commit(
    _ resource: Resource, key: String, object input: JSONValue, type: StoredChange.ChangeType,
    previous: JSONValue?
  ) -> JSONValue {
    var object = input
    revision += 1
    object[path: ["metadata", "resourceVersion"]] = .string(String(revision))
    if objects[resource, default: [:]].updateValue(object, forKey: key) == nil {
      sortedKeys[resource] = nil
    }
    record(
      StoredChange(
        revision: revision, resource: resource, type: type, object: object, previous: previous))
    return object
  }

  private func record(_ change: StoredChange) {
    changes.append(change)
    if changes.count > changeWindow + changeWindow / 4 {
      changes.removeFirst(changes.count - changeWindow)
    }
    signal.lock()
    published = revision
    signal.broadcast()
    signal.unlock()
  }

  /// The oldest revision a watch may start from.
  var oldestWatchable: Int64 { withLock { (changes.first?.revision ?? revision + 1) - 1 } }

  /// Changes after `revisionSeen`, or `nil` when they fell out of the window.
  func changes(after revisionSeen: Int64) -> [StoredChange]? {
    withLock {
      if revisionSeen >= revision { return [] }
      guard revisionSeen >= oldestWatchable else { return nil }
      var low = 0
      var high = changes.count
      while low < high {
        let middle = (low + high) / 2
        if changes[middle].revision <= revisionSeen { low = middle + 1 } else { high = middle }
      }
      return Array(changes[low...])
    }
  }

  /// Blocks until a revision newer than `revisionSeen` exists or `timeout` real seconds pass.
  func waitForChange(after revisionSeen: Int64, timeout: TimeInterval) {
    let deadline = Date(timeIntervalSinceNow: timeout)
    signal.lock()
    while published <= revisionSeen, signal.wait(until: deadline) {}
    signal.unlock()
  }
}
