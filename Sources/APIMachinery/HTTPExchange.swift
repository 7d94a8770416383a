import Foundation
import Synchronization

/// One HTTP request as the Kubernetes API sees it: method, path, query, headers and body.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  /// The path without the query, such as `/apis/batch/v1/namespaces/default/cronjobs`.
  public var path: String
  /// Query parameters in the order they are sent; values are not percent-encoded here.
  public var query: [QueryItem]
  /// Header fields; names compare case-insensitively through `header(_:)`.
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(
    method: String = "GET", path: String, query: [QueryItem] = [],
    headers: [(name: String, value: String)] = [], body: [UInt8] = []
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  /// The first value of the header `name`, compared case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// The first value of the query parameter `name`.
  public func queryValue(_ name: String) -> String? {
    query.first { $0.name == name }?.value
  }

  public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
    lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query
      && lhs.body == rhs.body
      && lhs.headers.map { "\($0.name):\($0.value)" }
        == rhs.headers.map { "\($0.name):\($0.value)" }
  }
}

/// A query parameter.
public struct QueryItem: Sendable, Hashable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// The status line and headers of a response, delivered before its body.
public struct HTTPResponseHead: Sendable, Equatable {
  public var status: Int
  public var headers: [String: String]

  public init(status: Int, headers: [String: String] = [:]) {
    self.status = status
    self.headers = headers
  }
}

/// What a body consumer tells the transport after each chunk.
public enum StreamControl: Sendable {
  case proceed
  case stop
}

/// A flag another thread sets to end a request or stream early.
public final class CancellationToken: Sendable {
  private let flag = Atomic<Bool>(false)

  public init() {}

  public func cancel() { flag.store(true, ordering: .relaxed) }

  public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Why a request got no HTTP response.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The server could not be reached (refused, unresolvable, unreachable).
  case connectionFailed(String)
  /// No answer within the time allowed.
  case timedOut(String)
  /// TLS set-up or verification failed.
  case tls(String)
  /// The caller cancelled the request.
  case cancelled
  /// No credentials could be obtained (an exec plugin failed, a token file is unreadable).
  case credentials(String)
  /// Anything else the transport reported.
  case other(String)

  public var description: String {
    switch self {
    case .connectionFailed(let detail): "connection failed: \(detail)"
    case .timedOut(let detail): "timed out: \(detail)"
    case .tls(let detail): "TLS error: \(detail)"
    case .cancelled: "cancelled"
    case .credentials(let detail): "getting credentials: \(detail)"
    case .other(let detail): detail
    }
  }
}

/// Sends requests and streams back responses; the seam between the client and any server.
///
/// `perform` blocks the calling thread until the body has ended, `onChunk` asked to stop, or
/// `cancellation` was set. Call it from a background thread, never the one that owns the screen.
public protocol HTTPTransport: Sendable {
  func perform(
    _ request: HTTPRequest,
    cancellation: CancellationToken?,
    onHead: (HTTPResponseHead) -> Void,
    onChunk: ([UInt8]) -> StreamControl
  ) throws(TransportError)
}

/// A whole response, for requests that are not streams.
public struct HTTPResponse: Sendable, Equatable {
  public var head: HTTPResponseHead
  public var body: [UInt8]

  public init(head: HTTPResponseHead, body: [UInt8]) {
    self.head = head
    self.body = body
  }

  public var status: Int { head.status }
}

extension HTTPTransport {
  /// Performs a request and collects its whole body.
  public func perform(
    _ request: HTTPRequest, cancellation: CancellationToken? = nil
  ) throws(TransportError) -> HTTPResponse {
    var head = HTTPResponseHead(status: 0)
    var body: [UInt8] = []
    try perform(
      request, cancellation: cancellation,
      onHead: { head = $0 },
      onChunk: { chunk in
        body.append(contentsOf: chunk)
        return .proceed
      })
    return HTTPResponse(head: head, body: body)
  }
}

/// Splits a byte stream into lines, as watch streams are framed: one JSON object a line.
public struct LineSplitter: Sendable {
  private var pending: [UInt8] = []

  public init() {}

  /// Adds a chunk and returns the complete lines it finished, without their newlines.
  public mutating func append(_ chunk: some Collection<UInt8>) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    for byte in chunk {
      if byte == 0x0A {
        if !pending.isEmpty { lines.append(pending) }
        pending.removeAll(keepingCapacity: true)
      } else {
        pending.append(byte)
      }
    }
    return lines
  }

  /// Adds a chunk and returns the complete lines it finished, without their newlines; the
  /// same as the generic `append`, searching the bytes for newlines rather than stepping
  /// through them one by one (a busy watch or log stream spends its time here).
  public mutating func append(_ chunk: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    chunk.withUnsafeBufferPointer { bytes in
      var start = 0
      while let newline = bytes[start...].firstIndex(of: 0x0A) {
        if pending.isEmpty {
          if newline > start { lines.append(Array(bytes[start..<newline])) }
        } else {
          pending.append(contentsOf: bytes[start..<newline])
          lines.append(pending)
          pending = []
        }
        start = newline + 1
      }
      pending.append(contentsOf: bytes[start...])
    }
    return lines
  }

  /// What is left after the stream ended without a final newline.
  public var remainder: [UInt8] { pending }
}
