import Foundation

/// The events view's rows: the Events of one object (or all), warnings first, then newest
/// first, with the cells of `kubectl get events` (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE).
public enum EventList {
  /// The column headers, as kubectl prints them.
  public static let columns = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]

  /// Events about `target` (by UID, or by kind and name when a side lacks one), or every
  /// event when `target` is `nil`, in the view's order.
  public static func events(in snapshot: ClusterSnapshot, about target: ObjectRef?) -> [Event] {
    let chosen = target.map { target in
      snapshot.events.filter { event in
        let involved = event.involvedObject
        if !involved.uid.isEmpty, !target.uid.isEmpty { return involved.uid == target.uid }
        return involved.kind == target.kind.rawValue && involved.name == target.name
          && event.metadata.namespace == target.namespace
      }
    }
    return ordered(chosen ?? snapshot.events)
  }

  /// Warnings before everything else, then by last time seen, newest first; ties by name.
  public static func ordered(_ events: [Event]) -> [Event] {
    events.sorted { lhs, rhs in
      let (leftWarning, rightWarning) = (lhs.type == "Warning", rhs.type == "Warning")
      if leftWarning != rightWarning { return leftWarning }
      let (left, right) = (lastSeen(lhs), lastSeen(rhs))
      if left != right { return left > right }
      return lhs.metadata.name < rhs.metadata.name
    }
  }

  /// When the event was last seen: `lastTimestamp`, else `firstTimestamp`, else its creation.
  public static func lastSeen(_ event: Event) -> Date {
    event.lastTimestamp ?? event.firstTimestamp ?? event.metadata.creationTimestamp
      ?? .distantPast
  }

  /// The row's cells: `45s`, `Warning`, `BackoffLimitExceeded`, `job/name`, the message
  /// (`(x3)` after LAST SEEN when it repeated, as kubectl shows the count).
  public static func cells(of event: Event, now: Date) -> [String] {
    let seen = HumanDuration.age(of: lastSeen(event), now: now)
    let involved = event.involvedObject
    return [
      event.count > 1 ? "\(seen) (x\(event.count))" : seen, event.type, event.reason,
      "\(involved.kind.lowercased())/\(involved.name)",
      event.message.replacingOccurrences(of: "\n", with: " "),
    ]
  }
}
