import APIMachinery
import Foundation
import Glibc
import Logging
import Synchronization

/// What serves each request the socket server reads.
public protocol RequestHandler: Sendable {
  /// Answers one request through `onHead` and `onChunk`; streams until done or cancelled.
  /// Returns `false` to cut the connection without ending the body (a dropped stream).
  func serve(
    _ request: HTTPRequest, cancellation: CancellationToken,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) -> Bool
}

/// Why the server could not start listening.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// An HTTP/1.1 server on a loopback TCP port: a thread per connection, keep-alive, chunked
/// bodies, optional TLS. `stop()` closes the listener and every connection.
public final class HTTPServer: @unchecked Sendable {
  /// The most connections served at once; later ones are closed at once.
  public static let maxConnections = 256

  /// The port it listens on (the chosen one when asked for port 0).
  public private(set) var port: UInt16 = 0
  let host: String
  let handler: RequestHandler
  let tls: TLSContext?
  let logger: Logger
  let state = Mutex(ServerState())

  struct ServerState {
    var listener: Int32 = -1
    var stopped = false
    var nextID = 0
    var connections: [Int: (descriptor: Int32, request: CancellationToken?)] = [:]
  }

  /// Binds `host:port` (IPv4 loopback only) and starts accepting.
  public init(
    host: String, port: UInt16, tls: TLSContext?, handler: RequestHandler, logger: Logger
  ) throws(ServerStartError) {
    guard host.hasPrefix("127.") else {
      throw ServerStartError(description: "only loopback addresses (127.x.x.x) may be used")
    }
    self.host = host
    self.handler = handler
    self.tls = tls
    self.logger = logger
    signal(SIGPIPE, SIG_IGN)
    let listener = try Self.bind(host: host, port: port)
    self.port = Self.boundPort(listener)
    state.withLock { $0.listener = listener }
    startAccepting(listener)
    startHangUpMonitor()
  }

  /// Stops accepting, ends every connection and streaming request.
  public func stop() {
    closeListenerAndConnections(stopping: true)
  }

  /// Closes the listening socket and ends every connection and streaming request; with
  /// `stopping`, the server also stays down.
  private func closeListenerAndConnections(stopping: Bool) {
    let (listener, connections) = state.withLock { state in
      if stopping { state.stopped = true }
      let listener = state.listener
      state.listener = -1
      return (listener, Array(state.connections.values))
    }
    if listener >= 0 {
      shutdown(listener, Int32(SHUT_RDWR))
      _ = close(listener)
    }
    for connection in connections {
      connection.request?.cancel()
      shutdown(connection.descriptor, Int32(SHUT_RDWR))
    }
  }

  /// Refuses connections for `seconds` (closing the current ones), then listens again on the
  /// same port: a server that stops and comes back.
  public func goAway(for seconds: TimeInterval) {
    closeListenerAndConnections(stopping: false)
    logger.info("away for \(seconds) s")
    let port = self.port
    Thread.detachNewThread { [self] in
      Thread.sleep(forTimeInterval: seconds)
      guard !state.withLock({ $0.stopped }) else { return }
      do {
        let fresh = try Self.bind(host: host, port: port)
        state.withLock { $0.listener = fresh }
        startAccepting(fresh)
        logger.info("back on port \(port)")
      } catch {
        logger.error("cannot listen again: \(error)")
      }
    }
  }

  static func bind(host: String, port: UInt16) throws(ServerStartError) -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ServerStartError(description: "socket() failed") }
    var yes: Int32 = 1
    setsockopt(
      descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
      _ = close(descriptor)
      throw ServerStartError(description: "\(host) is not an IPv4 address")
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 64) == 0 else {
      let reason = String(cString: strerror(errno))
      _ = close(descriptor)
      throw ServerStartError(description: "cannot listen on \(host):\(port): \(reason)")
    }
    return descriptor
  }

  private static func boundPort(_ descriptor: Int32) -> UInt16 {
    var address = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    return UInt16(bigEndian: address.sin_port)
  }

  private func startAccepting(_ listener: Int32) {
    let thread = Thread { [self] in
      while true {
        let client = accept(listener, nil, nil)
        if client < 0 {
          if errno == EINTR { continue }
          return
        }
        let id = state.withLock { state -> Int? in
          guard !state.stopped, state.connections.count < Self.maxConnections else { return nil }
          state.nextID += 1
          state.connections[state.nextID] = (client, nil)
          return state.nextID
        }
        guard let id else {
          _ = close(client)
          if state.withLock({ $0.stopped }) { return }
          logger.warning("refused a connection: \(Self.maxConnections) are open")
          continue
        }
        let worker = Thread { [self] in serveConnection(id: id, descriptor: client) }
        worker.name = "batchdeck-http-\(id)"
        worker.start()
      }
    }
    thread.name = "batchdeck-accept"
    thread.start()
  }

  private func startHangUpMonitor() {
    let thread = Thread { [self] in
      while !state.withLock({ $0.stopped }) {
        let busy = state.withLock { $0.connections.values.filter { $0.request != nil } }
        for connection in busy where peerHungUp(connection.descriptor) {
          connection.request?.cancel()
        }
        Thread.sleep(forTimeInterval: 0.2)
      }
    }
    thread.name = "batchdeck-hangup"
    thread.start()
  }
}
