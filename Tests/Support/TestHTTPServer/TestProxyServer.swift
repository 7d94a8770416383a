import COpenSSL
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// What a test proxy was asked to do, as it read it.
public struct ProxyRequest: Sendable, Equatable {
  /// `CONNECT`, the method of a forwarded request (`GET`), or `SOCKS5`.
  public var method: String
  /// `host:port` the client asked for, as sent (a name stays a name).
  public var target: String
  /// Whether a SOCKS5 client sent the host as a name for the proxy to resolve.
  public var nameSentToProxy: Bool
  /// The credentials the client offered: `Proxy-Authorization` decoded, or SOCKS5's
  /// username/password, as `user:password`.
  public var credentials: String?
}

/// A forward proxy on 127.0.0.1 for transport tests: HTTP `CONNECT` tunnels and plain HTTP
/// forwarding (absolute-URI requests), or SOCKS5 (RFC 1928, with RFC 1929 username and
/// password), optionally behind TLS (an HTTPS proxy).
///
/// Whatever host a client names, the proxy only ever connects to 127.0.0.1 (names such as
/// `sim.test` reach the loopback server on the named port), so tests cannot send traffic
/// anywhere else.
public final class TestProxyServer: @unchecked Sendable {
  /// Which protocol the proxy speaks to its clients.
  public enum Kind: Sendable {
    /// HTTP: `CONNECT host:port` tunnels and absolute-URI requests forwarded.
    case http
    /// SOCKS version 5 with the CONNECT command.
    case socks5
  }

  /// The port it listens on, on 127.0.0.1.
  public let port: Int
  /// The protocol it speaks.
  public let kind: Kind
  private let listener: Int32
  private let credentials: String?
  private let refuse: Bool
  private let tls: OpaquePointer?
  private let recorded = Mutex<[ProxyRequest]>([])
  private let sockets = Mutex<[Int32]>([])
  private let stopped = Atomic<Bool>(false)

  /// Starts listening on an ephemeral port of 127.0.0.1.
  ///
  /// - Parameters:
  ///   - credentials: `user:password` the client must send; others are refused (407 or the
  ///     SOCKS5 authentication failure).
  ///   - refuse: answer every request with a refusal (403, SOCKS5 "not allowed by ruleset").
  ///   - certificate: with `key`, PEM files that make this an HTTPS proxy.
  public init(
    kind: Kind, credentials: String? = nil, refuse: Bool = false, certificate: String? = nil,
    key: String? = nil
  ) throws {
    self.kind = kind
    self.credentials = credentials
    self.refuse = refuse
    if let certificate, let key {
      guard let context = SSL_CTX_new(TLS_server_method()),
        SSL_CTX_use_certificate_chain_file(context, certificate) == 1,
        SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1
      else { throw POSIXError(.EINVAL) }
      tls = context
    } else {
      tls = nil
    }
    let (listener, port) = try Self.listen()
    self.listener = listener
    self.port = port
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  deinit {
    stop()
    if let tls { SSL_CTX_free(tls) }
  }

  /// The proxy URL for a kubeconfig's `proxy-url`, with `userinfo@` when given.
  public func url(userinfo: String? = nil, scheme: String? = nil) -> String {
    let defaultScheme = kind == .socks5 ? "socks5" : (tls == nil ? "http" : "https")
    let prefix = userinfo.map { "\($0)@" } ?? ""
    return "\(scheme ?? defaultScheme)://\(prefix)127.0.0.1:\(port)"
  }

  /// Every request the proxy read, in order.
  public var requests: [ProxyRequest] { recorded.withLock { $0 } }

  /// Closes the listener and every open connection.
  public func stop() {
    guard !stopped.exchange(true, ordering: .relaxed) else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    // Under the lock: a connection closes (and leaves the list) under it too, so no descriptor
    // number is shut down after another test's socket has reused it.
    sockets.withLock { sockets in
      for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
    }
  }

  /// Closes an accepted connection's descriptor and forgets it, under the list's lock.
  private func release(_ socket: Int32) {
    sockets.withLock { sockets in
      sockets.removeAll { $0 == socket }
      close(socket)
    }
  }

  private static func listen() throws -> (Int32, Int) {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard listener >= 0 else { throw POSIXError(.EIO) }
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, Glibc.listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(listener, $0, &length)
      }
    }
    return (listener, Int(UInt16(bigEndian: address.sin_port)))
  }

  private func acceptLoop() {
    while !stopped.load(ordering: .relaxed) {
      let client = accept(listener, nil, nil)
      guard client >= 0 else { return }
      sockets.withLock { $0.append(client) }
      let thread = Thread { [self] in serve(client) }
      thread.start()
    }
  }

  private func serve(_ socket: Int32) {
    let client: ProxyStream
    if let tls {
      guard let session = SSL_new(tls) else {
        release(socket)
        return
      }
      SSL_set_fd(session, socket)
      guard SSL_accept(session) == 1 else {
        SSL_free(session)
        release(socket)
        return
      }
      client = ProxyStream(socket: socket, session: session)
    } else {
      client = ProxyStream(socket: socket, session: nil)
    }
    defer {
      client.close(closingSocket: false)
      release(socket)
    }
    switch kind {
    case .http: serveHTTP(client)
    case .socks5: serveSOCKS(client)
    }
  }

  private func record(_ request: ProxyRequest) { recorded.withLock { $0.append(request) } }

  // MARK: HTTP

  private func serveHTTP(_ client: ProxyStream) {
    var buffer: [UInt8] = []
    guard let end = client.readHead(into: &buffer) else { return }
    let head = String(decoding: buffer[..<end], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let requestLine = lines.removeFirst().split(separator: " ").map(String.init)
    guard requestLine.count == 3 else { return }
    let method = requestLine[0]
    var offered: String?
    lines.removeAll { line in
      guard line.lowercased().hasPrefix("proxy-authorization:") else { return false }
      let value = line.dropFirst("proxy-authorization:".count).trimmingCharacters(in: .whitespaces)
      if value.hasPrefix("Basic "), let data = Data(base64Encoded: String(value.dropFirst(6))) {
        offered = String(decoding: data, as: UTF8.self)
      }
      return true
    }
    let target: String
    var path = "/"
    if method == "CONNECT" {
      target = requestLine[1]
    } else {
      guard let url = URLComponents(string: requestLine[1]), let host = url.host else {
        client.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        return
      }
      target = "\(host):\(url.port ?? 80)"
      path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
      if let query = url.percentEncodedQuery { path += "?\(query)" }
    }
    record(
      ProxyRequest(
        method: method, target: target, nameSentToProxy: false, credentials: offered))
    if let credentials, offered != credentials {
      client.write(
        "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic "
          + "realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
      return
    }
    if refuse {
      client.write(
        "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
      return
    }
    guard let upstream = Self.connectLoopback(port: Self.port(of: target)) else {
      client.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
      return
    }
    defer { upstream.close() }
    let rest = Array(buffer[(end + 4)...])
    if method == "CONNECT" {
      client.write("HTTP/1.1 200 Connection established\r\n\r\n")
      _ = upstream.write(rest)
    } else {
      // One request per connection upstream: the response ends when the server closes.
      lines.removeAll {
        $0.lowercased().hasPrefix("connection:") || $0.lowercased().hasPrefix("proxy-connection:")
      }
      let forwarded =
        ([[method, path, requestLine[2]].joined(separator: " ")] + lines + ["Connection: close"])
        .joined(separator: "\r\n") + "\r\n\r\n"
      _ = upstream.write(Array(forwarded.utf8) + rest)
    }
    Self.relay(client, upstream)
  }

  // MARK: SOCKS5

  private func serveSOCKS(_ client: ProxyStream) {
    guard let greeting = client.read(exactly: 2), greeting[0] == 5,
      let methods = client.read(exactly: Int(greeting[1]))
    else { return }
    let wanted: UInt8 = credentials == nil ? 0 : 2
    guard methods.contains(wanted) else {
      client.write([5, 0xFF])
      return
    }
    client.write([5, wanted])
    var offered: String?
    if wanted == 2 {
      guard let version = client.read(exactly: 2), version[0] == 1,
        let user = client.read(exactly: Int(version[1])),
        let length = client.read(exactly: 1), let password = client.read(exactly: Int(length[0]))
      else { return }
      offered =
        String(decoding: user, as: UTF8.self) + ":" + String(decoding: password, as: UTF8.self)
      guard offered == credentials else {
        client.write([1, 1])
        return
      }
      client.write([1, 0])
    }
    guard let request = client.read(exactly: 4), request[0] == 5, request[1] == 1 else { return }
    var host = ""
    var isName = false
    switch request[3] {
    case 1:
      guard let bytes = client.read(exactly: 4) else { return }
      host = bytes.map(String.init).joined(separator: ".")
    case 3:
      guard let length = client.read(exactly: 1), let name = client.read(exactly: Int(length[0]))
      else { return }
      host = String(decoding: name, as: UTF8.self)
      isName = true
    case 4:
      guard let bytes = client.read(exactly: 16) else { return }
      host =
        "["
        + stride(from: 0, to: 16, by: 2).map {
          String(Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]), radix: 16)
        }.joined(separator: ":") + "]"
    default:
      return
    }
    guard let portBytes = client.read(exactly: 2) else { return }
    let port = Int(portBytes[0]) << 8 | Int(portBytes[1])
    record(
      ProxyRequest(
        method: "SOCKS5", target: "\(host):\(port)", nameSentToProxy: isName,
        credentials: offered))
    let reply: ([UInt8]) -> [UInt8] = { [5] + $0 + [0, 1, 127, 0, 0, 1, 0, 0] }
    if refuse {
      client.write(reply([2]))
      return
    }
    guard let upstream = Self.connectLoopback(port: port) else {
      client.write(reply([5]))
      return
    }
    defer { upstream.close() }
    client.write(reply([0]))
    Self.relay(client, upstream)
  }

  // MARK: Plumbing

  private static func port(of target: String) -> Int {
    Int(target.split(separator: ":").last ?? "") ?? 0
  }

  /// A connection to 127.0.0.1:`port`, whatever host was asked for.
  private static func connectLoopback(port: Int) -> ProxyStream? {
    guard (1...65535).contains(port) else { return nil }
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(fd)
      return nil
    }
    return ProxyStream(socket: fd, session: nil)
  }

  /// Copies bytes both ways until either side closes.
  private static func relay(_ client: ProxyStream, _ upstream: ProxyStream) {
    var fds = [
      pollfd(fd: client.socket, events: Int16(POLLIN), revents: 0),
      pollfd(fd: upstream.socket, events: Int16(POLLIN), revents: 0),
    ]
    while true {
      fds[0].revents = 0
      fds[1].revents = 0
      if !client.hasPending {
        guard poll(&fds, 2, 30_000) > 0 else { return }
      }
      if client.hasPending || fds[0].revents != 0 {
        let bytes = client.read(max: 16_384)
        guard !bytes.isEmpty, upstream.write(bytes) else { return }
      }
      if fds[1].revents != 0 {
        let bytes = upstream.read(max: 16_384)
        guard !bytes.isEmpty, client.write(bytes) else { return }
      }
    }
  }
}

/// A plain or TLS socket of the test proxy.
final class ProxyStream {
  let socket: Int32
  private let session: OpaquePointer?
  private var buffered: [UInt8] = []

  init(socket: Int32, session: OpaquePointer?) {
    self.socket = socket
    self.session = session
  }

  /// Whether bytes are already read (TLS records or leftovers) and waiting.
  var hasPending: Bool {
    !buffered.isEmpty || session.map { SSL_pending($0) > 0 } ?? false
  }

  func read(max count: Int) -> [UInt8] {
    if !buffered.isEmpty {
      let taken = Array(buffered.prefix(count))
      buffered.removeFirst(taken.count)
      return taken
    }
    var chunk = [UInt8](repeating: 0, count: count)
    let got = chunk.withUnsafeMutableBytes { buffer -> Int in
      if let session { return Int(SSL_read(session, buffer.baseAddress, Int32(count))) }
      return recv(socket, buffer.baseAddress, count, 0)
    }
    return got > 0 ? Array(chunk[..<got]) : []
  }

  func read(exactly count: Int) -> [UInt8]? {
    var result: [UInt8] = []
    while result.count < count {
      let bytes = read(max: count - result.count)
      guard !bytes.isEmpty else { return nil }
      result += bytes
    }
    return result
  }

  /// Reads until the blank line that ends a request head; the offset of `\r\n\r\n`.
  func readHead(into buffer: inout [UInt8]) -> Int? {
    let separator = Array("\r\n\r\n".utf8)
    while true {
      if buffer.count >= 4 {
        for start in 0...(buffer.count - 4)
        where buffer[start..<(start + 4)].elementsEqual(separator) {
          return start
        }
      }
      let bytes = read(max: 16_384)
      guard !bytes.isEmpty else { return nil }
      buffer += bytes
    }
  }

  @discardableResult
  func write(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { buffer -> Int in
        if let session { return Int(SSL_write(session, buffer.baseAddress, Int32(buffer.count))) }
        return send(socket, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
      }
      if sent <= 0 { return false }
      offset += sent
    }
    return true
  }

  func write(_ text: String) { write(Array(text.utf8)) }

  /// Ends the TLS session, if any, and closes the socket unless its owner does that.
  func close(closingSocket: Bool = true) {
    if let session {
      SSL_shutdown(session)
      SSL_free(session)
    }
    if closingSocket { Glibc.close(socket) }
  }
}
