import Foundation

/// `kubectl describe` for the dashboard's objects: pure functions of the object, its related
/// objects, its events and `now`, laid out line for line as kubectl lays them out.
///
/// Pods print every section kubectl prints from the fields the API objects carry: priority,
/// node, IPs, owner, init containers and containers (IDs, image, ports, command, args, states,
/// resources, probes, environment and its sources, mounts), readiness gates, conditions,
/// volumes, QoS class (derived from CPU and memory when `status.qosClass` is absent), node
/// selectors and tolerations; Job and CronJob pod templates get the same container and volume
/// blocks. Every printed line has kubectl's label, order, indentation and value format.
///
/// Known gaps, left out rather than guessed: container security context (seccomp and
/// AppArmor lines), volume devices, ephemeral containers, resize and pod-level resources,
/// topology spread constraints; a resource field reference's `divisor` is taken as 1; field
/// references resolve `metadata.name` and `metadata.namespace` only (as kubectl's own
/// conversion does); the QoS derivation ignores pod-level resources; a projected source's set
/// `optional` prints as `true`/`false` where kubectl prints a pointer; volume kinds other than
/// ConfigMap, Secret, EmptyDir, Projected, PersistentVolumeClaim and HostPath print
/// `Type:` with their field name instead of kubectl's sentence. Ports print their names as
/// current kubectl does (older releases leave the names out). A template selector prints its
/// match labels only, and `Time Zone` is printed only when set, as current kubectl does.
public enum Describe {
  /// Formats a time as kubectl's describe does (RFC 1123 with a numeric zone), in `zone`.
  public static func time(_ date: Date, zone: TimeZone = .gmt) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let offset = zone.secondsFromGMT(for: date) / 60
    let sign = offset < 0 ? "-" : "+"
    func two(_ value: Int?) -> String {
      let number = value ?? 0
      return number < 10 ? "0\(number)" : "\(number)"
    }
    let day = days[((parts.weekday ?? 1) - 1) % 7]
    let month = months[((parts.month ?? 1) - 1) % 12]
    return "\(day), \(two(parts.day)) \(month) \(parts.year ?? 0) \(two(parts.hour)):"
      + "\(two(parts.minute)):\(two(parts.second)) \(sign)\(two(abs(offset) / 60))"
      + two(abs(offset) % 60)
  }

  /// `Labels:` with one `key=value` per line, sorted by key, or `<none>`.
  static func labels(
    _ title: String, _ labels: [String: String], level: Int, into writer: inout DescribeWriter
  ) {
    let sorted = labels.sorted { $0.key < $1.key }
    guard let first = sorted.first else {
      writer.write(level, "\(title):\t<none>")
      return
    }
    writer.write(level, "\(title):\t\(first.key)=\(first.value)")
    for label in sorted.dropFirst() { writer.write(level, "\t\(label.key)=\(label.value)") }
  }

  /// `Annotations:` sorted by key as `key: value`, skipping the last-applied configuration;
  /// long or multi-line values go on the following lines, each cut at 138 characters.
  static func annotations(
    _ annotations: [String: String], level: Int, into writer: inout DescribeWriter
  ) {
    let skipped = "kubectl.kubernetes.io/last-applied-configuration"
    let sorted = annotations.filter { $0.key != skipped }.sorted { $0.key < $1.key }
    guard !sorted.isEmpty else {
      writer.write(level, "Annotations:\t<none>")
      return
    }
    for (index, annotation) in sorted.enumerated() {
      let lead = index == 0 ? "Annotations:\t" : "\t"
      let value = annotation.value
      if value.count + annotation.key.count + 2 > 140 || value.contains("\n") {
        writer.write(level, "\(lead)\(annotation.key):")
        for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
          let cut = line.count > 138 ? String(line.prefix(138)) + "..." : String(line)
          writer.write(level, "\t  \(cut)")
        }
      } else {
        writer.write(level, "\(lead)\(annotation.key): \(value)")
      }
    }
  }

  /// The `Events:` section: `<none>`, or the table sorted by last time seen.
  static func events(_ events: [Event], now: Date, into writer: inout DescribeWriter) {
    guard !events.isEmpty else {
      writer.write(0, "Events:\t<none>")
      return
    }
    writer.flush()
    writer.write(0, "Events:")
    writer.write(1, "Type\tReason\tAge\tFrom\tMessage")
    writer.write(1, "----\t------\t----\t----\t-------")
    let sorted = events.enumerated().sorted { left, right in
      let leftTime = left.element.lastTimestamp ?? .distantPast
      let rightTime = right.element.lastTimestamp ?? .distantPast
      return leftTime == rightTime ? left.offset < right.offset : leftTime < rightTime
    }
    for event in sorted.map(\.element) {
      let first = HumanDuration.age(of: event.firstTimestamp ?? event.lastTimestamp, now: now)
      let age =
        event.count > 1
        ? "\(HumanDuration.age(of: event.lastTimestamp, now: now)) (x\(event.count) over \(first))"
        : first
      let trimmed = event.message.trimmingCharacters(in: .whitespacesAndNewlines)
      let message = event.fieldPath.isEmpty ? trimmed : "\(event.fieldPath): \(trimmed)"
      writer.write(1, "\(event.type)\t\(event.reason)\t\(age)\t\(event.source)\t\(message)")
    }
  }

  /// The events about an object: matched by UID when both sides have one, else by kind,
  /// namespace and name.
  public static func events(about meta: ObjectMeta, kind: String, in events: [Event]) -> [Event] {
    events.filter { event in
      let involved = event.involvedObject
      if !involved.uid.isEmpty, !meta.uid.isEmpty { return involved.uid == meta.uid }
      return involved.kind == kind && involved.name == meta.name
        && (event.metadata.namespace.isEmpty || event.metadata.namespace == meta.namespace)
    }
  }

  /// `<unset>` for `nil`, else the value.
  static func unset<T>(_ value: T?) -> String {
    value.map { "\($0)" } ?? "<unset>"
  }

  /// `DescribePodTemplate` after its heading: labels, annotations when set, service account,
  /// init containers and containers without statuses, volumes, priority class, node
  /// selectors and tolerations.
  static func podTemplate(
    labels templateLabels: [String: String], containers: [ContainerSpec],
    details: PodTemplateDetails, zone: TimeZone, into writer: inout DescribeWriter
  ) {
    labels("Labels", templateLabels, level: 1, into: &writer)
    if !details.annotations.isEmpty { annotations(details.annotations, level: 1, into: &writer) }
    if !details.serviceAccountName.isEmpty {
      writer.write(1, "Service Account:\t\(details.serviceAccountName)")
    }
    func described(_ list: [ContainerSpec]) -> [DescribedContainer] {
      list.map { DescribedContainer(name: $0.name, image: $0.image, details: $0.details) }
    }
    if !details.initContainers.isEmpty {
      Self.containers(
        "Init Containers", described(details.initContainers), statuses: nil, pod: nil,
        zone: zone, into: &writer)
    }
    Self.containers(
      "Containers", described(containers), statuses: nil, pod: nil, zone: zone, into: &writer)
    volumes(details.spec.volumes, template: true, into: &writer)
    if !details.spec.priorityClassName.isEmpty {
      writer.write(1, "Priority Class Name:\t\(details.spec.priorityClassName)")
    }
    labels("Node-Selectors", details.spec.nodeSelector, level: 1, into: &writer)
    tolerations(details.spec.tolerations, level: 1, into: &writer)
  }
}
