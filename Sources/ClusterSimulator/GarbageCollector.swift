import APIMachinery
import Foundation

/// Removes dependents whose owners are gone (Background), finishes Foreground deletions once
/// no dependent blocks them, and expires Events after `eventTTL` virtual seconds.
final class GarbageCollector: @unchecked Sendable {
  let store: ObjectStore
  let events: EventRecorder
  var eventTTL: TimeInterval = 3600
  private var lastEventSweep = Date.distantPast

  init(store: ObjectStore, events: EventRecorder) {
    self.store = store
    self.events = events
  }

  func sync(now: Date) {
    let everything = store.allObjects()
    let uids = Set(everything.map { $0.1.uid })
    var ownersWithDependents = Set<String>()
    for (resource, object) in everything {
      let owners = object.array("metadata", "ownerReferences").compactMap { $0.string("uid") }
      guard !owners.isEmpty else { continue }
      ownersWithDependents.formUnion(owners)
      if owners.allSatisfy({ !uids.contains($0) }), !object.isDeleting {
        _ = try? store.delete(resource, object.namespace, object.name, propagation: .background)
      }
    }

    for (resource, object) in everything
    where object.isDeleting && object.array("metadata", "finalizers").contains("foregroundDeletion")
    {
      let dependents = store.dependents(of: object.uid)
      if dependents.isEmpty {
        store.mutate(resource, object.namespace, object.name) { owner in
          let kept = owner.array("metadata", "finalizers").filter { $0 != "foregroundDeletion" }
          owner[path: ["metadata", "finalizers"]] = kept.isEmpty ? nil : .array(kept)
        }
      } else {
        for (kind, dependent) in dependents where !dependent.isDeleting {
          _ = try? store.delete(kind, dependent.namespace, dependent.name, propagation: .foreground)
        }
      }
    }

    guard now.timeIntervalSince(lastEventSweep) >= 60 else { return }
    lastEventSweep = now
    for event in store.list(.events).items {
      if let last = event.time("lastTimestamp"), now.timeIntervalSince(last) > eventTTL {
        _ = try? store.delete(.events, event.namespace, event.name)
      }
    }
    events.prune()
  }
}
