import APIMachinery
import Foundation

extension SimulatedAPIServer {
  /// `GET .../pods/{name}/log` with container, follow, previous, tailLines, sinceSeconds,
  /// sinceTime, timestamps and limitBytes. The body is plain text, one line per entry.
  func podLog(
    _ request: HTTPRequest, _ route: APIRoute, cancellation: CancellationToken?,
    onHead: HeadSink, onChunk: ChunkSink
  ) throws(APIStatus) {
    let namespace = route.namespace ?? ""
    let podName = route.name ?? ""
    guard let pod = store.get(.pods, namespace, podName) else {
      throw .notFound(resource: "pods", group: "", name: podName)
    }
    let names =
      pod.array("spec", "initContainers").compactMap { $0.string("name") }
      + pod.array("spec", "containers").compactMap { $0.string("name") }
    let regular = pod.array("spec", "containers").compactMap { $0.string("name") }
    let container: String
    if let requested = request.queryValue("container"), !requested.isEmpty {
      guard names.contains(requested) else {
        throw .badRequest("container \(requested) is not valid for pod \(podName)")
      }
      container = requested
    } else if regular.count == 1 {
      container = regular[0]
    } else {
      throw .badRequest(
        "a container name must be specified for pod \(podName), choose one of: "
          + "[\(names.joined(separator: " "))]")
    }
    let previous = flag(request, "previous")
    let follow = flag(request, "follow") && !previous
    let timestamps = flag(request, "timestamps")
    guard pod.string("spec", "nodeName") != nil else {
      return sendText("", onHead, onChunk)
    }
    guard let attempt = logs.attempt(pod: pod.uid, container: container, previous: previous) else {
      if previous {
        throw .badRequest(
          "previous terminated container \"\(container)\" in pod \"\(podName)\" not found")
      }
      throw .badRequest(
        "container \"\(container)\" in pod \"\(podName)\" is waiting to start: "
          + waitingText(pod, container))
    }
    var entries = attempt.entries
    if let text = request.queryValue("sinceSeconds"), let since = Double(text) {
      let cutoff = store.clock.now.addingTimeInterval(-since)
      entries = entries.filter { $0.time >= cutoff }
    } else if let text = request.queryValue("sinceTime"), let cutoff = RFC3339.parse(text) {
      entries = entries.filter { $0.time >= cutoff }
    }
    if let text = request.queryValue("tailLines"), let tail = Int(text), tail >= 0 {
      entries = Array(entries.suffix(tail))
    }
    var budget = request.queryValue("limitBytes").flatMap(Int.init) ?? Int.max
    onHead(HTTPResponseHead(status: 200, headers: ["Content-Type": "text/plain"]))
    func write(_ batch: [PodLogStore.Entry]) -> Bool {
      var bytes: [UInt8] = []
      for entry in batch {
        let prefix = timestamps ? Self.nanoTimestamp(entry.time) + " " : ""
        bytes += Array((prefix + entry.text + "\n").utf8)
      }
      guard !bytes.isEmpty else { return budget > 0 }
      if bytes.count > budget { bytes = Array(bytes.prefix(budget)) }
      budget -= bytes.count
      return onChunk(bytes) == .proceed && budget > 0
    }
    guard write(entries), follow else { return }
    let attemptNumber = logs.attemptCount(pod: pod.uid, container: container)
    var sent = attempt.entries.count
    while cancellation?.isCancelled != true {
      logs.waitForChange(timeout: 0.2)
      guard logs.attemptCount(pod: pod.uid, container: container) == attemptNumber,
        let current = logs.attempt(pod: pod.uid, container: container, previous: false)
      else { return }
      let fresh = Array(current.entries.dropFirst(sent))
      sent = current.entries.count
      guard write(fresh) else { return }
      if !current.running { return }
    }
  }

  private func flag(_ request: HTTPRequest, _ name: String) -> Bool {
    guard let value = request.queryValue(name) else { return false }
    return value == "true" || value == "1"
  }

  private func waitingText(_ pod: JSONValue, _ container: String) -> String {
    let status = pod.array("status", "containerStatuses").first {
      $0.string("name") == container
    }
    switch status?.string("state", "waiting", "reason") {
    case "ErrImagePull": return "image can't be pulled"
    case "ImagePullBackOff": return "trying and failing to pull image"
    case let reason?: return reason
    case nil: return "ContainerCreating"
    }
  }

  private func sendText(_ text: String, _ onHead: HeadSink, _ onChunk: ChunkSink) {
    onHead(HTTPResponseHead(status: 200, headers: ["Content-Type": "text/plain"]))
    if !text.isEmpty { _ = onChunk(Array(text.utf8)) }
  }

  /// RFC 3339 with nanoseconds, as the kubelet prefixes log lines.
  static func nanoTimestamp(_ date: Date) -> String {
    String(RFC3339.formatMicro(date).dropLast()) + "000Z"
  }
}
