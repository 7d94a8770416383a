import APIMachinery
import CCurl
import Foundation
import Logging
import Synchronization

/// Time limits of a `CurlTransport`.
public struct CurlTimeouts: Sendable, Equatable {
  /// Most time to set up the TCP and TLS connection.
  public var connect: Double
  /// A request that is not a stream fails when it gets no byte for this long.
  public var idle: Double

  public init(connect: Double = 10, idle: Double = 30) {
    self.connect = connect
    self.idle = idle
  }
}

/// `HTTPTransport` over libcurl for a real API server: TLS with the CA, client certificate and
/// key handed over in memory, bearer, basic, exec and oidc credentials, proxies
/// (`ProxySelection`), HTTP/2 where the server offers it through ALPN, and connections reused
/// across requests. The version each request used is in the debug log, a stream's as its head
/// arrives. HTTP/2 is tested through nghttpx, an HTTP/2 reverse proxy: bodies, lower-case
/// headers, watches and followed logs, a stream cancelled from another thread and the
/// connection reused after it, a stream reset by the server; not tested are HTTP/2 through a
/// `proxy-url` proxy and a connection ended by the server (GOAWAY). Each handle has its own
/// connection, so requests are never multiplexed on one.
///
/// Streams (watches and followed logs) have no idle limit and end when the server ends them
/// or `cancellation` is set, from any thread, within about a second.
public final class CurlTransport: HTTPTransport {
  private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

  public let connection: ClusterConnection
  private let timeouts: CurlTimeouts
  private let logger: Logger
  private let pool = Mutex<[EasyHandle]>([])
  private let tokenFile: TokenFileSource?
  /// The oidc id-token and its refresh, when the user authenticates with one.
  public let oidc: OIDCTokenSource?
  /// The exec plugin runner, when the user authenticates with one.
  public let exec: ExecCredentialProvider?
  /// The proxy every request goes through (`ProxySelection`), or `nil` for none.
  public let proxy: String?

  /// A transport for `connection`; `environment` supplies `HTTPS_PROXY`, `HTTP_PROXY` and
  /// `NO_PROXY` when the cluster has no `proxy-url`.
  public init(
    connection: ClusterConnection, timeouts: CurlTimeouts = CurlTimeouts(),
    logger: Logger = .disabled,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    _ = Self.globalInit
    self.connection = connection
    self.timeouts = timeouts
    self.logger = logger
    proxy = ProxySelection.proxy(
      for: connection.server, explicit: connection.proxyURL, environment: environment)
    if let proxy {
      let origin = connection.proxyURL == nil ? "from the environment" : "from proxy-url"
      // The server URL is left out: it may carry a credential in its path.
      logger.debug(
        "requests to cluster \(connection.clusterName) go through the proxy "
          + "\(ProxySelection.redacted(proxy)) (\(origin))")
    }
    if case .tokenFile(let path) = connection.credentials {
      tokenFile = TokenFileSource(path: path)
    } else {
      tokenFile = nil
    }
    if case .exec(let config) = connection.credentials {
      exec = ExecCredentialProvider(config: config, connection: connection)
    } else {
      exec = nil
    }
    if case .oidc(let config) = connection.credentials {
      oidc = OIDCTokenSource(config: config, userName: connection.userName)
    } else {
      oidc = nil
    }
  }

  deinit {
    for handle in pool.withLock({ $0 }) { curl_easy_cleanup(handle.pointer) }
  }

  public func perform(
    _ request: HTTPRequest, cancellation: CancellationToken?,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) throws(TransportError) {
    if cancellation?.isCancelled == true { throw .cancelled }
    let retryUnauthorized = exec != nil && request.header("Authorization") == nil
    let first = try attempt(
      request, cancellation: cancellation, retried: retryUnauthorized ? [401] : [],
      onHead: onHead, onChunk: onChunk)
    guard first else { return }
    logger.info("the server refused the exec plugin's credential; running the plugin again")
    exec?.invalidate()
    _ = try attempt(
      request, cancellation: cancellation, retried: [], onHead: onHead, onChunk: onChunk)
  }

  /// One transfer; returns whether its status was in `retried` (and so not delivered).
  private func attempt(
    _ request: HTTPRequest, cancellation: CancellationToken?, retried: Set<Int>,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) throws(TransportError) -> Bool {
    let handle = try checkOut()
    var keep = true
    defer {
      if keep { checkIn(handle) } else { curl_easy_cleanup(handle.pointer) }
    }
    let credential = try exec?.credential()
    var options = try CurlRequestOptions(
      request: request, connection: connection, timeouts: timeouts,
      bearer: try bearerToken(request: request, exec: credential), execCredential: credential,
      proxy: proxy)
    defer { options.release() }

    return try withoutActuallyEscaping(onHead) { head throws(TransportError) -> Bool in
      try withoutActuallyEscaping(onChunk) { chunk throws(TransportError) -> Bool in
        // A forwarding proxy's own 407 is held back: it is about the proxy, not the server.
        let held = proxy == nil ? retried : retried.union([407])
        let transfer = CurlTransfer(
          cancellation: cancellation, retriedStatuses: held, onHead: head, onChunk: chunk)
        // Logged as the head arrives: a watch or followed log usually ends by cancellation.
        transfer.onHeadComplete = { [isStream = options.isStream] status in
          self.logVersion(handle, request, status: status, streaming: isStream)
        }
        let code = withExtendedLifetime(transfer) {
          options.apply(to: handle, transfer: Unmanaged.passUnretained(transfer).toOpaque())
          return curl_easy_perform(handle.pointer)
        }
        if transfer.cancelledByCaller { throw .cancelled }
        if code != CURLE_OK, !transfer.stoppedByConsumer {
          keep = false
          var proxyStatus = 0
          _ = ccurl_getinfo_long(handle.pointer, CURLINFO_HTTP_CONNECTCODE, &proxyStatus)
          throw CurlError.map(
            code, detail: handle.errorText, server: connection.server, proxy: proxy,
            proxyStatus: proxyStatus)
        }
        if !transfer.headDelivered {
          var status = 0
          _ = ccurl_getinfo_long(handle.pointer, CURLINFO_RESPONSE_CODE, &status)
          if transfer.status == 0 { transfer.status = status }
          transfer.deliverHead()
        }
        if let proxy, transfer.status == 407 {
          throw .connectionFailed(
            "the proxy \(ProxySelection.redacted(proxy)) refused the request to the server "
              + "\(connection.server) with HTTP 407 (check the proxy's credentials)")
        }
        return transfer.retry
      }
    }
  }

  /// Records which HTTP version the server and libcurl agreed on (ALPN over TLS), as
  /// `GET /path: HTTP/2 200`, with `, streaming` for watches and followed logs.
  private func logVersion(
    _ handle: EasyHandle, _ request: HTTPRequest, status: Int, streaming: Bool
  ) {
    guard logger.level <= .debug else { return }
    var version = 0
    _ = ccurl_getinfo_long(handle.pointer, CURLINFO_HTTP_VERSION, &version)
    logger.debug(
      "\(request.method) \(request.path): \(Self.versionName(version)) \(status)"
        + (streaming ? ", streaming" : ""))
  }

  /// libcurl's `CURL_HTTP_VERSION_*` number as the protocol's name.
  static func versionName(_ version: Int) -> String {
    switch version {
    case 1: "HTTP/1.0"
    case 2: "HTTP/1.1"
    case 3: "HTTP/2"
    case 30: "HTTP/3"
    default: "HTTP (version unknown)"
    }
  }

  private func bearerToken(request: HTTPRequest, exec credential: ExecCredential?)
    throws(TransportError) -> String?
  {
    guard request.header("Authorization") == nil else { return nil }
    if let credential { return credential.token }
    switch connection.credentials {
    case .token(let token): return token
    case .tokenFile: return try tokenFile?.token()
    case .oidc: return try oidc?.token()
    default: return nil
    }
  }

  private func checkOut() throws(TransportError) -> EasyHandle {
    if let reused = pool.withLock({ $0.popLast() }) {
      curl_easy_reset(reused.pointer)
      return reused
    }
    guard let pointer = curl_easy_init() else { throw .other("libcurl could not start") }
    return EasyHandle(pointer: pointer)
  }

  private func checkIn(_ handle: EasyHandle) {
    let extra: EasyHandle? = pool.withLock { pool in
      guard pool.count < 8 else { return handle }
      pool.append(handle)
      return nil
    }
    if let extra { curl_easy_cleanup(extra.pointer) }
  }
}

/// One libcurl easy handle, which keeps its connections open between requests; used by one
/// thread at a time (checked out of the pool).
final class EasyHandle: @unchecked Sendable {
  let pointer: UnsafeMutableRawPointer
  let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

  init(pointer: UnsafeMutableRawPointer) {
    self.pointer = pointer
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
  }

  deinit { errorBuffer.deallocate() }

  var errorText: String { String(cString: errorBuffer) }
}
