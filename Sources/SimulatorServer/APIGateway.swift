import APIMachinery
import ClusterSimulator
import Foundation
import Logging
import Synchronization

/// What stands between the socket server and the simulated API server: bearer-token checks,
/// injected faults, Table responses, the `batch/v1beta1` CronJob version and the fault admin
/// endpoint `/batchdeck/v1/faults`.
public final class APIGateway: RequestHandler {
  /// The path of the fault admin endpoint (GET, POST a plan, DELETE to clear).
  public static let faultsPath = "/batchdeck/v1/faults"

  let simulator: Simulator
  let token: String
  let faults: FaultState
  let logger: Logger
  private let goAwayAction = Mutex<(@Sendable (Double) -> Void)?>(nil)

  /// Serves `simulator` to clients that send `Authorization: Bearer <token>`.
  public init(simulator: Simulator, token: String, faults: FaultPlan = FaultPlan(), logger: Logger)
  {
    self.simulator = simulator
    self.token = token
    self.faults = FaultState(faults)
    self.logger = logger
  }

  /// What a `downSeconds` fault calls (normally `HTTPServer.goAway(for:)`).
  public func onGoAway(_ action: @escaping @Sendable (Double) -> Void) {
    goAwayAction.withLock { $0 = action }
  }

  /// The path prefix that also authenticates: kubectl sends no bearer token over plain HTTP,
  /// so the kubeconfig's server URL carries the secret as its path instead.
  public var pathPrefix: String { "/sim-\(token)" }

  /// Whether the request carries the credentials, with the path prefix taken off.
  func authenticate(_ incoming: HTTPRequest) -> HTTPRequest? {
    var request = incoming
    if request.path == pathPrefix || request.path.hasPrefix(pathPrefix + "/") {
      request.path = String(request.path.dropFirst(pathPrefix.count))
      if request.path.isEmpty { request.path = "/" }
      return request
    }
    return request.header("Authorization") == "Bearer \(token)" ? request : nil
  }

  public func serve(
    _ incoming: HTTPRequest, cancellation: CancellationToken,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) -> Bool {
    guard var request = authenticate(incoming) else {
      logger.info("401 for \(incoming.method) \(HTTPServer.redacted(incoming.path))")
      send(.unauthorized(), onHead, onChunk)
      return true
    }
    if request.path == Self.faultsPath {
      administer(request, onHead, onChunk)
      return true
    }
    if let type = request.header("Content-Type"), !request.body.isEmpty, !type.contains("json") {
      guard type.hasPrefix("application/vnd.kubernetes.protobuf"),
        let object = ProtobufDecoder.json(request.body)
      else {
        send(Self.unsupported(type), onHead, onChunk)
        return true
      }
      request.body = object.serialized()
      request.headers = request.headers.filter { $0.name.lowercased() != "content-type" }
      request.headers.append(("Content-Type", "application/json"))
    }
    let plan = faults.current
    if plan.delayMs > 0 { Thread.sleep(forTimeInterval: Double(plan.delayMs) / 1000) }
    if let failure = faults.takeFailure() {
      send(Self.failure(failure.status), onHead, onChunk, retryAfter: failure.retryAfter)
      return true
    }
    let path = RequestPath(request.path)
    if let path, let refusal = refusal(request, path, plan) {
      send(refusal, onHead, onChunk)
      return true
    }
    if request.path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      let answer = deniedReview(request, plan)
    {
      send(201, answer, onHead, onChunk)
      return true
    }
    let streaming = isStreaming(request, path)
    if streaming, path?.subresource == nil, faults.takeExpiry() {
      sendExpired(request, onHead, onChunk)
      return true
    }
    var dropped = false
    if streaming, let after = plan.dropWatchesAfterSeconds {
      let finished = Atomic<Bool>(false)
      let cut = Atomic<Bool>(false)
      Thread.detachNewThread {
        let deadline = Date().addingTimeInterval(after)
        while !finished.load(ordering: .relaxed), Date() < deadline {
          Thread.sleep(forTimeInterval: 0.05)
        }
        guard !finished.load(ordering: .relaxed) else { return }
        cut.store(true, ordering: .relaxed)
        cancellation.cancel()
      }
      forward(request, path, streaming, cancellation, onHead, onChunk)
      finished.store(true, ordering: .relaxed)
      dropped = cut.load(ordering: .relaxed)
    } else {
      forward(request, path, streaming, cancellation, onHead, onChunk)
    }
    return !dropped
  }

  /// A watch answered as a server answers a compacted resource version: one `ERROR` event
  /// with a 410 `Expired` Status, then the end of the stream.
  private func sendExpired(
    _ request: HTTPRequest, _ onHead: (HTTPResponseHead) -> Void,
    _ onChunk: ([UInt8]) -> StreamControl
  ) {
    let version = request.queryValue("resourceVersion") ?? "0"
    let status = APIStatus(
      code: 410, reason: "Expired",
      message: "too old resource version: \(version) (injected fault)")
    let event: JSONValue = ["type": "ERROR", "object": status.json]
    logger.info("410 Expired for the watch \(HTTPServer.redacted(request.path))")
    onHead(HTTPResponseHead(status: 200, headers: ["Content-Type": "application/json"]))
    _ = onChunk(event.serialized() + Array("\n".utf8))
  }

  private func isStreaming(_ request: HTTPRequest, _ path: RequestPath?) -> Bool {
    let watch = request.queryValue("watch").map { $0 != "0" && $0 != "false" } ?? false
    let follow = request.queryValue("follow") == "true" || request.queryValue("follow") == "1"
    return watch || path?.isWatchPath == true || (path?.subresource == "log" && follow)
  }

  private func refusal(
    _ request: HTTPRequest, _ path: RequestPath, _ plan: FaultPlan
  ) -> APIStatus? {
    let namespace = path.resource == "namespaces" ? path.name : path.namespace
    guard plan.forbids(resource: path.resource, namespace: namespace) else { return nil }
    let watch = isStreaming(request, path)
    let verb = path.verb(method: request.method, watch: watch)
    let target = path.subresource.map { "\(path.resource)/\($0)" } ?? path.resource
    var message =
      "\(target) is forbidden: User \"batchdeck\" cannot \(verb) resource "
      + "\"\(target)\" in API group \"\(path.group)\""
    if let namespace = path.namespace {
      message += " in the namespace \"\(namespace)\""
    } else {
      message += " at the cluster scope"
    }
    return APIStatus(
      code: 403, reason: "Forbidden", message: message,
      details: ["group": .string(path.group), "kind": .string(path.resource)])
  }

  private func deniedReview(_ request: HTTPRequest, _ plan: FaultPlan) -> JSONValue? {
    guard request.method == "POST", !plan.forbid.isEmpty,
      var review = try? JSONValue.parse(request.body),
      let attributes = review[path: ["spec", "resourceAttributes"]]
    else { return nil }
    let resource = attributes.text("resource")
    let namespace = attributes["namespace"]?.stringValue
    guard plan.forbids(resource: resource, namespace: namespace) else { return nil }
    review["status"] = ["allowed": false, "reason": "refused by the fault plan"]
    review["metadata"] = ["creationTimestamp": nil]
    return review
  }

  /// 415 for bodies that are not JSON (kubectl tries protobuf first, then JSON).
  static func unsupported(_ type: String) -> APIStatus {
    APIStatus(
      code: 415, reason: "UnsupportedMediaType",
      message: "the body of the request was in an unknown format - accepted media types "
        + "include: application/json, application/merge-patch+json, "
        + "application/strategic-merge-patch+json")
  }

  static func failure(_ status: Int) -> APIStatus {
    let reasons: [Int: (String, String)] = [
      429: ("TooManyRequests", "Too many requests, please try again later."),
      500: ("InternalError", "Internal error occurred: injected fault"),
      503: ("ServiceUnavailable", "The server is currently unable to handle the request"),
      504: ("Timeout", "The server was unable to return a response in the time allotted"),
    ]
    let (reason, message) = reasons[status] ?? ("InternalError", "injected fault \(status)")
    return APIStatus(code: status, reason: reason, message: message)
  }

  func send(
    _ status: APIStatus, _ onHead: (HTTPResponseHead) -> Void,
    _ onChunk: ([UInt8]) -> StreamControl, retryAfter: Int? = nil
  ) {
    var headers = ["Content-Type": "application/json"]
    if let retryAfter { headers["Retry-After"] = String(retryAfter) }
    onHead(HTTPResponseHead(status: status.code, headers: headers))
    _ = onChunk(status.json.serialized())
  }

  func send(
    _ code: Int, _ body: JSONValue, _ onHead: (HTTPResponseHead) -> Void,
    _ onChunk: ([UInt8]) -> StreamControl
  ) {
    onHead(HTTPResponseHead(status: code, headers: ["Content-Type": "application/json"]))
    _ = onChunk(body.serialized())
  }

  private func administer(
    _ request: HTTPRequest, _ onHead: (HTTPResponseHead) -> Void,
    _ onChunk: ([UInt8]) -> StreamControl
  ) {
    switch request.method {
    case "GET":
      send(200, faults.current.json, onHead, onChunk)
    case "DELETE":
      faults.replace(FaultPlan())
      send(200, faults.current.json, onHead, onChunk)
    case "POST", "PUT":
      do throws(APIStatus) {
        guard let json = try? JSONValue.parse(request.body) else {
          throw .badRequest("the fault plan is not JSON")
        }
        var plan = try FaultPlan(json: json)
        let down = plan.downSeconds
        plan.downSeconds = nil
        faults.replace(plan)
        logger.info("fault plan: \(String(decoding: plan.json.serialized(), as: UTF8.self))")
        send(200, plan.json, onHead, onChunk)
        if let down, let action = goAwayAction.withLock({ $0 }) {
          Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.1)
            action(down)
          }
        }
      } catch {
        send(error, onHead, onChunk)
      }
    default:
      send(.methodNotAllowed("use GET, POST or DELETE"), onHead, onChunk)
    }
  }
}
