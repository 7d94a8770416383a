import APIMachinery
import Foundation

extension SimulatedAPIServer {
  /// Streams `{"type":...,"object":...}` lines from the change log until the consumer stops,
  /// the request is cancelled or `timeoutSeconds` (real time) pass. A resourceVersion older
  /// than the retained window yields one ERROR event carrying a 410 Expired Status.
  func watch(
    _ request: HTTPRequest, _ route: APIRoute, cancellation: CancellationToken?,
    onHead: HeadSink, onChunk: ChunkSink
  ) throws(APIStatus) {
    let selection = try filter(request, route)
    let bookmarks = request.queryValue("allowWatchBookmarks").map { $0 == "true" || $0 == "1" }
    let timeout = request.queryValue("timeoutSeconds").flatMap(Double.init) ?? 1800
    let deadline = Date(timeIntervalSinceNow: timeout)
    let requested = request.queryValue("resourceVersion") ?? ""
    var cursor: Int64
    var initial: [JSONValue] = []
    if requested.isEmpty || requested == "0" {
      let snapshot = store.list(route.resource, namespace: route.namespace)
      initial = snapshot.items.filter(selection.matches)
      cursor = snapshot.revision
    } else {
      guard let number = Int64(requested) else {
        throw .badRequest("invalid resourceVersion: \(requested)")
      }
      cursor = number
    }
    onHead(HTTPResponseHead(status: 200, headers: ["Content-Type": "application/json"]))
    for object in initial where !emit("ADDED", object, onChunk) { return }
    var lastBookmark = Date()
    while cancellation?.isCancelled != true, Date() < deadline {
      guard let changes = store.changes(after: cursor) else {
        let oldest = store.oldestWatchable
        let status = APIStatus.expired("too old resource version: \(cursor) (\(oldest))")
        _ = emit("ERROR", status.json, onChunk)
        return
      }
      for change in changes where change.resource == route.resource {
        guard let type = eventType(change, selection) else { continue }
        if !emit(type, change.object, onChunk) { return }
      }
      if let last = changes.last { cursor = last.revision }
      if bookmarks == true, Date().timeIntervalSince(lastBookmark) >= bookmarkInterval {
        lastBookmark = Date()
        let marker: JSONValue = [
          "kind": .string(route.resource.kind), "apiVersion": .string(route.resource.apiVersion),
          "metadata": ["resourceVersion": .string(String(cursor))],
        ]
        if !emit("BOOKMARK", marker, onChunk) { return }
      }
      store.waitForChange(after: cursor, timeout: 0.2)
    }
  }

  /// The event type a filtered watcher sees: leaving the selection reads as DELETED,
  /// entering it as ADDED.
  private func eventType(_ change: StoredChange, _ selection: Filter) -> String? {
    let now = selection.matches(change.object)
    switch change.type {
    case .added, .deleted:
      return now ? change.type.rawValue : nil
    case .modified:
      let before = change.previous.map(selection.matches) ?? now
      switch (before, now) {
      case (true, true): return "MODIFIED"
      case (false, true): return "ADDED"
      case (true, false): return "DELETED"
      case (false, false): return nil
      }
    }
  }

  private func emit(_ type: String, _ object: JSONValue, _ onChunk: ChunkSink) -> Bool {
    let line: JSONValue = ["type": .string(type), "object": object]
    return onChunk(line.serialized() + [0x0A]) == .proceed
  }
}
