import Foundation

extension Describe {
  /// `kubectl describe pod`: the pod, its containers, conditions, volumes, scheduling and
  /// events.
  public static func pod(_ pod: Pod, events: [Event], now: Date, zone: TimeZone = .gmt)
    -> [String]
  {
    var writer = DescribeWriter()
    let meta = pod.metadata
    let spec = pod.specDetails
    writer.write(0, "Name:\t\(meta.name)")
    writer.write(0, "Namespace:\t\(meta.namespace)")
    if let priority = pod.priority { writer.write(0, "Priority:\t\(priority)") }
    if !spec.priorityClassName.isEmpty {
      writer.write(0, "Priority Class Name:\t\(spec.priorityClassName)")
    }
    if !spec.runtimeClassName.isEmpty {
      writer.write(0, "Runtime Class Name:\t\(spec.runtimeClassName)")
    }
    if !pod.serviceAccountName.isEmpty {
      writer.write(0, "Service Account:\t\(pod.serviceAccountName)")
    }
    writer.write(0, "Node:\t\(pod.nodeName.isEmpty ? "<none>" : "\(pod.nodeName)/\(pod.hostIP)")")
    if let start = pod.startTime { writer.write(0, "Start Time:\t\(time(start, zone: zone))") }
    labels("Labels", meta.labels, level: 0, into: &writer)
    annotations(meta.annotations, level: 0, into: &writer)
    let terminal = pod.phase == "Succeeded" || pod.phase == "Failed"
    if let deleted = meta.deletionTimestamp, !terminal {
      writer.write(0, "Status:\tTerminating (lasts \(HumanDuration.age(of: deleted, now: now)))")
      if let grace = pod.deletionGracePeriodSeconds {
        writer.write(0, "Termination Grace Period:\t\(grace)s")
      }
    } else {
      writer.write(0, "Status:\t\(pod.phase)")
    }
    if !pod.reason.isEmpty { writer.write(0, "Reason:\t\(pod.reason)") }
    if !pod.message.isEmpty { writer.write(0, "Message:\t\(pod.message)") }
    writer.write(0, "IP:\t\(pod.podIP)")
    if pod.podIPs.isEmpty {
      writer.write(0, "IPs:\t<none>")
    } else {
      writer.write(0, "IPs:")
      for address in pod.podIPs { writer.write(1, "IP:\t\(address)") }
    }
    if let owner = meta.controller {
      writer.write(0, "Controlled By:\t\(owner.kind)/\(owner.name)")
    }
    if !pod.nominatedNodeName.isEmpty {
      writer.write(0, "NominatedNodeName:\t\(pod.nominatedNodeName)")
    }
    if !pod.initContainers.isEmpty {
      let described = pod.initContainers.map {
        DescribedContainer(name: $0.name, image: $0.image, details: $0.details)
      }
      containers(
        "Init Containers", described, statuses: pod.initContainerStatuses, pod: pod, zone: zone,
        into: &writer)
    }
    let described = pod.containers.map {
      DescribedContainer(name: $0.name, image: $0.image, details: $0.details)
    }
    containers(
      "Containers", described, statuses: pod.containerStatuses, pod: pod, zone: zone,
      into: &writer)
    if !spec.readinessGates.isEmpty {
      writer.write(0, "Readiness Gates:")
      writer.write(1, "Type\tStatus")
      for gate in spec.readinessGates {
        let status = pod.conditions.first { $0.type == gate }?.status ?? "<none>"
        writer.write(1, "\(gate) \t\(status) ")
      }
    }
    if !pod.conditions.isEmpty {
      writer.write(0, "Conditions:")
      writer.write(1, "Type\tStatus")
      for condition in pod.conditions {
        writer.write(1, "\(condition.type) \t\(condition.status) ")
      }
    }
    volumes(spec.volumes, template: false, into: &writer)
    writer.write(0, "QoS Class:\t\(qosClass(pod))")
    labels("Node-Selectors", spec.nodeSelector, level: 0, into: &writer)
    tolerations(spec.tolerations, level: 0, into: &writer)
    Self.events(Self.events(about: meta, kind: "Pod", in: events), now: now, into: &writer)
    return writer.lines()
  }

  /// A container's `State`, `Last State`, `Ready` and `Restart Count` lines.
  static func containerStatus(
    _ status: ContainerStatus, zone: TimeZone, into writer: inout DescribeWriter
  ) {
    state("State", status.state, zone: zone, into: &writer)
    if let last = status.lastTermination {
      state("Last State", .terminated(last), zone: zone, into: &writer)
    }
    writer.write(2, "Ready:\t\(status.ready ? "True" : "False")")
    writer.write(2, "Restart Count:\t\(status.restartCount)")
  }

  static func state(
    _ title: String, _ state: ContainerState, zone: TimeZone, into writer: inout DescribeWriter
  ) {
    switch state {
    case .unknown:
      writer.write(2, "\(title):\tWaiting")
    case .waiting(let reason, _):
      writer.write(2, "\(title):\tWaiting")
      if !reason.isEmpty { writer.write(3, "Reason:\t\(reason)") }
    case .running(let started):
      writer.write(2, "\(title):\tRunning")
      if let started { writer.write(3, "Started:\t\(time(started, zone: zone))") }
    case .terminated(let end):
      writer.write(2, "\(title):\tTerminated")
      if !end.reason.isEmpty { writer.write(3, "Reason:\t\(end.reason)") }
      if !end.message.isEmpty { writer.write(3, "Message:\t\(end.message)") }
      writer.write(3, "Exit Code:\t\(end.exitCode)")
      if end.signal > 0 { writer.write(3, "Signal:\t\(end.signal)") }
      writer.write(3, "Started:\t\(end.startedAt.map { time($0, zone: zone) } ?? "<unknown>")")
      writer.write(3, "Finished:\t\(end.finishedAt.map { time($0, zone: zone) } ?? "<unknown>")")
    }
  }
}
