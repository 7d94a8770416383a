import APIMachinery
import Foundation
import TestHTTPServer
import Testing

@testable import KubeClient

@Suite struct CurlTransportTests {
  @Test func sendsTokenAndReusesTheConnection() throws {
    let server = try TestHTTPServer { request, writer in
      let auth = request.headers["authorization"] ?? "none"
      writer.respond(200, body: "{\"auth\": \"\(auth)\", \"path\": \"\(request.target)\"}")
    }
    defer { server.stop() }
    let transport = CurlTransport(connection: loopback(server.url, credentials: .token("t0k")))
    let request = HTTPRequest(path: "/api/v1/pods", query: [QueryItem("labelSelector", "a=b c")])
    let first = try transport.perform(request)
    let second = try transport.perform(request)
    #expect(first.status == 200)
    let json = try JSONValue.parse(second.body)
    #expect(json["auth"]?.stringValue == "Bearer t0k")
    #expect(json["path"]?.stringValue == "/api/v1/pods?labelSelector=a%3Db%20c")
    #expect(server.connectionCount == 1)
  }

  @Test func basicAuthAndBody() throws {
    let server = try TestHTTPServer { request, writer in
      let auth = request.headers["authorization"] ?? "none"
      let body = String(decoding: request.body, as: UTF8.self)
      writer.respond(
        201,
        body: "{\"auth\": \"\(auth)\", \"method\": \"\(request.method)\", "
          + "\"type\": \"\(request.headers["content-type"] ?? "")\", \"echo\": \(body)}")
    }
    defer { server.stop() }
    let transport = CurlTransport(
      connection: loopback(server.url, credentials: .basic(username: "bob", password: "pw")))
    let response = try transport.perform(
      HTTPRequest(
        method: "PATCH", path: "/x",
        headers: [("Content-Type", "application/merge-patch+json")],
        body: Array("{\"spec\":{\"suspend\":true}}".utf8)))
    let json = try JSONValue.parse(response.body)
    #expect(response.status == 201)
    #expect(json["auth"]?.stringValue == "Basic Ym9iOnB3")
    #expect(json["method"]?.stringValue == "PATCH")
    #expect(json["type"]?.stringValue == "application/merge-patch+json")
    #expect(json[path: ["echo", "spec", "suspend"]]?.boolValue == true)
  }

  @Test func errorStatusesKeepHeadersAndBody() throws {
    let server = try TestHTTPServer { request, writer in
      if request.path == "/busy" {
        writer.respond(429, headers: ["Retry-After": "3"], body: "{\"kind\":\"Status\"}")
      } else {
        writer.respond(503, body: "down")
      }
    }
    defer { server.stop() }
    let transport = CurlTransport(connection: loopback(server.url))
    let busy = try transport.perform(HTTPRequest(path: "/busy"))
    #expect(busy.status == 429)
    #expect(busy.head.headers["retry-after"] == "3")
    let down = try transport.perform(HTTPRequest(path: "/down"))
    #expect(down.status == 503)
    #expect(String(decoding: down.body, as: UTF8.self) == "down")
  }

  @Test func refusedConnectionSaysSo() {
    let transport = CurlTransport(connection: loopback("http://127.0.0.1:\(freePort())"))
    #expect {
      _ = try transport.perform(HTTPRequest(path: "/"))
    } throws: { error in
      guard case .connectionFailed(let text) = error as? TransportError else { return false }
      return text.contains("was refused")
    }
  }

  @Test func streamDeliversLinesAndCancelsFromAnotherThread() throws {
    // The server would go on for 20 s; the other thread cancels once the first line is in.
    let server = try TestHTTPServer { _, writer in
      writer.head(200, headers: ["Content-Type": "application/json"], chunked: true)
      writer.chunk("{\"type\":\"ADDED\"}\n")
      for _ in 0..<400 {
        Thread.sleep(forTimeInterval: 0.05)
        if !writer.chunk("\n") { return }
      }
      writer.end()
    }
    defer { server.stop() }
    let transport = CurlTransport(connection: loopback(server.url))
    let stream = streamCancellingAfterFirstLine(
      transport, HTTPRequest(path: "/watch", query: [QueryItem("watch", "1")]), delay: 0.2)
    let ended = Date()
    #expect(stream.error == .cancelled)
    #expect(stream.status == 200)
    #expect(stream.lines == ["{\"type\":\"ADDED\"}"])
    let cancelledAt = try #require(stream.cancelledAt)
    #expect(ended.timeIntervalSince(cancelledAt) < 5, "the stream stops soon after the cancel")
  }

  @Test func droppedStreamIsAConnectionError() throws {
    let server = try TestHTTPServer { _, writer in
      writer.head(200, chunked: true)
      writer.chunk("{\"type\":\"ADDED\"}\n")
      Thread.sleep(forTimeInterval: 0.1)
      writer.drop()
    }
    defer { server.stop() }
    let transport = CurlTransport(connection: loopback(server.url))
    var received: [UInt8] = []
    #expect {
      try transport.perform(
        HTTPRequest(path: "/watch", query: [QueryItem("watch", "1")]), cancellation: nil,
        onHead: { _ in },
        onChunk: {
          received += $0
          return .proceed
        })
    } throws: { error in
      guard case .connectionFailed = error as? TransportError else { return false }
      return true
    }
    #expect(String(decoding: received, as: UTF8.self) == "{\"type\":\"ADDED\"}\n")
  }

  @Test func consumerStopEndsQuietly() throws {
    let server = try TestHTTPServer { _, writer in
      writer.head(200, chunked: true)
      for index in 0..<100 where !writer.chunk("line \(index)\n") { return }
      writer.end()
    }
    defer { server.stop() }
    let transport = CurlTransport(connection: loopback(server.url))
    var chunks = 0
    try transport.perform(
      HTTPRequest(path: "/log", query: [QueryItem("follow", "true")]), cancellation: nil,
      onHead: { _ in },
      onChunk: { _ in
        chunks += 1
        return .stop
      })
    #expect(chunks == 1)
  }

  @Test func explicitHTTPProxyCarriesTheRequest() throws {
    let proxy = try TestHTTPServer { request, writer in
      writer.respond(200, body: "{\"target\": \"\(request.target)\"}")
    }
    defer { proxy.stop() }
    let target = "http://127.0.0.1:\(freePort())"
    var connection = loopback(target)
    connection.proxyURL = proxy.url
    let response = try CurlTransport(connection: connection).perform(HTTPRequest(path: "/version"))
    #expect(try JSONValue.parse(response.body)["target"]?.stringValue == target + "/version")
  }

  @Test func silentServerTimesOutButStreamsDoNot() throws {
    let server = try TestHTTPServer { request, writer in
      writer.head(200, chunked: true)
      Thread.sleep(forTimeInterval: request.target.contains("watch") ? 2.5 : 4)
      writer.end()
    }
    defer { server.stop() }
    let transport = CurlTransport(
      connection: loopback(server.url), timeouts: CurlTimeouts(connect: 2, idle: 1))
    let started = Date()
    #expect {
      _ = try transport.perform(HTTPRequest(path: "/api/v1/pods"))
    } throws: { error in
      guard case .timedOut = error as? TransportError else { return false }
      return true
    }
    #expect(Date().timeIntervalSince(started) < 3.5)
    let watch = try transport.perform(
      HTTPRequest(path: "/api/v1/pods", query: [QueryItem("watch", "1")]))
    #expect(watch.status == 200)
  }
}
