import APIMachinery
import Foundation
import TestHTTPServer
import Testing

@testable import KubeClient

/// A CA, a server certificate for `batchdeck.test` and a client certificate made with the
/// openssl command, and `openssl s_server` serving a status page over TLS on 127.0.0.1.
final class TLSFixture {
  let folder: TempFolder
  private var servers: [Process] = []

  init() throws {
    folder = try TempFolder()
    let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
    let script = """
      set -e
      openssl req -x509 \(ec) -keyout ca.key -out ca.crt -days 2 -subj /CN=test-ca
      openssl req -x509 \(ec) -keyout other.key -out other.crt -days 2 -subj /CN=other-ca
      openssl req \(ec) -keyout server.key -out server.csr -subj /CN=batchdeck.test
      printf 'subjectAltName=DNS:batchdeck.test\\n' > server.ext
      openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -out server.crt -days 2 -extfile server.ext
      openssl req \(ec) -keyout client.key -out client.csr -subj /CN=tester
      printf 'extendedKeyUsage=clientAuth\\n' > client.ext
      openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -out client.crt -days 2 -extfile client.ext
      """
    guard try shell(script, in: folder.path) == 0 else { throw POSIXError(.EIO) }
  }

  func file(_ name: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: "\(folder.path)/\(name)") ?? Data())
  }

  /// Starts `openssl s_server -www`; with `requireClient` it demands a client certificate.
  func startServer(requireClient: Bool) throws -> Int {
    let port = freePort()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments =
      [
        "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.crt", "-key",
        "server.key", "-www", "-quiet",
      ] + (requireClient ? ["-CAfile", "ca.crt", "-Verify", "1"] : [])
    process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    servers.append(process)
    guard waitForPort(port, seconds: 10) else { throw POSIXError(.ETIMEDOUT) }
    return port
  }

  func stop() {
    // s_server does not end on SIGTERM here.
    for server in servers where server.isRunning { kill(server.processIdentifier, SIGKILL) }
    for server in servers { server.waitUntilExit() }
    folder.remove()
  }
}

@Suite(
  .serialized,
  .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "no openssl"))
struct TLSTransportTests {
  func connection(port: Int, fixture: TLSFixture, ca: String, serverName: String?)
    -> ClusterConnection
  {
    var connection = loopback("https://127.0.0.1:\(port)")
    connection.tls.certificateAuthority = fixture.file(ca)
    connection.tls.serverName = serverName
    return connection
  }

  @Test func caInMemoryAndServerName() throws {
    let fixture = try TLSFixture()
    defer { fixture.stop() }
    let port = try fixture.startServer(requireClient: false)
    let good = CurlTransport(
      connection: connection(
        port: port, fixture: fixture, ca: "ca.crt", serverName: "batchdeck.test"))
    #expect(try good.perform(HTTPRequest(path: "/")).status == 200)

    let wrongName = CurlTransport(
      connection: connection(port: port, fixture: fixture, ca: "ca.crt", serverName: nil))
    #expect(throws: (any Error).self) { _ = try wrongName.perform(HTTPRequest(path: "/")) }

    let wrongCA = CurlTransport(
      connection: connection(
        port: port, fixture: fixture, ca: "other.crt", serverName: "batchdeck.test"))
    #expect {
      _ = try wrongCA.perform(HTTPRequest(path: "/"))
    } throws: { error in
      guard case .tls(let text) = error as? TransportError else { return false }
      return text.hasPrefix("the server's certificate is not trusted")
    }
  }

  @Test func clientCertificateFromDataAndFromKubeconfigFiles() throws {
    let fixture = try TLSFixture()
    defer { fixture.stop() }
    let port = try fixture.startServer(requireClient: true)
    var withCert = connection(
      port: port, fixture: fixture, ca: "ca.crt", serverName: "batchdeck.test")
    let withoutCert = CurlTransport(connection: withCert)
    #expect(throws: (any Error).self) { _ = try withoutCert.perform(HTTPRequest(path: "/")) }
    withCert.tls.clientCertificate = fixture.file("client.crt")
    withCert.tls.clientKey = fixture.file("client.key")
    #expect(try CurlTransport(connection: withCert).perform(HTTPRequest(path: "/")).status == 200)

    let kubeconfig = """
      current-context: tls
      clusters:
      - name: tls
        cluster:
          server: https://127.0.0.1:\(port)
          certificate-authority: ca.crt
          tls-server-name: batchdeck.test
      contexts:
      - {name: tls, context: {cluster: tls, user: cert}}
      users:
      - {name: cert, user: {client-certificate: client.crt, client-key: client.key}}
      """
    let path = try fixture.folder.write("config", kubeconfig)
    let resolved = try KubeconfigParser.load(path: path).connection()
    #expect(try CurlTransport(connection: resolved).perform(HTTPRequest(path: "/")).status == 200)
  }
}

@Suite struct ExecPluginTests {
  static func plugin(in folder: TempFolder, body: String) throws -> ExecConfig {
    let path = try folder.writeExecutable(
      "plugin.sh",
      """
      #!/bin/sh
      n=$(cat "$COUNT" 2>/dev/null || echo 0)
      n=$((n + 1))
      echo "$n" > "$COUNT"
      printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO"
      \(body)
      """)
    var exec = ExecConfig()
    exec.apiVersion = "client.authentication.k8s.io/v1"
    exec.command = path
    exec.interactiveMode = "Never"
    exec.provideClusterInfo = true
    exec.env = [
      ExecEnvVar(name: "COUNT", value: folder.path + "/count"),
      ExecEnvVar(name: "INFO", value: folder.path + "/info"),
    ]
    return exec
  }

  @Test func tokenIsCachedAndRefreshedOn401() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    let exec = try Self.plugin(
      in: folder,
      body: """
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
        printf '"status":{"token":"tok-%s"}}' "$n"
        """)
    let server = try TestHTTPServer { request, writer in
      if request.headers["authorization"] == "Bearer tok-2" {
        writer.respond(200, body: "{}")
      } else {
        writer.respond(401, body: "{\"kind\":\"Status\",\"code\":401,\"message\":\"Unauthorized\"}")
      }
    }
    defer { server.stop() }
    var connection = loopback(server.url, credentials: .exec(exec))
    connection.execClusterConfig = ["region": "test-1"]
    let transport = CurlTransport(connection: connection)
    #expect(try transport.perform(HTTPRequest(path: "/a")).status == 200)
    #expect(try transport.perform(HTTPRequest(path: "/b")).status == 200)
    #expect(transport.exec?.runCount == 2)
    let info = try JSONValue.parse(Array(folder.file("info")))
    #expect(info["kind"]?.stringValue == "ExecCredential")
    #expect(info[path: ["spec", "cluster", "server"]]?.stringValue == server.url)
    #expect(info[path: ["spec", "interactive"]]?.boolValue == false)
    #expect(info[path: ["spec", "cluster", "config", "region"]]?.stringValue == "test-1")
  }

  @Test func expiredCredentialRunsAgain() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    let exec = try Self.plugin(
      in: folder,
      body: """
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
        printf '"status":{"token":"t","expirationTimestamp":"2000-01-01T00:00:00Z"}}'
        """)
    let provider = ExecCredentialProvider(config: exec, connection: loopback("http://x"))
    _ = try provider.credential()
    _ = try provider.credential()
    #expect(provider.runCount == 2)
  }

  @Test func concurrentCallersShareOneRun() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    let exec = try Self.plugin(
      in: folder,
      body: """
        sleep 0.2
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
        printf '"status":{"token":"shared"}}'
        """)
    let provider = ExecCredentialProvider(config: exec, connection: loopback("http://x"))
    DispatchQueue.concurrentPerform(iterations: 4) { _ in _ = try? provider.credential() }
    #expect(provider.runCount == 1)
    #expect(try provider.credential().token == "shared")
  }

  @Test func pluginMistakesUseClientGoWords() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    let wrongVersion = try Self.plugin(
      in: folder,
      body: "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{}}'")
    let provider = ExecCredentialProvider(config: wrongVersion, connection: loopback("http://x"))
    #expect(
      throws: TransportError.credentials(
        "exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin "
          + "returned version client.authentication.k8s.io/v1beta1")
    ) { _ = try provider.credential() }

    let failing = try Self.plugin(in: folder, body: "echo 'no profile' >&2; exit 3")
    #expect(
      throws: TransportError.credentials(
        "exec: executable \(failing.command) failed with exit code 3: no profile")
    ) {
      _ = try ExecCredentialProvider(config: failing, connection: loopback("http://x")).credential()
    }

    var missing = ExecConfig()
    missing.apiVersion = "client.authentication.k8s.io/v1beta1"
    missing.command = "batchdeck-no-such-plugin"
    missing.installHint = "Install it."
    #expect(
      throws: TransportError.credentials(
        "exec: executable batchdeck-no-such-plugin not found\n\nIt looks like you are trying to "
          + "use a client-go credential plugin that is not installed.\n\nInstall it.")
    ) {
      _ = try ExecCredentialProvider(config: missing, connection: loopback("http://x")).credential()
    }
  }
}
