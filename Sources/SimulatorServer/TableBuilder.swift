import APIMachinery
import BatchdeckModel
import Foundation

/// Builds `meta.k8s.io/v1` Table responses with the columns `kubectl get` prints
/// (KUBERNETES.md 2 and 8.4), using the dashboard's printers for the cells.
enum TableBuilder {
  /// One column: name, JSON type, whether `-o wide` only.
  struct Column {
    var name: String
    var type = "string"
    var wide = false
  }

  /// The columns of a resource (plural name), NAME/CREATED AT for unknown ones.
  static func columns(_ resource: String) -> [Column] {
    let wide = { (name: String) in Column(name: name, wide: true) }
    switch resource {
    case "cronjobs":
      return [
        Column(name: "Name"), Column(name: "Schedule"), Column(name: "Timezone"),
        Column(name: "Suspend", type: "boolean"), Column(name: "Active", type: "integer"),
        Column(name: "Last Schedule"), Column(name: "Age"), wide("Containers"), wide("Images"),
        wide("Selector"),
      ]
    case "jobs":
      return [
        Column(name: "Name"), Column(name: "Status"), Column(name: "Completions"),
        Column(name: "Duration"), Column(name: "Age"), wide("Containers"), wide("Images"),
        wide("Selector"),
      ]
    case "pods":
      return [
        Column(name: "Name"), Column(name: "Ready"), Column(name: "Status"),
        Column(name: "Restarts"), Column(name: "Age"), wide("IP"), wide("Node"),
        wide("Nominated Node"), wide("Readiness Gates"),
      ]
    case "events":
      return [
        Column(name: "Last Seen"), Column(name: "Type"), Column(name: "Reason"),
        Column(name: "Object"), wide("Subobject"), wide("Source"), Column(name: "Message"),
        wide("First Seen"), Column(name: "Count", type: "integer", wide: true), wide("Name"),
      ]
    case "namespaces":
      return [Column(name: "Name"), Column(name: "Status"), Column(name: "Age")]
    case "secrets":
      return [
        Column(name: "Name"), Column(name: "Type"), Column(name: "Data", type: "integer"),
        Column(name: "Age"),
      ]
    case "configmaps":
      return [Column(name: "Name"), Column(name: "Data", type: "integer"), Column(name: "Age")]
    default:
      return [Column(name: "Name"), Column(name: "Created At", type: "date")]
    }
  }

  /// What each row's `object` holds (`?includeObject=`): nothing, the metadata as a
  /// PartialObjectMetadata (the default) or the whole object (kubectl `--sort-by`).
  enum Include: String {
    case none = "None"
    case metadata = "Metadata"
    case object = "Object"
  }

  /// A Table of `objects`, keeping the list's `metadata` (resourceVersion, continue).
  static func table(
    _ resource: String, _ objects: [JSONValue], listMetadata: JSONValue, now: Date,
    include: Include = .metadata
  ) -> JSONValue {
    let definitions = columns(resource).map { column -> JSONValue in
      [
        "name": .string(column.name), "type": .string(column.type),
        "format": column.name == "Name" ? "name" : "", "description": .string(column.name),
        "priority": column.wide ? 1 : 0,
      ]
    }
    return [
      "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
      "columnDefinitions": .array(definitions),
      "rows": .array(objects.map { row(resource, $0, now: now, include: include) }),
    ]
  }

  static func row(
    _ resource: String, _ object: JSONValue, now: Date, include: Include = .metadata
  ) -> JSONValue {
    var row: JSONValue = ["cells": .array(cells(resource, object, now: now))]
    switch include {
    case .none:
      break
    case .metadata:
      row["object"] = [
        "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
        "metadata": object["metadata"] ?? [:],
      ]
    case .object:
      var whole = object
      if let (kind, version) = typeMeta[resource], whole["kind"] == nil {
        whole["kind"] = .string(kind)
        whole["apiVersion"] = .string(version)
      }
      row["object"] = whole
    }
    if resource == "pods" {
      switch object.text("status", "phase") {
      case "Succeeded":
        row["conditions"] = [
          [
            "type": "Completed", "status": "True", "reason": "Succeeded",
            "message": "The pod has completed successfully.",
          ]
        ]
      case "Failed":
        row["conditions"] = [
          ["type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."]
        ]
      default: break
      }
    }
    return row
  }

  /// Kind and apiVersion per resource, for list items that carry none.
  static let typeMeta: [String: (String, String)] = [
    "cronjobs": ("CronJob", "batch/v1"), "jobs": ("Job", "batch/v1"), "pods": ("Pod", "v1"),
    "events": ("Event", "v1"), "namespaces": ("Namespace", "v1"), "secrets": ("Secret", "v1"),
    "configmaps": ("ConfigMap", "v1"),
  ]

  static func cells(_ resource: String, _ object: JSONValue, now: Date) -> [JSONValue] {
    let age = HumanDuration.age(of: object.time("metadata", "creationTimestamp"), now: now)
    switch resource {
    case "cronjobs":
      let cronJob = ModelDecoding.cronJob(object)
      var cells = cronJob.printedColumns(now: now).map(JSONValue.string)
      cells[4] = .int(Int64(cronJob.active.count))
      let template = object[path: ["spec", "jobTemplate", "spec"]]
      return cells + containerCells(cronJob.containers)
        + [.string(selector(template?["selector"]))]
    case "jobs":
      let job = ModelDecoding.job(object)
      return job.printedColumns(now: now).map(JSONValue.string) + containerCells(job.containers)
        + [.string(selector(object[path: ["spec", "selector"]]))]
    case "pods":
      let pod = ModelDecoding.pod(object)
      let ips = object.items("status", "podIPs").compactMap { $0["ip"]?.stringValue }
      let ip = ips.first ?? (pod.podIP.isEmpty ? "<none>" : pod.podIP)
      let node = pod.nodeName.isEmpty ? "<none>" : pod.nodeName
      return pod.printedColumns(now: now).map(JSONValue.string)
        + [.string(ip), .string(node), "<none>", "<none>"]
    case "events":
      return EventCells.cells(object, now: now)
    case "namespaces":
      return [
        .string(object.text("metadata", "name")), .string(object.text("status", "phase")),
        .string(age),
      ]
    case "secrets":
      let count = object["data"]?.objectValue?.count ?? 0
      return [
        .string(object.text("metadata", "name")), .string(object.text("type")),
        .int(Int64(count)), .string(age),
      ]
    case "configmaps":
      let count = object["data"]?.objectValue?.count ?? 0
      return [.string(object.text("metadata", "name")), .int(Int64(count)), .string(age)]
    default:
      return [
        .string(object.text("metadata", "name")),
        .string(object.text("metadata", "creationTimestamp")),
      ]
    }
  }

  private static func containerCells(_ containers: [ContainerSpec]) -> [JSONValue] {
    [
      .string(containers.map(\.name).joined(separator: ",")),
      .string(containers.map(\.image).joined(separator: ",")),
    ]
  }

  /// A label selector as kubectl prints it: `k=v,k2 in (a,b)`, or `<none>`.
  static func selector(_ value: JSONValue?) -> String {
    guard let value else { return "<none>" }
    var terms = ModelDecoding.strings(value["matchLabels"]).sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value)" }
    for expression in value["matchExpressions"]?.arrayValue ?? [] {
      let values = expression.items("values").compactMap(\.stringValue).joined(separator: ",")
      let key = expression.text("key")
      switch expression.text("operator") {
      case "In": terms.append("\(key) in (\(values))")
      case "NotIn": terms.append("\(key) notin (\(values))")
      case "Exists": terms.append(key)
      default: terms.append("!\(key)")
      }
    }
    return terms.isEmpty ? "<none>" : terms.joined(separator: ",")
  }
}
