import APIMachinery
import Foundation
import Logging

/// The simulated cluster's API server, in process.
///
/// It conforms to `HTTPTransport`, so the client talks to it exactly as to a network
/// transport, and `handle(_:cancellation:onHead:onChunk:)` could sit behind a socket server.
/// Paths, query parameters, JSON shapes and Status errors follow the Kubernetes API
/// (KUBERNETES.md 8): discovery, list, get, watch, pod logs, create, update, merge patch and
/// delete for pods, jobs, cronjobs, events, secrets, configmaps and namespaces.
public final class SimulatedAPIServer: HTTPTransport, @unchecked Sendable {
  typealias HeadSink = (HTTPResponseHead) -> Void
  typealias ChunkSink = ([UInt8]) -> StreamControl

  let store: ObjectStore
  let logs: PodLogStore
  let logger: Logger
  /// Real seconds between watch BOOKMARK events.
  var bookmarkInterval: TimeInterval = 5

  init(store: ObjectStore, logs: PodLogStore, logger: Logger) {
    self.store = store
    self.logs = logs
    self.logger = logger
  }

  /// Serves one request; blocks for watches and followed logs until they end or are cancelled.
  /// Like a network transport it throws `.cancelled` when the token ended the request.
  public func perform(
    _ request: HTTPRequest, cancellation: CancellationToken?,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) throws(TransportError) {
    if cancellation?.isCancelled == true { throw .cancelled }
    handle(request, cancellation: cancellation, onHead: onHead, onChunk: onChunk)
    if cancellation?.isCancelled == true { throw .cancelled }
  }

  /// Serves one request and writes the response through the two callbacks.
  public func handle(
    _ incoming: HTTPRequest, cancellation: CancellationToken?,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) {
    let request = Self.splittingQuery(incoming)
    logger.trace("\(request.method) \(request.path)")
    if let document = discovery(request.path) {
      guard request.method == "GET" else {
        return send(methodNotAllowed(request), onHead, onChunk)
      }
      return send(200, document, onHead, onChunk)
    }
    if request.path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" {
      return accessReview(request, onHead, onChunk)
    }
    if ["/healthz", "/readyz", "/livez"].contains(request.path) {
      onHead(HTTPResponseHead(status: 200, headers: ["Content-Type": "text/plain"]))
      _ = onChunk(Array("ok".utf8))
      return
    }
    guard let route = APIRoute(path: request.path) else {
      let status = APIStatus(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource",
        details: [:])
      return send(status, onHead, onChunk)
    }
    do throws(APIStatus) {
      try dispatch(request, route, cancellation: cancellation, onHead: onHead, onChunk: onChunk)
    } catch {
      send(error, onHead, onChunk)
    }
  }

  private func dispatch(
    _ request: HTTPRequest, _ route: APIRoute, cancellation: CancellationToken?,
    onHead: HeadSink, onChunk: ChunkSink
  ) throws(APIStatus) {
    switch (request.method, route.name, route.subresource) {
    case ("GET", nil, _):
      let flag = request.queryValue("watch")
      if route.isLegacyWatch || (flag != nil && flag != "0" && flag != "false") {
        try watch(request, route, cancellation: cancellation, onHead: onHead, onChunk: onChunk)
      } else {
        send(200, try list(request, route), onHead, onChunk)
      }
    case ("GET", _, "log"):
      guard route.resource == .pods else { throw route.notFound }
      try podLog(request, route, cancellation: cancellation, onHead: onHead, onChunk: onChunk)
    case ("GET", let name?, _):
      try checkSubresource(route)
      guard let object = store.get(route.resource, route.namespace ?? "", name) else {
        throw route.notFound
      }
      send(200, object, onHead, onChunk)
    case ("POST", nil, nil):
      send(201, try create(request, route), onHead, onChunk)
    case ("PUT", _?, _):
      try checkSubresource(route)
      send(200, try replace(request, route), onHead, onChunk)
    case ("PATCH", _?, _):
      try checkSubresource(route)
      send(200, try patch(request, route), onHead, onChunk)
    case ("DELETE", _?, nil):
      send(200, try delete(request, route), onHead, onChunk)
    default:
      throw methodNotAllowed(request)
    }
  }

  /// Moves a `?a=b&c=d` suffix of the path into the query items.
  static func splittingQuery(_ request: HTTPRequest) -> HTTPRequest {
    guard let mark = request.path.firstIndex(of: "?") else { return request }
    var copy = request
    copy.path = String(request.path[..<mark])
    let pairs = request.path[request.path.index(after: mark)...].split(separator: "&")
    copy.query += pairs.map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
        String($0).removingPercentEncoding ?? String($0)
      }
      return QueryItem(parts[0], parts.count > 1 ? parts[1] : "")
    }
    return copy
  }

  private func checkSubresource(_ route: APIRoute) throws(APIStatus) {
    guard let subresource = route.subresource else { return }
    let known =
      [Resource.pods, .jobs, .cronjobs].contains(route.resource) && subresource == "status"
    if !known { throw route.notFound }
  }

  private func methodNotAllowed(_ request: HTTPRequest) -> APIStatus {
    .methodNotAllowed("the server does not allow this method on the requested resource")
  }

  /// Parses a JSON request body.
  func body(_ request: HTTPRequest) throws(APIStatus) -> JSONValue {
    do {
      return try JSONValue.parse(request.body)
    } catch {
      throw .badRequest("error decoding request body: \(error.description)")
    }
  }

  func send(_ status: Int, _ json: JSONValue, _ onHead: HeadSink, _ onChunk: ChunkSink) {
    onHead(HTTPResponseHead(status: status, headers: ["Content-Type": "application/json"]))
    _ = onChunk(json.serialized())
  }

  func send(_ error: APIStatus, _ onHead: HeadSink, _ onChunk: ChunkSink) {
    send(error.code, error.json, onHead, onChunk)
  }
}
