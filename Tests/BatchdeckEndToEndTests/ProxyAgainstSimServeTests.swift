import Foundation
import TestHTTPServer
import Testing

/// `batchdeck get` against `batchdeck sim serve` through loopback proxies named by the
/// kubeconfig's `proxy-url`: plain HTTP forwarded, TLS tunnelled with CONNECT or SOCKS5.
@Suite(.enabled(if: BatchdeckBinary.url != nil, "needs the built binary"))
struct ProxyAgainstSimServeTests {
  /// The server's kubeconfig with `proxy-url` added to its cluster.
  func kubeconfig(_ server: SimServer, proxy: String) throws -> String {
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
      guard let range = line.range(of: "server: ") else { return [String(line)] }
      let indent = String(line[..<range.lowerBound])
      return [String(line), indent + "proxy-url: \(proxy)"]
    }
    let path = server.folder.appendingPathComponent("proxied.kubeconfig").path
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func port(_ server: SimServer) throws -> String {
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    return String(try #require(text.firstMatch(of: /127\.0\.0\.1:(\d+)/)?.1))
  }

  @Test func plainHTTPIsForwardedByAnHTTPProxy() throws {
    let server = try SimServer([])
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: .http, credentials: "ops:pa55")
    defer { proxy.stop() }
    let output = try BatchdeckBinary.run([
      "get", "cronjobs", "-A", "--kubeconfig",
      try kubeconfig(server, proxy: proxy.url(userinfo: "ops:pa55")),
    ])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    #expect(output.stdout.contains("log-cleanup"))
    let requests = proxy.requests
    #expect(requests.count >= 2, "cronjobs and jobs were listed through the proxy")
    #expect(requests.allSatisfy { $0.method == "GET" && $0.credentials == "ops:pa55" })
    #expect(requests.first?.target == "127.0.0.1:\(try port(server))")
  }

  @Test(arguments: [TestProxyServer.Kind.http, .socks5])
  func tlsIsTunnelledThroughTheProxy(kind: TestProxyServer.Kind) throws {
    let server = try SimServer(["--tls"])
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: kind)
    defer { proxy.stop() }
    let output = try BatchdeckBinary.run([
      "get", "jobs", "-A", "--kubeconfig", try kubeconfig(server, proxy: proxy.url()),
    ])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    #expect(output.stdout.hasPrefix("NAMESPACE"))
    let request = try #require(proxy.requests.first)
    #expect(request.method == (kind == .http ? "CONNECT" : "SOCKS5"))
    #expect(request.target == "127.0.0.1:\(try port(server))")
  }

  @Test func aProxyThatIsDownIsNamedWithoutItsPassword() throws {
    let server = try SimServer(["--tls"])
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: .http)
    let url = proxy.url(userinfo: "ops:pa55")
    proxy.stop()
    let output = try BatchdeckBinary.run([
      "get", "jobs", "--kubeconfig", try kubeconfig(server, proxy: url),
    ])
    #expect(output.status == 1)
    #expect(
      output.stderr.contains("cannot connect to the proxy http://ops:***@127.0.0.1:\(proxy.port)"),
      "\(output.stderr)")
    #expect(!output.stderr.contains("pa55"))
  }
}
