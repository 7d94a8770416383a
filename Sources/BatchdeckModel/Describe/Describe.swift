import Foundation

/// `kubectl describe` for the dashboard's objects: pure functions of the object, its related
/// objects, its events and `now`, laid out line for line as kubectl lays them out.
///
/// Known gap: the typed model keeps only the fields the dashboard reasons about (and a few
/// for describe), so lines kubectl prints from fields the model does not carry (container
/// ports, commands, args, environment, mounts, volumes, resources, probes, QoS class,
/// tolerations, node selectors, the pod template's annotations, readiness gates) are left out
/// rather than guessed; a template selector prints its match labels only. `Time Zone` is
/// printed only when set, as current kubectl does. Every line that is printed has kubectl's
/// label, order, indentation and value format.
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

  /// The pod template's containers block, as describe prints it under `Pod Template:`.
  static func templateContainers(_ containers: [ContainerSpec], into writer: inout DescribeWriter) {
    guard !containers.isEmpty else { return }
    writer.write(1, "Containers:")
    for container in containers {
      writer.write(1, " \(container.name):")
      writer.write(2, "Image:\t\(container.image)")
    }
  }
}
