import APIMachinery
import BatchdeckModel
import Foundation
import KubeClient

/// The tables `batchdeck get` prints: kubectl's columns, aligned as its tab writer aligns
/// them (three spaces between columns), plus Batchdeck's own for CronJobs.
enum GetTables {
  static func table(
    _ resource: APIResource, items: [JSONValue], jobs: [Job], now: Date, wide: Bool,
    allNamespaces: Bool
  ) -> String {
    var header: [String]
    var rows: [[String]]
    var namespaces: [String]
    switch resource {
    case .cronJobs:
      let cronJobs = items.map(CronJob.init(wire:))
      header = [
        "NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE",
      ]
      if wide { header += ["CONTAINERS", "IMAGES"] }
      header += ["DESCRIPTION", "NEXT RUN", "LAST RESULT"]
      if wide { header += ["STATE", "HISTORY"] }
      let snapshot = ClusterSnapshot(cronJobs: cronJobs, jobs: jobs)
      rows = cronJobs.map { cronJob in
        var row = cronJob.printedColumns(now: now)
        if wide { row += containerColumns(cronJob.containers) }
        row += scheduleColumns(cronJob, jobs: jobs, now: now)
        if wide { row += stateColumns(cronJob, jobs: snapshot.jobs(of: cronJob), now: now) }
        return row
      }
      namespaces = cronJobs.map(\.metadata.namespace)
    case .jobs:
      let decoded = items.map(Job.init(wire:))
      header = ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]
      if wide { header += ["CONTAINERS", "IMAGES", "AUTO-DELETE"] }
      rows = decoded.map { job in
        job.printedColumns(now: now)
          + (wide
            ? containerColumns(job.containers)
              + [
                job.ttlCountdown(now: now)?.text.replacingOccurrences(of: "auto-delete ", with: "")
                  ?? "<none>"
              ]
            : [])
      }
      namespaces = decoded.map(\.metadata.namespace)
    case .pods, .events:
      let pods = items.map(Pod.init(wire:))
      header = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
      if wide { header += ["IP", "NODE"] }
      rows = pods.map { pod in
        pod.printedColumns(now: now)
          + (wide ? [orNone(pod.podIP), orNone(pod.nodeName)] : [])
      }
      namespaces = pods.map(\.metadata.namespace)
    }
    guard !rows.isEmpty else { return "" }
    if allNamespaces {
      header.insert("NAMESPACE", at: 0)
      rows = zip(namespaces, rows).map { [$0] + $1 }
    }
    return align([header] + rows)
  }

  /// DESCRIPTION, NEXT RUN and LAST RESULT of a CronJob.
  static func scheduleColumns(_ cronJob: CronJob, jobs: [Job], now: Date) -> [String] {
    let description: String
    let next: String
    do {
      let schedule = try ControllerSchedule.make(
        schedule: cronJob.schedule, timeZone: cronJob.timeZone)
      description = schedule.schedule.describe(zone: schedule.zone)
      if cronJob.isSuspended {
        next = "suspended"
      } else if let date = schedule.next(after: now) {
        next = "in " + HumanDuration.format(date.timeIntervalSince(now))
      } else {
        next = "never"
      }
    } catch {
      description = "invalid schedule"
      next = "<none>"
    }
    let owned = jobs.filter {
      $0.metadata.controller?.uid == cronJob.metadata.uid && !cronJob.metadata.uid.isEmpty
    }
    let last = owned.max {
      ($0.metadata.creationTimestamp ?? .distantPast)
        < ($1.metadata.creationTimestamp ?? .distantPast)
    }
    return [
      description, next, last.map { "\($0.printedStatus) (\($0.metadata.name))" } ?? "<none>",
    ]
  }

  /// STATE and HISTORY of a CronJob (`-o wide`): its state word, as the dashboard's row and
  /// `diagnose` give it, and what its history limits keep.
  static func stateColumns(_ cronJob: CronJob, jobs: [Job], now: Date) -> [String] {
    let health = CronJobHealth.assess(cronJob, jobs: jobs, now: now)
    let history = HistoryCleanup.assess(cronJob, jobs: jobs).summary
    return [health.state.rawValue, String(history.dropFirst("history: ".count))]
  }

  static func containerColumns(_ containers: [ContainerSpec]) -> [String] {
    [
      orNone(containers.map(\.name).joined(separator: ",")),
      orNone(containers.map(\.image).joined(separator: ",")),
    ]
  }

  static func orNone(_ text: String) -> String { text.isEmpty ? "<none>" : text }

  /// Pads every column but the last to its widest cell plus three spaces.
  static func align(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    var text = ""
    for row in rows {
      var line = ""
      for (index, cell) in row.enumerated() {
        line +=
          index == row.count - 1
          ? cell
          : cell.padding(
            toLength: widths[index] + 3, withPad: " ", startingAt: 0)
      }
      text += line + "\n"
    }
    return text
  }

  /// The items as kubectl's `-o json` List.
  static func jsonList(_ items: [JSONValue]) -> [UInt8] {
    let list: JSONValue = [
      "apiVersion": "v1", "kind": "List", "metadata": ["resourceVersion": ""],
      "items": .array(items),
    ]
    return list.serialized()
  }
}
