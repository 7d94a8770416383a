import APIMachinery
import Foundation
import Logging
import TestHTTPServer
import Testing

@testable import KubeClient

/// The debug log names the HTTP version of every request, streams included.
@Suite struct CurlTransportVersionLogTests {
  @Test func aCancelledStreamIsLoggedWithItsVersion() throws {
    let server = try TestHTTPServer { request, writer in
      guard request.target.contains("watch=1") else {
        writer.respond(200, body: "{}")
        return
      }
      writer.head(200, headers: ["Content-Type": "application/json"], chunked: true)
      writer.chunk("{\"type\":\"ADDED\"}\n")
      for _ in 0..<200 {
        Thread.sleep(forTimeInterval: 0.05)
        if !writer.chunk("\n") { return }
      }
      writer.end()
    }
    defer { server.stop() }
    let sink = MemoryLogSink()
    let transport = CurlTransport(
      connection: loopback(server.url), logger: Logger(label: "http", level: .debug, sink: sink),
      environment: [:])
    _ = try transport.perform(HTTPRequest(path: "/api/v1/pods"))
    let token = CancellationToken()
    // Cancelled by the consumer thread itself once the first event arrived: the transfer
    // never ends on its own, as a watch usually does not.
    #expect(throws: TransportError.cancelled) {
      try transport.perform(
        HTTPRequest(path: "/api/v1/pods", query: [QueryItem("watch", "1")]),
        cancellation: token, onHead: { _ in },
        onChunk: { _ in
          token.cancel()
          return .proceed
        })
    }
    let lines = sink.lines.filter { $0.contains("GET /api/v1/pods:") }
    #expect(lines.count == 2, "\(sink.lines)")
    #expect(lines.first?.hasSuffix("GET /api/v1/pods: HTTP/1.1 200") == true, "\(lines)")
    #expect(lines.last?.hasSuffix("GET /api/v1/pods: HTTP/1.1 200, streaming") == true)
  }
}
