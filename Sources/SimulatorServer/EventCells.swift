import APIMachinery
import BatchdeckModel
import Foundation

/// The cells of `kubectl get events` (KUBERNETES.md 2.6), wide columns included.
enum EventCells {
  static func cells(_ event: JSONValue, now: Date) -> [JSONValue] {
    let firstTime = event.time("firstTimestamp") ?? event.time("eventTime")
    let first = HumanDuration.age(of: firstTime, now: now)
    var last = event.time("lastTimestamp").map { HumanDuration.age(of: $0, now: now) } ?? first
    var count = event.number("count") ?? 0
    if let series = event["series"] {
      last = HumanDuration.age(of: series.time("lastObservedTime"), now: now)
      count = series.number("count") ?? count
    }
    if count == 0 { count = 1 }
    let kind = event.text("involvedObject", "kind").lowercased()
    let name = event.text("involvedObject", "name")
    var source = event.text("source", "component")
    if source.isEmpty { source = event.text("reportingComponent") }
    var host = event.text("source", "host")
    if host.isEmpty { host = event.text("reportingInstance") }
    if !host.isEmpty { source += ", \(host)" }
    return [
      .string(last), .string(event.text("type")), .string(event.text("reason")),
      .string(name.isEmpty ? kind : "\(kind)/\(name)"),
      .string(event.text("involvedObject", "fieldPath")), .string(source),
      .string(event.text("message").trimmingCharacters(in: .whitespacesAndNewlines)),
      .string(first), .int(Int64(count)), .string(event.text("metadata", "name")),
    ]
  }
}
