import APIMachinery
import Foundation

extension APIGateway {
  /// Passes the request to the simulated API server, turning JSON answers into Tables when
  /// asked and presenting `batch/v1beta1` CronJobs under that version.
  func forward(
    _ incoming: HTTPRequest, _ path: RequestPath?, _ streaming: Bool,
    _ cancellation: CancellationToken,
    _ onHead: (HTTPResponseHead) -> Void, _ onChunk: ([UInt8]) -> StreamControl
  ) {
    var request = incoming
    if let document = BetaVersion.discovery(request.path, simulator: simulator) {
      return send(200, document, onHead, onChunk)
    }
    let beta = BetaVersion.applies(to: path)
    if beta { request.path = BetaVersion.stableTarget(request.path) }
    let wantsTable =
      request.method == "GET" && path?.subresource == nil
      && (request.header("Accept") ?? "").contains("as=Table")
    guard beta || wantsTable, let path else {
      return simulator.server.handle(
        request, cancellation: cancellation, onHead: onHead, onChunk: onChunk)
    }
    let clock = simulator.clock
    let include =
      request.queryValue("includeObject").flatMap(TableBuilder.Include.init) ?? .metadata
    let transform = { (object: JSONValue) -> JSONValue in
      var result = object
      if beta { result = BetaVersion.relabel(result) }
      if wantsTable {
        result = Self.tabulate(result, resource: path.resource, now: clock.now, include: include)
      }
      return result
    }
    if streaming {
      var splitter = LineSplitter()
      simulator.server.handle(
        request, cancellation: cancellation, onHead: onHead,
        onChunk: { chunk in
          for line in splitter.append(chunk) {
            guard var event = try? JSONValue.parse(line), let object = event["object"],
              event["type"] != "ERROR", event["type"] != "BOOKMARK"
            else {
              if onChunk(line + [0x0A]) == .stop { return .stop }
              continue
            }
            event["object"] = transform(object)
            if onChunk(event.serialized() + [0x0A]) == .stop { return .stop }
          }
          return .proceed
        })
      return
    }
    var head = HTTPResponseHead(status: 200)
    var body: [UInt8] = []
    simulator.server.handle(
      request, cancellation: cancellation, onHead: { head = $0 },
      onChunk: { chunk in
        body += chunk
        return .proceed
      })
    if head.status < 300, let json = try? JSONValue.parse(body), json["kind"] != "Status" {
      body = transform(json).serialized()
    }
    onHead(head)
    _ = onChunk(body)
  }

  /// A list or one object as a Table.
  static func tabulate(
    _ object: JSONValue, resource: String, now: Date, include: TableBuilder.Include
  ) -> JSONValue {
    if let items = object["items"]?.arrayValue {
      return TableBuilder.table(
        resource, items, listMetadata: object["metadata"] ?? [:], now: now, include: include)
    }
    let version = object[path: ["metadata", "resourceVersion"]] ?? ""
    return TableBuilder.table(
      resource, [object], listMetadata: ["resourceVersion": version], now: now,
      include: include)
  }
}
