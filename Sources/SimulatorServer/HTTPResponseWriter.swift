import APIMachinery

/// Writes one HTTP/1.1 response: the head, then the body in chunks (`Transfer-Encoding:
/// chunked`), so streams and whole bodies take the same path.
final class HTTPResponseWriter {
  private let stream: ByteStream
  private let keepAlive: Bool
  private(set) var headSent = false
  private(set) var failed = false

  init(stream: ByteStream, keepAlive: Bool) {
    self.stream = stream
    self.keepAlive = keepAlive
  }

  /// Sends the status line and headers; later calls are ignored.
  func head(_ head: HTTPResponseHead) {
    guard !headSent else { return }
    headSent = true
    var headers = head.headers
    headers["Transfer-Encoding"] = "chunked"
    headers["Connection"] = keepAlive ? "keep-alive" : "close"
    headers["Cache-Control"] = headers["Cache-Control"] ?? "no-cache, private"
    failed = !stream.write(Self.headBytes(status: head.status, headers: headers))
  }

  /// Sends one chunk; `.stop` once the peer is gone.
  func chunk(_ bytes: [UInt8]) -> StreamControl {
    if !headSent { head(HTTPResponseHead(status: 200)) }
    guard !failed else { return .stop }
    guard !bytes.isEmpty else { return .proceed }
    failed = !stream.write(Self.chunkBytes(bytes))
    return failed ? .stop : .proceed
  }

  /// Ends the body with the zero-length chunk; `false` when the connection is unusable.
  func finish() -> Bool {
    if !headSent { head(HTTPResponseHead(status: 200)) }
    guard !failed else { return false }
    failed = !stream.write(Array("0\r\n\r\n".utf8))
    return !failed
  }

  static func headBytes(status: Int, headers: [String: String]) -> [UInt8] {
    var text = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
    for name in headers.keys.sorted() {
      text += "\(name): \(headers[name] ?? "")\r\n"
    }
    return Array((text + "\r\n").utf8)
  }

  static func chunkBytes(_ bytes: [UInt8]) -> [UInt8] {
    Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10]
  }

  static func reasonPhrase(_ status: Int) -> String {
    let phrases: [Int: String] = [
      200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request",
      401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
      406: "Not Acceptable", 409: "Conflict", 410: "Gone", 413: "Payload Too Large",
      415: "Unsupported Media Type", 422: "Unprocessable Entity", 429: "Too Many Requests",
      500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
      504: "Gateway Timeout",
    ]
    return phrases[status] ?? "Status"
  }
}
