import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A request as the test server read it.
public struct TestRequest: Sendable {
  public var method: String
  /// The path with its query, as sent.
  public var target: String
  /// Header names in lower case.
  public var headers: [String: String]
  public var body: [UInt8]
  /// Which accepted connection carried it, counting from 1.
  public var connection: Int

  public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
}

/// Writes one response on the connection; chunked when `head` is called with `chunked: true`.
public final class TestResponseWriter: @unchecked Sendable {
  let socket: Int32
  var chunked = false
  var closeAfter = false

  init(socket: Int32) { self.socket = socket }

  /// Sends the status line and headers.
  public func head(_ status: Int, headers: [String: String] = [:], chunked: Bool = false) {
    self.chunked = chunked
    var text = "HTTP/1.1 \(status) Status\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    text += chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "\r\n"
    send(Array(text.utf8))
  }

  /// A whole response with a Content-Length.
  public func respond(_ status: Int, headers: [String: String] = [:], body: String) {
    var all = headers
    all["Content-Length"] = String(body.utf8.count)
    if all["Content-Type"] == nil { all["Content-Type"] = "application/json" }
    head(status, headers: all)
    send(Array(body.utf8))
  }

  /// One chunk of a chunked body; returns `false` once the client has gone.
  @discardableResult
  public func chunk(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return send(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8))
  }

  /// Ends a chunked body.
  public func end() { send(Array("0\r\n\r\n".utf8)) }

  /// Closes the connection after this response (or at once, mid-body, to drop a stream).
  public func drop() {
    closeAfter = true
    shutdown(socket, Int32(SHUT_RDWR))
  }

  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes {
        Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if sent <= 0 { return false }
      offset += sent
    }
    return true
  }
}

/// A small HTTP/1.1 server on 127.0.0.1 for transport tests: keep-alive, chunked streams,
/// dropped connections. Each connection is served on its own thread.
public final class TestHTTPServer: @unchecked Sendable {
  public typealias Handler = @Sendable (TestRequest, TestResponseWriter) -> Void

  public let port: Int
  private let listener: Int32
  private let handler: Handler
  private let connections = Mutex<[Int32]>([])
  private let accepted = Atomic<Int>(0)
  private let stopped = Atomic<Bool>(false)

  /// Starts listening on an ephemeral port of 127.0.0.1.
  public init(handler: @escaping Handler) throws {
    self.handler = handler
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    guard listener >= 0 else { throw POSIXError(.EIO) }
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(listener, $0, &length)
      }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  /// `http://127.0.0.1:PORT`.
  public var url: String { "http://127.0.0.1:\(port)" }

  /// How many connections were accepted so far.
  public var connectionCount: Int { accepted.load(ordering: .relaxed) }

  /// Closes the listener and every open connection.
  public func stop() {
    guard !stopped.exchange(true, ordering: .relaxed) else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    // Under the lock: a connection closes (and leaves the list) under it too, so no descriptor
    // number is shut down after another test's socket has reused it.
    connections.withLock { sockets in
      for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
    }
  }

  deinit { stop() }

  private func acceptLoop() {
    while !stopped.load(ordering: .relaxed) {
      let client = accept(listener, nil, nil)
      guard client >= 0 else { return }
      let number = accepted.add(1, ordering: .relaxed).newValue
      connections.withLock { $0.append(client) }
      let thread = Thread { [self] in serve(client, number: number) }
      thread.start()
    }
  }

  private func serve(_ socket: Int32, number: Int) {
    defer {
      connections.withLock { sockets in
        sockets.removeAll { $0 == socket }
        close(socket)
      }
    }
    var buffer: [UInt8] = []
    while let request = Self.readRequest(socket, buffer: &buffer, connection: number) {
      let writer = TestResponseWriter(socket: socket)
      handler(request, writer)
      if writer.closeAfter { return }
    }
  }

  static func readRequest(_ socket: Int32, buffer: inout [UInt8], connection: Int)
    -> TestRequest?
  {
    let separator = Array("\r\n\r\n".utf8)
    var headEnd: Int?
    while headEnd == nil {
      if let found = find(separator, in: buffer) {
        headEnd = found
        break
      }
      guard receive(socket, into: &buffer) else { return nil }
    }
    guard let headEnd else { return nil }
    let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let requestLine = lines.removeFirst().split(separator: " ")
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    let bodyStart = headEnd + separator.count
    while buffer.count < bodyStart + length {
      guard receive(socket, into: &buffer) else { return nil }
    }
    let body = Array(buffer[bodyStart..<(bodyStart + length)])
    buffer.removeFirst(bodyStart + length)
    return TestRequest(
      method: requestLine.first.map(String.init) ?? "",
      target: requestLine.count > 1 ? String(requestLine[1]) : "/", headers: headers,
      body: body, connection: connection)
  }

  private static func receive(_ socket: Int32, into buffer: inout [UInt8]) -> Bool {
    var chunk = [UInt8](repeating: 0, count: 16_384)
    let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return false }
    buffer.append(contentsOf: chunk[..<count])
    return true
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return start
    }
    return nil
  }
}
