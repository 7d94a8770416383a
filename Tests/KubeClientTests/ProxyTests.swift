import APIMachinery
import Foundation
import Logging
import TestHTTPServer
import Testing

@testable import KubeClient

/// Which proxy is chosen, as kubectl chooses it.
@Suite struct ProxySelectionTests {
  let environment = [
    "HTTPS_PROXY": "http://secure.proxy:3128", "http_proxy": "plain.proxy:8080",
    "NO_PROXY": "internal.example, .corp.example, 10.0.0.0/8, 192.168.1.7, *.wild.example:6443",
  ]

  func chosen(_ server: String, explicit: String? = nil) -> String? {
    ProxySelection.proxy(for: server, explicit: explicit, environment: environment)
  }

  @Test func environmentBySchemeWithADefaultScheme() {
    #expect(chosen("https://api.example:6443") == "http://secure.proxy:3128")
    #expect(chosen("http://api.example:8080") == "http://plain.proxy:8080")
    #expect(
      ProxySelection.proxy(for: "https://api.example", explicit: nil, environment: [:]) == nil)
  }

  @Test func noProxyNamesDomainsAddressesAndNetworks() {
    #expect(chosen("https://internal.example") == nil)
    #expect(chosen("https://api.internal.example") == nil, "a name covers its subdomains")
    #expect(chosen("https://corp.example") != nil, "a leading dot covers subdomains only")
    #expect(chosen("https://api.corp.example") == nil)
    #expect(chosen("https://10.20.30.40:6443") == nil)
    #expect(chosen("https://11.0.0.1:6443") != nil)
    #expect(chosen("https://192.168.1.7") == nil)
    #expect(chosen("https://a.wild.example:6443") == nil)
    #expect(chosen("https://a.wild.example:443") != nil, "the port must match when given")
    let all = ProxySelection.proxy(
      for: "https://api.example", explicit: nil,
      environment: ["HTTPS_PROXY": "http://p:1", "no_proxy": "*"])
    #expect(all == nil)
  }

  @Test func loopbackNeverUsesTheEnvironmentButAnExplicitProxyAlways() {
    #expect(chosen("https://127.0.0.1:6443") == nil)
    #expect(chosen("https://localhost:6443") == nil)
    #expect(chosen("https://[::1]:6443") == nil)
    #expect(chosen("https://internal.example", explicit: "socks5://p:1080") == "socks5://p:1080")
    #expect(chosen("https://127.0.0.1", explicit: "http://p:1") == "http://p:1")
  }

  @Test func socks5ResolvesNamesAtTheProxyAndPasswordsAreHidden() {
    #expect(ProxySelection.curlForm("socks5://p:1080") == "socks5h://p:1080")
    #expect(ProxySelection.curlForm("socks5h://p:1080") == "socks5h://p:1080")
    #expect(ProxySelection.curlForm("http://p:1") == "http://p:1")
    #expect(ProxySelection.redacted("http://alice:s3cret@p:1") == "http://alice:***@p:1")
    #expect(ProxySelection.redacted("http://alice@p:1") == "http://alice@p:1")
    #expect(ProxySelection.redacted("http://p:1") == "http://p:1")
  }

  @Test func kubeconfigProxyURLIsChecked() throws {
    let good = try resolve(
      """
      current-context: c
      clusters: [{name: k, cluster: {server: "https://k.example", proxy-url: "socks5h://p:1"}}]
      contexts: [{name: c, context: {cluster: k}}]
      """)
    #expect(good.proxyURL == "socks5h://p:1")
    let bad = kubeconfigError {
      _ = try resolve(
        """
        current-context: c
        clusters: [{name: k, cluster: {server: "https://k.example", proxy-url: "ftp://u:pw@p"}}]
        contexts: [{name: c, context: {cluster: k}}]
        """)
    }
    #expect(bad?.field == "clusters[k].cluster.proxy-url")
    #expect(
      bad?.message == "proxy-url \"ftp://u:***@p\" must be an http, https or socks5 URL with a host"
    )
  }
}

/// Requests through loopback proxies: HTTP forwarding, CONNECT, SOCKS5 and an HTTPS proxy.
@Suite struct ProxyTransportTests {
  /// The server behind the proxies; one per test, as test cases run in parallel.
  func makeServer() throws -> TestHTTPServer {
    try TestHTTPServer { request, writer in
      writer.respond(200, body: "{\"path\": \"\(request.path)\"}")
    }
  }

  func get(_ connection: ClusterConnection, logger: Logger = .disabled) throws -> String? {
    let response = try CurlTransport(connection: connection, logger: logger, environment: [:])
      .perform(HTTPRequest(path: "/version"))
    return try JSONValue.parse(response.body)["path"]?.stringValue
  }

  @Test func httpProxyForwardsWithCredentialsThatStayOutOfTheLog() throws {
    let server = try makeServer()
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: .http, credentials: "alice:s3cret")
    defer { proxy.stop() }
    var connection = loopback(server.url)
    connection.proxyURL = proxy.url(userinfo: "alice:s3cret")
    let sink = MemoryLogSink()
    #expect(
      try get(connection, logger: Logger(label: "http", level: .debug, sink: sink)) == "/version")
    #expect(proxy.requests.first?.method == "GET")
    #expect(proxy.requests.first?.target == "127.0.0.1:\(server.port)")
    #expect(proxy.requests.first?.credentials == "alice:s3cret")
    let log = sink.lines.joined(separator: "\n")
    #expect(log.contains("alice:***@127.0.0.1:\(proxy.port)"), "\(log)")
    #expect(!log.contains("s3cret"))
  }

  @Test func missingProxyCredentialsAreAboutTheProxy() throws {
    let server = try makeServer()
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: .http, credentials: "alice:s3cret")
    defer { proxy.stop() }
    var connection = loopback(server.url)
    connection.proxyURL = proxy.url(userinfo: "alice:wrong")
    #expect(
      throws: TransportError.connectionFailed(
        "the proxy http://alice:***@127.0.0.1:\(proxy.port) refused the request to the server "
          + "\(server.url) with HTTP 407 (check the proxy's credentials)")
    ) { _ = try get(connection) }
  }

  @Test func environmentProxyCarriesANamedServer() throws {
    let server = try makeServer()
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: .http)
    defer { proxy.stop() }
    // `sim.test` is never looked up: the proxy gets the name and connects to 127.0.0.1.
    let connection = loopback("http://sim.test:\(server.port)")
    let transport = CurlTransport(
      connection: connection, environment: ["HTTP_PROXY": "127.0.0.1:\(proxy.port)"])
    #expect(transport.proxy == "http://127.0.0.1:\(proxy.port)")
    let response = try transport.perform(HTTPRequest(path: "/version"))
    #expect(response.status == 200)
    #expect(proxy.requests.map(\.target) == ["sim.test:\(server.port)"])
    let direct = CurlTransport(
      connection: loopback(server.url), environment: ["HTTP_PROXY": "127.0.0.1:\(proxy.port)"])
    #expect(try direct.perform(HTTPRequest(path: "/version")).status == 200)
    #expect(proxy.requests.count == 1, "loopback servers are reached directly")
  }

  @Test(arguments: ["socks5", "socks5h"])
  func socksProxySendsTheNameToTheProxy(scheme: String) throws {
    let server = try makeServer()
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: .socks5, credentials: "bob:pw")
    defer { proxy.stop() }
    var connection = loopback("http://localhost:\(server.port)")
    connection.proxyURL = proxy.url(userinfo: "bob:pw", scheme: scheme)
    #expect(try get(connection) == "/version")
    let request = try #require(proxy.requests.first)
    #expect(request.target == "localhost:\(server.port)")
    #expect(request.nameSentToProxy)
    #expect(request.credentials == "bob:pw")
  }

  @Test func aProxyThatIsDownIsNamed() throws {
    let server = try makeServer()
    defer { server.stop() }
    var connection = loopback(server.url)
    connection.proxyURL = "http://carol:hidden@127.0.0.1:\(freePort())"
    #expect {
      _ = try get(connection)
    } throws: { error in
      guard case .connectionFailed(let text) = error as? TransportError else { return false }
      return text.hasPrefix("cannot connect to the proxy http://carol:***@127.0.0.1:")
        && !text.contains("hidden")
    }
  }

  @Test(arguments: [TestProxyServer.Kind.http, .socks5])
  func aProxyThatRefusesIsNamed(kind: TestProxyServer.Kind) throws {
    let server = try makeServer()
    defer { server.stop() }
    let proxy = try TestProxyServer(kind: kind, refuse: true)
    defer { proxy.stop() }
    // An https server makes the HTTP proxy tunnel (CONNECT), which it refuses.
    var connection = loopback("https://127.0.0.1:\(server.port)")
    connection.proxyURL = proxy.url()
    #expect {
      _ = try get(connection)
    } throws: { error in
      guard case .connectionFailed(let text) = error as? TransportError else { return false }
      let named = "the proxy \(proxy.url()) "
      return kind == .http
        ? text.hasPrefix(named + "refused the connection to the server https://127.0.0.1:")
          && text.hasSuffix("with HTTP 403")
        : text.hasPrefix(named + "did not open a connection to the server")
    }
    #expect(proxy.requests.first?.target == "127.0.0.1:\(server.port)")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
  func tunnelGoesToTheServerAddressWhateverTheTLSServerName() throws {
    let fixture = try TLSFixture()
    defer { fixture.stop() }
    let port = try fixture.startServer(requireClient: false)
    let proxy = try TestProxyServer(kind: .http)
    defer { proxy.stop() }
    var connection = loopback("https://127.0.0.1:\(port)")
    connection.tls.certificateAuthority = fixture.file("ca.crt")
    connection.tls.serverName = "batchdeck.test"
    connection.proxyURL = proxy.url()
    let response = try CurlTransport(connection: connection, environment: [:])
      .perform(HTTPRequest(path: "/"))
    #expect(response.status == 200)
    #expect(proxy.requests.map(\.target) == ["127.0.0.1:\(port)"], "as Go: the URL's host")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
  func httpsProxyIsVerifiedWithTheClusterCA() throws {
    let server = try makeServer()
    defer { server.stop() }
    let fixture = try TLSFixture()
    defer { fixture.stop() }
    let script = """
      set -e
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout proxy.key \
        -out proxy.csr -subj /CN=proxy
      printf 'subjectAltName=IP:127.0.0.1\\n' > proxy.ext
      openssl x509 -req -in proxy.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -out proxy.crt -days 2 -extfile proxy.ext
      """
    #expect(try shell(script, in: fixture.folder.path) == 0)
    let proxy = try TestProxyServer(
      kind: .http, certificate: fixture.folder.path + "/proxy.crt",
      key: fixture.folder.path + "/proxy.key")
    defer { proxy.stop() }
    var connection = loopback(server.url)
    connection.proxyURL = proxy.url()
    #expect(connection.proxyURL?.hasPrefix("https://") == true)
    connection.tls.certificateAuthority = fixture.file("ca.crt")
    #expect(try get(connection) == "/version")
    #expect(proxy.requests.first?.target == "127.0.0.1:\(server.port)")
    connection.tls.certificateAuthority = fixture.file("other.crt")
    #expect(throws: TransportError.self) { _ = try get(connection) }
  }
}
