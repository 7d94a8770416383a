import Foundation

extension Describe {
  /// A container as describe prints it: a pod's or a template's, init or regular.
  struct DescribedContainer {
    var name: String
    var image: String
    var details: ContainerDetails
  }

  /// `describeContainers`: the `Containers:` (or `Init Containers:`) heading and one block per
  /// container. A pod passes its statuses and itself (for field references); a template
  /// passes neither and is indented one level, its names by one more space.
  static func containers(
    _ title: String, _ containers: [DescribedContainer], statuses: [ContainerStatus]?,
    pod: Pod?, zone: TimeZone, into writer: inout DescribeWriter
  ) {
    let space = statuses == nil ? "  " : ""
    writer.write(0, "\(space)\(title):\(containers.isEmpty ? " <none>" : "")")
    for container in containers {
      let status = statuses?.first { $0.name == container.name }
      writer.write(1, "\(space.isEmpty ? "" : " ")\(container.name):")
      if let status { writer.write(2, "Container ID:\t\(status.containerID)") }
      writer.write(2, "Image:\t\(container.image)")
      if let status { writer.write(2, "Image ID:\t\(status.imageID)") }
      let details = container.details
      ports(details.ports, into: &writer)
      command("Command", details.command, into: &writer)
      command("Args", details.args, into: &writer)
      if let status { containerStatus(status, zone: zone, into: &writer) }
      resources("Limits", details.limits, into: &writer)
      resources("Requests", details.requests, into: &writer)
      for probe in details.probes {
        writer.write(2, "\(probe.purpose.rawValue):\t\(probeSummary(probe))")
      }
      if !details.envFrom.isEmpty { environmentFrom(details.envFrom, into: &writer) }
      environment(details, pod: pod, into: &writer)
      mounts(details.mounts, into: &writer)
    }
  }

  /// `Port:`/`Ports:` and `Host Port:`/`Host Ports:`.
  static func ports(_ ports: [ContainerPort], into writer: inout DescribeWriter) {
    let container = ports.map { port in
      let text = "\(port.containerPort)/\(port.protocolName)"
      return port.name.isEmpty ? text : "\(text) (\(port.name))"
    }.joined(separator: ", ")
    let host = ports.map { "\($0.hostPort)/\($0.protocolName)" }.joined(separator: ", ")
    if container.contains(",") {
      writer.write(2, "Ports:\t\(container)")
    } else {
      writer.write(2, "Port:\t\(container.isEmpty ? "<none>" : container)")
    }
    if host.contains(",") {
      writer.write(2, "Host Ports:\t\(host)")
    } else {
      writer.write(2, "Host Port:\t\(host.isEmpty ? "<none>" : host)")
    }
  }

  /// `Command:` or `Args:` with one element (or line of an element) per line.
  static func command(_ title: String, _ parts: [String], into writer: inout DescribeWriter) {
    guard !parts.isEmpty else { return }
    writer.write(2, "\(title):")
    for part in parts {
      for line in part.split(separator: "\n", omittingEmptySubsequences: false) {
        writer.write(3, String(line))
      }
    }
  }

  /// `Limits:` or `Requests:` with one `name: quantity` per line, sorted by name.
  static func resources(
    _ title: String, _ amounts: [ResourceAmount], into writer: inout DescribeWriter
  ) {
    guard !amounts.isEmpty else { return }
    writer.write(2, "\(title):")
    for amount in amounts.sorted(by: { $0.name < $1.name }) {
      writer.write(3, "\(amount.name):\t\(amount.quantity)")
    }
  }

  /// `DescribeProbe`: the action, then delay, timeout, period and thresholds.
  static func probeSummary(_ probe: Probe) -> String {
    let attributes =
      "delay=\(probe.initialDelaySeconds)s timeout=\(probe.timeoutSeconds)s"
      + " period=\(probe.periodSeconds)s #success=\(probe.successThreshold)"
      + " #failure=\(probe.failureThreshold)"
    switch probe.action {
    case .exec(let command):
      return "exec [\(command.joined(separator: " "))] \(attributes)"
    case .httpGet(let scheme, let host, let port, let path):
      let address = port.isEmpty ? host : hostPort(host, port)
      return "http-get \(scheme.lowercased())://\(address)\(path) \(attributes)"
    case .tcpSocket(let host, let port):
      return "tcp-socket \(host):\(port) \(attributes)"
    case .grpc(let port, let service):
      return "grpc <pod>:\(port) \(service) \(attributes)"
    case .unknown:
      return "unknown \(attributes)"
    }
  }

  /// Go's `net.JoinHostPort`: an IPv6 host goes in brackets.
  static func hostPort(_ host: String, _ port: String) -> String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// `Environment Variables from:` with one ConfigMap or Secret per line.
  static func environmentFrom(_ sources: [EnvFromSource], into writer: inout DescribeWriter) {
    writer.write(2, "Environment Variables from:")
    for source in sources {
      let from =
        source.prefix.isEmpty ? source.kind : "\(source.kind) with prefix '\(source.prefix)'"
      writer.write(3, "\(source.name)\t\(from)\tOptional: \(source.optional)")
    }
  }

  /// `Environment:` with each variable's value or where it comes from, as kubectl words it.
  static func environment(
    _ details: ContainerDetails, pod: Pod?, into writer: inout DescribeWriter
  ) {
    guard !details.env.isEmpty else {
      writer.write(2, "Environment:\t<none>")
      return
    }
    writer.write(2, "Environment:")
    for variable in details.env {
      let name = variable.name
      switch variable.source {
      case .value(let value):
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
          writer.write(3, index == 0 ? "\(name):\t\(line)" : "\t\(line)")
        }
      case .field(let apiVersion, let path):
        let value = pod.map { fieldValue(path, of: $0) } ?? ""
        writer.write(3, "\(name):\t\(value) (\(apiVersion):\(path))")
      case .resource(_, let resource):
        var value = resourceValue(resource, of: details)
        if value == "0", resource == "limits.cpu" || resource == "limits.memory" {
          value = "node allocatable"
        }
        writer.write(3, "\(name):\t\(value) (\(resource))")
      case .secretKey(let secret, let key, let optional):
        writer.write(
          3, "\(name):\t<set to the key '\(key)' in secret '\(secret)'>\tOptional: \(optional)")
      case .configMapKey(let configMap, let key, let optional):
        writer.write(
          3,
          "\(name):\t<set to the key '\(key)' of config map '\(configMap)'>\tOptional: \(optional)")
      }
    }
  }

  /// The value kubectl resolves for a field reference: the pod's name or namespace; other
  /// paths print empty, as kubectl's own field-label conversion knows only these two.
  static func fieldValue(_ path: String, of pod: Pod) -> String {
    switch path {
    case "metadata.name": pod.metadata.name
    case "metadata.namespace": pod.metadata.namespace
    default: ""
    }
  }

  /// A resource field reference's value from the container's own limits and requests: CPU in
  /// whole cores rounded up, other resources in units; a missing limit or request reads `0`.
  static func resourceValue(_ resource: String, of details: ContainerDetails) -> String {
    let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return "" }
    let list: [ResourceAmount]
    switch parts[0] {
    case "limits": list = details.limits
    case "requests": list = details.requests
    default: return ""
    }
    let quantity = list.first { $0.name == parts[1] }.flatMap { Quantity.parse($0.quantity) }
    guard let quantity else { return "0" }
    var rounded = Decimal()
    var value = quantity
    NSDecimalRound(&rounded, &value, 0, .up)
    return "\(rounded)"
  }

  /// `Mounts:` sorted by path, each `path from volume (ro|rw[,path="sub"])`.
  static func mounts(_ mounts: [VolumeMount], into writer: inout DescribeWriter) {
    guard !mounts.isEmpty else {
      writer.write(2, "Mounts:\t<none>")
      return
    }
    writer.write(2, "Mounts:")
    for mount in mounts.sorted(by: { $0.mountPath < $1.mountPath }) {
      var flags = [mount.readOnly ? "ro" : "rw"]
      if !mount.subPath.isEmpty { flags.append("path=\"\(mount.subPath)\"") }
      writer.write(
        3, "\(mount.mountPath) from \(mount.name) (\(flags.joined(separator: ",")))")
    }
  }
}
