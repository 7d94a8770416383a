import APIMachinery

/// One page of a list.
public struct ListPage: Sendable, Equatable {
  public var items: [JSONValue]
  public var resourceVersion: String
  /// The token for the next page; empty on the last.
  public var continueToken: String
  /// The group version that served the list; watch with the same one.
  public var groupVersionPath = ""
}

/// How a list read page by page ended.
public struct ListSummary: Sendable, Equatable {
  /// The first page's resource version: every page belongs to it; watch from it.
  public var resourceVersion: String
  /// The group version that served the list; watch with the same one.
  public var groupVersionPath: String
  /// How many items the pages held together.
  public var itemCount: Int
}

/// Typed calls to the Kubernetes API over any `HTTPTransport`: the same path for a real
/// server and for the built-in simulated cluster.
///
/// Every call blocks its thread; call from a background thread.
public struct KubeAPI: Sendable {
  public let transport: any HTTPTransport

  public init(transport: any HTTPTransport) {
    self.transport = transport
  }

  /// Lists every object of `resource`, following `continue` tokens page by page. When the
  /// server does not know the resource's group version (404) and an older one exists, such as
  /// `batch/v1beta1` CronJobs before Kubernetes 1.21, that one is listed instead.
  public func list(
    _ resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
    pageSize: Int = 500, cancellation: CancellationToken? = nil
  ) throws(KubeError) -> ListPage {
    do {
      return try list(
        resource, groupVersion: resource.groupVersionPath, namespace: namespace,
        labelSelector: labelSelector, pageSize: pageSize, cancellation: cancellation)
    } catch  where error.isNotFound {
      guard let legacy = resource.legacyGroupVersionPath else { throw error }
      return try list(
        resource, groupVersion: legacy, namespace: namespace, labelSelector: labelSelector,
        pageSize: pageSize, cancellation: cancellation)
    }
  }

  private func list(
    _ resource: APIResource, groupVersion: String, namespace: String?, labelSelector: String?,
    pageSize: Int, cancellation: CancellationToken?
  ) throws(KubeError) -> ListPage {
    var items: [JSONValue] = []
    let summary = try forEachPage(
      resource, groupVersion: groupVersion, namespace: namespace, labelSelector: labelSelector,
      pageSize: pageSize, cancellation: cancellation, droppingUnread: false
    ) { page, _ in items.append(contentsOf: page) }
    return ListPage(
      items: items, resourceVersion: summary.resourceVersion, continueToken: "",
      groupVersionPath: summary.groupVersionPath)
  }

  /// Lists every object of `resource` as `list` does, handing each page's items to `onPage`
  /// as it arrives (with whether it is the last), so a caller can decode a page and drop its
  /// JSON before the next one is read. Falls back to the legacy group version as `list` does
  /// while no page has been handed on yet. The items lack `unreadMembers`.
  public func forEachPage(
    _ resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
    pageSize: Int = 500, cancellation: CancellationToken? = nil,
    onPage: (_ items: [JSONValue], _ isLast: Bool) -> Void
  ) throws(KubeError) -> ListSummary {
    var delivered = false
    do {
      return try forEachPage(
        resource, groupVersion: resource.groupVersionPath, namespace: namespace,
        labelSelector: labelSelector, pageSize: pageSize, cancellation: cancellation,
        droppingUnread: true
      ) { items, isLast in
        delivered = true
        onPage(items, isLast)
      }
    } catch  where error.isNotFound && !delivered {
      guard let legacy = resource.legacyGroupVersionPath else { throw error }
      return try forEachPage(
        resource, groupVersion: legacy, namespace: namespace, labelSelector: labelSelector,
        pageSize: pageSize, cancellation: cancellation, droppingUnread: true, onPage: onPage)
    }
  }

  private func forEachPage(
    _ resource: APIResource, groupVersion: String, namespace: String?, labelSelector: String?,
    pageSize: Int, cancellation: CancellationToken?, droppingUnread: Bool,
    onPage: (_ items: [JSONValue], _ isLast: Bool) -> Void
  ) throws(KubeError) -> ListSummary {
    var token = ""
    var resourceVersion = ""
    var count = 0
    repeat {
      let page = try listPage(
        resource, namespace: namespace, labelSelector: labelSelector, limit: pageSize,
        continueToken: token, cancellation: cancellation, groupVersion: groupVersion,
        droppingUnread: droppingUnread)
      if resourceVersion.isEmpty { resourceVersion = page.resourceVersion }
      token = page.continueToken
      count += page.items.count
      onPage(page.items, token.isEmpty)
    } while !token.isEmpty
    return ListSummary(
      resourceVersion: resourceVersion, groupVersionPath: groupVersion, itemCount: count)
  }

  /// Fetches one page of a list.
  ///
  /// - Parameter droppingUnread: leave out `unreadMembers`, for a caller that only decodes
  ///   the items into model types.
  public func listPage(
    _ resource: APIResource, namespace: String?, labelSelector: String?, limit: Int,
    continueToken: String, cancellation: CancellationToken?, groupVersion: String? = nil,
    droppingUnread: Bool = false
  ) throws(KubeError) -> ListPage {
    let request = RequestBuilder.list(
      resource, namespace: namespace, labelSelector: labelSelector, limit: limit,
      continueToken: continueToken, groupVersion: groupVersion)
    let json = try sendJSON(
      request, cancellation: cancellation, droppingArrays: droppingUnread ? Self.unreadMembers : [])
    guard let items = json["items"]?.arrayValue else {
      throw .decoding("\(resource.rawValue) list without items")
    }
    return ListPage(
      items: items,
      resourceVersion: json[path: ["metadata", "resourceVersion"]]?.stringValue ?? "",
      continueToken: json[path: ["metadata", "continue"]]?.stringValue ?? "",
      groupVersionPath: groupVersion ?? resource.groupVersionPath)
  }

  /// Watches `resource` from `resourceVersion`, calling `onEvent` for each event until the
  /// server ends the stream, `onEvent` returns `.stop`, or `cancellation` is set.
  public func watch(
    _ resource: APIResource, namespace: String? = nil, resourceVersion: String,
    timeoutSeconds: Int = 300, groupVersion: String? = nil,
    cancellation: CancellationToken? = nil, onEvent: (WatchEvent) -> StreamControl
  ) throws(KubeError) {
    let request = RequestBuilder.watch(
      resource, namespace: namespace, resourceVersion: resourceVersion,
      timeoutSeconds: timeoutSeconds, groupVersion: groupVersion)
    var splitter = LineSplitter()
    var failure: KubeError?
    try stream(request, cancellation: cancellation) { chunk in
      for line in splitter.append(chunk) {
        let event: WatchEvent
        do throws(KubeError) {
          event = try WatchEvent(line: line)
        } catch {
          failure = error
          return .stop
        }
        if onEvent(event) == .stop { return .stop }
      }
      return .proceed
    }
    if let failure { throw failure }
  }

  /// Streams a container's log, line by line, to `onLine` (`previous`: the run before the
  /// last restart).
  public func streamLog(
    namespace: String, pod: String, container: String?, tailLines: Int?, follow: Bool,
    timestamps: Bool = false, previous: Bool = false, cancellation: CancellationToken? = nil,
    onLine: (String) -> StreamControl
  ) throws(KubeError) {
    try streamLogLines(
      namespace: namespace, pod: pod, container: container, tailLines: tailLines,
      follow: follow, timestamps: timestamps, previous: previous, cancellation: cancellation
    ) { lines in
      for line in lines where onLine(line) == .stop { return .stop }
      return .proceed
    }
  }

  /// Streams a container's log to `onLines`, the complete lines of each chunk received
  /// together, so a chatty container costs one call per chunk rather than one per line.
  public func streamLogLines(
    namespace: String, pod: String, container: String?, tailLines: Int?, follow: Bool,
    timestamps: Bool = false, previous: Bool = false, cancellation: CancellationToken? = nil,
    onLines: ([String]) -> StreamControl
  ) throws(KubeError) {
    let request = RequestBuilder.log(
      namespace: namespace, pod: pod, container: container, tailLines: tailLines, follow: follow,
      timestamps: timestamps, previous: previous)
    var splitter = LineSplitter()
    try stream(request, cancellation: cancellation) { chunk in
      let lines = splitter.append(chunk).map { String(decoding: $0, as: UTF8.self) }
      return lines.isEmpty ? .proceed : onLines(lines)
    }
    let rest = splitter.remainder
    if !rest.isEmpty { _ = onLines([String(decoding: rest, as: UTF8.self)]) }
  }

  /// Members of API objects that no model type decodes, left out of the pages `forEachPage`
  /// hands on and of watch events: `metadata.managedFields` is often most of an object's
  /// bytes (kubectl hides it too). `list` keeps every member.
  static let unreadMembers: Set<String> = ["managedFields"]

  /// Sends a request and decodes its JSON body, turning error statuses into `KubeError`;
  /// object members named in `droppedArrays` are left out where they hold arrays.
  public func sendJSON(
    _ request: HTTPRequest, cancellation: CancellationToken? = nil,
    droppingArrays droppedArrays: Set<String> = []
  ) throws(KubeError) -> JSONValue {
    let response: HTTPResponse
    do {
      response = try transport.perform(request, cancellation: cancellation)
    } catch {
      throw .transport(error)
    }
    guard (200..<300).contains(response.status) else {
      throw KubeError.from(
        status: response.status, headers: response.head.headers, body: response.body)
    }
    do {
      return try JSONValue.parse(response.body, droppingArrays: droppedArrays)
    } catch {
      throw .decoding("\(request.path): \(error)")
    }
  }

  /// Sends a request whose body is a stream; a non-2xx status is collected and thrown.
  private func stream(
    _ request: HTTPRequest, cancellation: CancellationToken?,
    onChunk: ([UInt8]) -> StreamControl
  ) throws(KubeError) {
    var status = 0
    var headers: [String: String] = [:]
    var errorBody: [UInt8] = []
    do {
      try transport.perform(
        request, cancellation: cancellation,
        onHead: {
          status = $0.status
          headers = $0.headers
        },
        onChunk: { chunk in
          guard (200..<300).contains(status) else {
            errorBody.append(contentsOf: chunk)
            return .proceed
          }
          return onChunk(chunk)
        })
    } catch {
      if case .cancelled = error { return }
      throw .transport(error)
    }
    guard (200..<300).contains(status) else {
      throw KubeError.from(status: status, headers: headers, body: errorBody)
    }
  }
}
