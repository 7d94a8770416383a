import APIMachinery
import Foundation
import Logging
import Synchronization
import TestHTTPServer
import Testing

@testable import KubeClient

/// The transport over HTTP/2: nghttpx (`TestHTTP2Proxy`) agrees on `h2` with libcurl and
/// forwards to a `TestHTTPServer` over HTTP/1.1. nghttpx's access log says which protocol
/// and which client connection each request came on.
@Suite(.enabled(if: TestHTTP2Proxy.isAvailable, "needs nghttpx (Debian nghttp2-proxy) and openssl"))
struct CurlTransportHTTP2Tests {
  /// The server's answers: `/watch` streams one event then keep-alive lines for 20 s,
  /// `/dropped` one event and then drops the connection, `/busy` is a 429 with `Retry-After`,
  /// anything else echoes the request.
  static func serve(_ request: TestRequest, _ writer: TestResponseWriter) {
    switch request.path {
    case "/watch":
      writer.head(200, headers: ["Content-Type": "application/json"], chunked: true)
      writer.chunk("{\"type\":\"ADDED\"}\n")
      for _ in 0..<400 {
        Thread.sleep(forTimeInterval: 0.05)
        if !writer.chunk("\n") { return }
      }
      writer.end()
    case "/dropped":
      writer.head(200, headers: ["Content-Type": "application/json"], chunked: true)
      writer.chunk("{\"type\":\"ADDED\"}\n")
      Thread.sleep(forTimeInterval: 0.1)
      writer.drop()
    case "/busy":
      writer.respond(
        429, headers: ["Retry-After": "3", "X-Batchdeck-Test": "Mixed-Case"],
        body: "{\"kind\":\"Status\"}")
    default:
      let body = String(decoding: request.body, as: UTF8.self)
      writer.respond(
        200,
        body: "{\"auth\": \"\(request.headers["authorization"] ?? "none")\", "
          + "\"method\": \"\(request.method)\", \"target\": \"\(request.target)\", "
          + "\"type\": \"\(request.headers["content-type"] ?? "")\", "
          + "\"echo\": \(body.isEmpty ? "null" : body)}")
    }
  }

  /// A transport for nghttpx in front of `server`, trusting nghttpx's CA.
  func transport(_ proxy: TestHTTP2Proxy, logger: Logger = .disabled) throws -> CurlTransport {
    var connection = loopback(proxy.url, credentials: .token("t0k"))
    connection.tls.certificateAuthority = Array(try Data(contentsOf: proxy.caCertificate))
    return CurlTransport(connection: connection, logger: logger, environment: [:])
  }

  @Test func requestsBodiesAndHeadersSurviveHTTP2() throws {
    let server = try TestHTTPServer { Self.serve($0, $1) }
    defer { server.stop() }
    let proxy = try TestHTTP2Proxy(backendPort: server.port)
    defer { proxy.stop() }
    let sink = MemoryLogSink()
    let transport = try transport(proxy, logger: Logger(label: "h2", level: .debug, sink: sink))

    let patched = try transport.perform(
      HTTPRequest(
        method: "PATCH", path: "/apis/batch/v1/namespaces/default/cronjobs/x",
        query: [QueryItem("fieldManager", "batchdeck")],
        headers: [("Content-Type", "application/merge-patch+json")],
        body: Array("{\"spec\":{\"suspend\":true}}".utf8)))
    #expect(patched.status == 200)
    let json = try JSONValue.parse(patched.body)
    #expect(json["auth"]?.stringValue == "Bearer t0k")
    #expect(json["method"]?.stringValue == "PATCH")
    #expect(
      json["target"]?.stringValue
        == "/apis/batch/v1/namespaces/default/cronjobs/x?fieldManager=batchdeck")
    #expect(json["type"]?.stringValue == "application/merge-patch+json")
    #expect(json[path: ["echo", "spec", "suspend"]]?.boolValue == true)

    // HTTP/2 sends header names in lower case; they are read the same way.
    let busy = try transport.perform(HTTPRequest(path: "/busy"))
    #expect(busy.status == 429)
    #expect(busy.head.headers["retry-after"] == "3")
    #expect(busy.head.headers["x-batchdeck-test"] == "Mixed-Case")
    #expect(String(decoding: busy.body, as: UTF8.self) == "{\"kind\":\"Status\"}")

    let requests = proxy.requests()
    #expect(requests.count == 2, "\(requests)")
    #expect(requests.allSatisfy { $0.version == "HTTP/2" && $0.alpn == "h2" }, "\(requests)")
    #expect(Set(requests.map(\.clientPort)).count == 1, "one connection: \(requests)")
    #expect(
      sink.lines.contains {
        $0.hasSuffix("PATCH /apis/batch/v1/namespaces/default/cronjobs/x: HTTP/2 200")
      })
    #expect(sink.lines.contains { $0.hasSuffix("GET /busy: HTTP/2 429") }, "\(sink.lines)")
  }

  @Test func aStreamCancelledFromAnotherThreadLeavesTheConnectionInUse() throws {
    let server = try TestHTTPServer { Self.serve($0, $1) }
    defer { server.stop() }
    let proxy = try TestHTTP2Proxy(backendPort: server.port)
    defer { proxy.stop() }
    let sink = MemoryLogSink()
    let transport = try transport(proxy, logger: Logger(label: "h2", level: .debug, sink: sink))
    #expect(try transport.perform(HTTPRequest(path: "/version")).status == 200)

    // The server streams for 20 s: only the cancellation ends the transfer with `.cancelled`.
    let stream = streamCancellingAfterFirstLine(
      transport, HTTPRequest(path: "/watch", query: [QueryItem("watch", "1")]))
    #expect(stream.error == .cancelled)
    #expect(stream.status == 200)
    #expect(stream.lines == ["{\"type\":\"ADDED\"}"])

    // The next request goes out on the same HTTP/2 connection.
    #expect(try transport.perform(HTTPRequest(path: "/version")).status == 200)
    let requests = proxy.requests()
    #expect(requests.map(\.target) == ["/version", "/watch?watch=1", "/version"], "\(requests)")
    #expect(requests.allSatisfy { $0.version == "HTTP/2" }, "\(requests)")
    #expect(Set(requests.map(\.clientPort)).count == 1, "one connection: \(requests)")
    #expect(sink.lines.contains { $0.hasSuffix("GET /watch: HTTP/2 200, streaming") })
  }

  @Test func aStreamTheServerCutsIsAConnectionErrorAndTheNextRequestWorks() throws {
    let server = try TestHTTPServer { Self.serve($0, $1) }
    defer { server.stop() }
    let proxy = try TestHTTP2Proxy(backendPort: server.port)
    defer { proxy.stop() }
    let transport = try transport(proxy)
    var received: [UInt8] = []
    // nghttpx resets the HTTP/2 stream when its backend connection drops mid-response.
    #expect {
      try transport.perform(
        HTTPRequest(path: "/dropped", query: [QueryItem("watch", "1")]), cancellation: nil,
        onHead: { _ in },
        onChunk: {
          received += $0
          return .proceed
        })
    } throws: { error in
      guard case .connectionFailed(let text) = error as? TransportError else { return false }
      return text.hasPrefix("the connection was lost")
    }
    #expect(String(decoding: received, as: UTF8.self) == "{\"type\":\"ADDED\"}\n")
    #expect(try transport.perform(HTTPRequest(path: "/version")).status == 200)
    let requests = proxy.requests()
    #expect(requests.map(\.target) == ["/dropped?watch=1", "/version"], "\(requests)")
    #expect(requests.allSatisfy { $0.version == "HTTP/2" }, "\(requests)")
  }

  @Test func requestsFromSeveralThreadsAtOnce() throws {
    let server = try TestHTTPServer { Self.serve($0, $1) }
    defer { server.stop() }
    let proxy = try TestHTTP2Proxy(backendPort: server.port)
    defer { proxy.stop() }
    let transport = try transport(proxy)
    let statuses = Mutex<[Int: Int]>([:])
    let group = DispatchGroup()
    for index in 0..<6 {
      group.enter()
      Thread.detachNewThread {
        defer { group.leave() }
        let status = try? transport.perform(HTTPRequest(path: "/item/\(index)")).status
        statuses.withLock { $0[index] = status ?? 0 }
      }
    }
    #expect(group.wait(timeout: .now() + 60) == .success)
    #expect(statuses.withLock { $0 } == Dictionary(uniqueKeysWithValues: (0..<6).map { ($0, 200) }))
    let requests = proxy.requests()
    #expect(requests.count == 6, "\(requests)")
    #expect(requests.allSatisfy { $0.version == "HTTP/2" && $0.status == 200 }, "\(requests)")
  }
}
