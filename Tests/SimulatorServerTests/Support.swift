import APIMachinery
import ClusterSimulator
import Foundation
import Glibc
import Logging
import SimulatorServer

/// A server on a free loopback port over the demo cluster on a frozen clock.
struct ServedCluster {
  static let token = "test-token"
  let simulator: Simulator
  let gateway: APIGateway
  let server: HTTPServer

  init(faults: FaultPlan = FaultPlan()) throws {
    let start = RFC3339.parse("2026-01-05T12:00:00Z") ?? Date()
    simulator = Simulator(clock: .manual(start: start))
    try simulator.loadDemoScenario()
    gateway = APIGateway(
      simulator: simulator, token: Self.token, faults: faults, logger: .disabled)
    server = try HTTPServer(
      host: "127.0.0.1", port: 0, tls: nil, handler: gateway, logger: .disabled)
    let server = self.server
    gateway.onGoAway { server.goAway(for: $0) }
  }

  func connect() throws -> TestConnection { try TestConnection(port: server.port) }
}

/// One response as read off the socket.
struct TestResponse {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]
  /// Whether the body ended with the zero-length chunk (not cut off).
  var complete: Bool

  var json: JSONValue? { try? JSONValue.parse(body) }
}

/// A blocking client socket with a receive timeout of 5 s.
final class TestConnection {
  struct Failure: Error {}
  let descriptor: Int32
  private var buffer: [UInt8] = []

  init(port: UInt16) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(descriptor)
      throw Failure()
    }
  }

  deinit { close(descriptor) }

  func send(
    _ method: String, _ target: String, headers: [String: String] = [:], body: [UInt8] = []
  ) {
    var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    text += "Content-Length: \(body.count)\r\n\r\n"
    let bytes = Array(text.utf8) + body
    _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, bytes.count, 0) }
  }

  /// Sends with the bearer token and reads the whole response.
  func request(
    _ target: String, method: String = "GET", headers: [String: String] = [:],
    body: [UInt8] = []
  ) throws -> TestResponse {
    var all = headers
    all["Authorization"] = all["Authorization"] ?? "Bearer \(ServedCluster.token)"
    send(method, target, headers: all, body: body)
    return try readResponse()
  }

  func readResponse(stopAfterFirstChunk: Bool = false) throws -> TestResponse {
    let head = try readUntil([13, 10, 13, 10])
    let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
    let status = Int(lines[0].split(separator: " ")[1]) ?? 0
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[String(line[..<colon])] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    var body: [UInt8] = []
    while true {
      guard let sizeLine = try? readUntil([13, 10]) else {
        return TestResponse(status: status, headers: headers, body: body, complete: false)
      }
      let size = Int(String(decoding: sizeLine, as: UTF8.self), radix: 16) ?? 0
      if size == 0 {
        _ = try readUntil([13, 10])
        return TestResponse(status: status, headers: headers, body: body, complete: true)
      }
      body += try readExactly(size)
      _ = try readUntil([13, 10])
      if stopAfterFirstChunk {
        return TestResponse(status: status, headers: headers, body: body, complete: false)
      }
    }
  }

  /// Whether the server closed the connection within `seconds`.
  func closes(within seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if (try? fill()) == nil { return true }
    }
    return false
  }

  private func readUntil(_ marker: [UInt8]) throws -> [UInt8] {
    while true {
      if buffer.count >= marker.count {
        for index in 0...(buffer.count - marker.count)
        where Array(buffer[index..<(index + marker.count)]) == marker {
          let found = Array(buffer[..<index])
          buffer.removeFirst(index + marker.count)
          return found
        }
      }
      try fill()
    }
  }

  private func readExactly(_ count: Int) throws -> [UInt8] {
    while buffer.count < count { try fill() }
    let bytes = Array(buffer.prefix(count))
    buffer.removeFirst(count)
    return bytes
  }

  private func fill() throws {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let got = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, 65536, 0) }
    guard got > 0 else { throw Failure() }
    buffer += chunk.prefix(got)
  }
}
