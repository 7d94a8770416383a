import APIMachinery
import Foundation
import Glibc

extension HTTPServer {
  /// Reads requests from one connection and answers them in turn until either side closes.
  func serveConnection(id: Int, descriptor: Int32) {
    defer { _ = state.withLock { $0.connections.removeValue(forKey: id) } }
    var timeout = timeval(tv_sec: 120, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let stream: ByteStream
    if let tls {
      guard let session = tls.accept(descriptor) else {
        logger.debug("TLS handshake failed on connection \(id)")
        return
      }
      stream = session
    } else {
      stream = PlainStream(descriptor: descriptor)
    }
    defer { stream.close() }
    var reader = HTTPRequestReader { stream.read(max: $0) }
    while !state.withLock({ $0.stopped }) {
      let request: HTTPRequest
      let keepAlive: Bool
      do {
        (request, keepAlive) = try reader.next()
      } catch {
        if error != .closed { answer(error, on: stream) }
        return
      }
      let token = CancellationToken()
      state.withLock { $0.connections[id]?.request = token }
      let writer = HTTPResponseWriter(stream: stream, keepAlive: keepAlive)
      let complete = handler.serve(
        request, cancellation: token, onHead: writer.head, onChunk: writer.chunk)
      state.withLock { $0.connections[id]?.request = nil }
      guard complete else { return }
      let finished = writer.finish()
      logger.debug("\(request.method) \(Self.redacted(request.path)) on connection \(id)")
      guard finished, keepAlive, !token.isCancelled else { return }
    }
  }

  /// The path without a credential segment (`/sim-<token>/...` → `/sim-***/...`).
  static func redacted(_ path: String) -> String {
    guard path.hasPrefix("/sim-") else { return path }
    let rest = path.dropFirst(1).drop { $0 != "/" }
    return "/sim-***" + rest
  }

  private func answer(_ error: RequestReadError, on stream: ByteStream) {
    let message: String
    switch error {
    case .malformed(let detail): message = detail
    case .tooLarge: message = "the request is too large"
    case .closed: return
    }
    let status = APIStatus(code: error.status, reason: "BadRequest", message: message)
    let writer = HTTPResponseWriter(stream: stream, keepAlive: false)
    writer.head(
      HTTPResponseHead(status: error.status, headers: ["Content-Type": "application/json"]))
    _ = writer.chunk(status.json.serialized())
    _ = writer.finish()
  }
}
