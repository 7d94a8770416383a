import Foundation

/// `nghttpx` (Debian's `nghttp2-proxy`) on 127.0.0.1 in front of a loopback HTTP/1.1 server
/// (`sim serve`, `TestHTTPServer`): a TLS frontend that speaks HTTP/2 (ALPN `h2`, and
/// HTTP/1.1 for clients that do not offer it) and forwards every request over HTTP/1.1 to
/// that server, which has no HTTP/2 of its own.
///
/// Its throwaway CA and server certificate (for `IP:127.0.0.1`) are made with the `openssl`
/// command; they, an empty configuration file (so nghttpx's system-wide default, with its
/// default backend, is never read), the error log and the access log all live in one
/// temporary folder, removed by `stop()`.
public final class TestHTTP2Proxy: @unchecked Sendable {
  public static let nghttpx = ["/usr/sbin/nghttpx", "/usr/bin/nghttpx"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  public static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  /// Whether both tools are installed.
  public static var isAvailable: Bool { nghttpx != nil && openssl != nil }

  public let folder: URL
  /// The port nghttpx listens on, on 127.0.0.1.
  public private(set) var port = 0
  private var process: Process?

  public var caCertificate: URL { folder.appendingPathComponent("ca.crt") }
  public var errorLog: URL { folder.appendingPathComponent("nghttpx-error.log") }
  /// One line per request as its head comes back (streams too): method, path and query, the
  /// protocol the client spoke, status, ALPN and the client's port (one per connection).
  public var accessLog: URL { folder.appendingPathComponent("nghttpx-access.log") }
  /// The address clients use.
  public var url: String { "https://127.0.0.1:\(port)" }

  /// Makes the certificates and starts nghttpx in front of `127.0.0.1:backendPort`; waits
  /// (at most 20 s) until it accepts connections.
  public init(backendPort: Int) throws {
    guard let nghttpx = Self.nghttpx, let openssl = Self.openssl else {
      throw TestHTTP2ProxyError(description: "nghttpx and openssl are needed")
    }
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("batchdeck-h2-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    do {
      try makeCertificates(openssl: openssl)
      let configuration = folder.appendingPathComponent("nghttpx.conf")
      try Data().write(to: configuration)
      // A port picked free can be taken before nghttpx binds it: try a few.
      var lastError: Error?
      for _ in 0..<3 {
        do {
          try start(nghttpx, configuration: configuration, backendPort: backendPort)
          return
        } catch {
          lastError = error
        }
      }
      throw lastError ?? TestHTTP2ProxyError(description: "nghttpx did not start")
    } catch {
      stop()
      throw error
    }
  }

  deinit { stop() }

  /// Sends SIGTERM to nghttpx (by its process id), waits up to 10 s, then SIGKILL; removes
  /// the folder.
  public func stop() {
    if let process {
      Self.end(process)
      self.process = nil
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// One request as nghttpx's access log recorded it.
  public struct Request: Sendable, CustomStringConvertible {
    public var method: String
    /// The path and query the client sent.
    public var target: String
    /// The protocol the client spoke to nghttpx (`HTTP/2`, `HTTP/1.1`).
    public var version: String
    public var status: Int
    /// The protocol agreed through ALPN (`h2`, `http/1.1`).
    public var alpn: String
    /// The client's port: requests on one connection share it.
    public var clientPort: Int

    public var description: String {
      "\(method) \(target) \(version) \(status) \(alpn) \(clientPort)"
    }
  }

  /// The requests whose response head came back so far, in that order.
  public func requests() -> [Request] {
    let text = (try? String(contentsOf: accessLog, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: " ").map(String.init)
      guard fields.count == 6, let status = Int(fields[3]), let port = Int(fields[5]) else {
        return nil
      }
      return Request(
        method: fields[0], target: fields[1], version: fields[2], status: status,
        alpn: fields[4], clientPort: port)
    }
  }

  private func start(_ nghttpx: String, configuration: URL, backendPort: Int) throws {
    let port = try Self.freePort()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: nghttpx)
    process.currentDirectoryURL = folder
    process.arguments = [
      "--conf=\(configuration.path)",
      "--frontend=127.0.0.1,\(port)",
      "--backend=127.0.0.1,\(backendPort)",
      "--backend-address-family=IPv4",
      "--workers=1",
      "--single-process",
      "--no-ocsp",
      "--backend-read-timeout=10m",
      "--errorlog-file=\(errorLog.path)",
      "--accesslog-file=\(accessLog.path)",
      "--accesslog-write-early",
      "--accesslog-format=$method $path $protocol_version $status $alpn $remote_port",
      folder.appendingPathComponent("server.key").path,
      folder.appendingPathComponent("server.crt").path,
    ]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      guard process.isRunning else { break }
      if Self.accepts(port: port) {
        self.port = port
        self.process = process
        return
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Self.end(process)
    let log = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
    throw TestHTTP2ProxyError(description: "nghttpx did not listen on 127.0.0.1:\(port): \(log)")
  }

  private static func end(_ process: Process) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGTERM)
    let deadline = Date().addingTimeInterval(10)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// A CA and a server certificate it signed for `IP:127.0.0.1`, EC P-256, valid for a day.
  private func makeCertificates(openssl: String) throws {
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    try run(
      openssl,
      ["req", "-x509"] + key + [
        "-keyout", "ca.key", "-out", "ca.crt", "-days", "1", "-subj", "/CN=batchdeck-h2-test-ca",
      ])
    try run(
      openssl,
      ["req"] + key + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"])
    try "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n".write(
      to: folder.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
    try run(
      openssl,
      [
        "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "1", "-extfile", "server.ext",
      ])
  }

  private func run(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let detail = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestHTTP2ProxyError(
        description: "openssl \(arguments[0]) failed: \(String(decoding: detail, as: UTF8.self))")
    }
  }

  /// A port on 127.0.0.1 nothing listens on right now.
  private static func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(descriptor) }
    var address = loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Whether a TCP connection to 127.0.0.1:`port` is accepted.
  private static func accepts(port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = loopback(port: UInt16(port))
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  private static func loopback(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }
}

/// Why nghttpx or its certificates could not be set up.
public struct TestHTTP2ProxyError: Error, CustomStringConvertible {
  public var description: String
}
