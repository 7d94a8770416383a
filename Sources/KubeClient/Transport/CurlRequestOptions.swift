import APIMachinery
import CCurl
import Foundation

/// The libcurl options for one request, built from the request and the connection.
struct CurlRequestOptions {
  var url: String
  var headers: UnsafeMutablePointer<curl_slist>?
  var request: HTTPRequest
  var connection: ClusterConnection
  var timeouts: CurlTimeouts
  var execCredential: ExecCredential?
  /// For `tls-server-name`: `name:port:host:port`, so the name is verified and sent as SNI
  /// while the connection goes to the server's host.
  var connectTo: UnsafeMutablePointer<curl_slist>?
  var isStream: Bool
  /// The proxy chosen for the cluster (`ProxySelection`), or `nil` to connect directly.
  var proxy: String?

  init(
    request: HTTPRequest, connection: ClusterConnection, timeouts: CurlTimeouts,
    bearer: String?, execCredential: ExecCredential?, proxy: String? = nil
  ) throws(TransportError) {
    self.request = request
    self.proxy = proxy
    self.connection = connection
    self.timeouts = timeouts
    self.execCredential = execCredential
    isStream =
      ["1", "true"].contains(request.queryValue("watch") ?? "")
      || request.queryValue("follow") == "true"
    guard let server = URLComponents(string: connection.server), let host = server.host else {
      throw .other("the server URL \(connection.server) is not valid")
    }
    let scheme = server.scheme ?? "https"
    let port = server.port ?? (scheme == "http" ? 80 : 443)
    var base = connection.server
    var lines = request.headers.map { "\($0.name): \($0.value)" }
    if let name = connection.tls.serverName, scheme == "https" {
      let hostPart = host.contains(":") ? "[\(host)]" : host
      base = "\(scheme)://\(name):\(port)\(server.path)"
      connectTo = curl_slist_append(nil, "\(name):\(port):\(hostPart):\(port)")
      lines.append("Host: \(hostPart):\(port)")
    }
    while base.hasSuffix("/") { base.removeLast() }
    url = base + request.path + Self.queryString(request.query)
    if let bearer, !bearer.isEmpty { lines.append("Authorization: Bearer \(bearer)") }
    if !request.body.isEmpty, request.header("Content-Type") == nil {
      lines.append("Content-Type: application/json")
    }
    lines.append("Expect:")
    lines.append("User-Agent: batchdeck")
    for line in lines { headers = curl_slist_append(headers, line) }
  }

  /// Percent-encodes the query as Go's `url.Values.Encode` does, keeping the order given.
  static func queryString(_ query: [QueryItem]) -> String {
    guard !query.isEmpty else { return "" }
    return "?" + query.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
  }

  static func encode(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        result.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        result += String(format: "%%%02X", byte)
      }
    }
    return result
  }

  mutating func release() {
    curl_slist_free_all(headers)
    curl_slist_free_all(connectTo)
    headers = nil
    connectTo = nil
  }

  func apply(to handle: EasyHandle, transfer: UnsafeMutableRawPointer) {
    let curl = handle.pointer
    _ = ccurl_setopt_string(curl, CURLOPT_URL, url)
    _ = ccurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
    _ = ccurl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, handle.errorBuffer)
    handle.errorBuffer[0] = 0
    _ = ccurl_setopt_slist(curl, CURLOPT_HTTPHEADER, headers)
    if let connectTo { _ = ccurl_setopt_slist(curl, CURLOPT_CONNECT_TO, connectTo) }
    _ = ccurl_setopt_long(curl, CURLOPT_HTTP_VERSION, ccurl_http_version_2tls())
    _ = ccurl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(timeouts.connect * 1000))
    _ = ccurl_setopt_long(curl, CURLOPT_TCP_KEEPALIVE, 1)
    if !isStream {
      _ = ccurl_setopt_long(curl, CURLOPT_LOW_SPEED_LIMIT, 1)
      _ = ccurl_setopt_long(curl, CURLOPT_LOW_SPEED_TIME, max(1, Int(timeouts.idle)))
    }
    applyMethod(curl)
    applyTLS(curl)
    applyAuth(curl)
    applyProxy(curl)
    _ = ccurl_setopt_data_callback(curl, CURLOPT_WRITEFUNCTION, CurlCallbacks.write)
    _ = ccurl_setopt_pointer(curl, CURLOPT_WRITEDATA, transfer)
    _ = ccurl_setopt_data_callback(curl, CURLOPT_HEADERFUNCTION, CurlCallbacks.header)
    _ = ccurl_setopt_pointer(curl, CURLOPT_HEADERDATA, transfer)
    _ = ccurl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
    _ = ccurl_setopt_xferinfo(curl, CurlCallbacks.progress)
    _ = ccurl_setopt_pointer(curl, CURLOPT_XFERINFODATA, transfer)
  }

  private func applyMethod(_ curl: UnsafeMutableRawPointer) {
    let method = request.method.uppercased()
    if !request.body.isEmpty {
      _ = ccurl_setopt_off(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
      request.body.withUnsafeBufferPointer { buffer in
        _ = ccurl_setopt_pointer(
          curl, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
      }
    }
    if method == "HEAD" {
      _ = ccurl_setopt_long(curl, CURLOPT_NOBODY, 1)
    } else if method != "GET" || !request.body.isEmpty {
      _ = ccurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, method)
    }
  }

  private func applyTLS(_ curl: UnsafeMutableRawPointer) {
    let tls = connection.tls
    if tls.insecureSkipVerify {
      _ = ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 0)
      _ = ccurl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, 0)
    } else if let ca = tls.certificateAuthority {
      Self.blob(curl, CURLOPT_CAINFO_BLOB, ca)
    }
    let certificate = execCredential?.clientCertificate ?? tls.clientCertificate
    let key = execCredential?.clientKey ?? tls.clientKey
    if let certificate, let key {
      _ = ccurl_setopt_string(curl, CURLOPT_SSLCERTTYPE, "PEM")
      Self.blob(curl, CURLOPT_SSLCERT_BLOB, certificate)
      _ = ccurl_setopt_string(curl, CURLOPT_SSLKEYTYPE, "PEM")
      Self.blob(curl, CURLOPT_SSLKEY_BLOB, key)
    }
  }

  /// The proxy, or none at all: an empty CURLOPT_PROXY keeps libcurl from reading the
  /// environment by its own rules. As in Go, an HTTPS proxy's certificate is checked against
  /// the cluster's CA (or the system's when there is none).
  private func applyProxy(_ curl: UnsafeMutableRawPointer) {
    guard let proxy else {
      _ = ccurl_setopt_string(curl, CURLOPT_PROXY, "")
      return
    }
    _ = ccurl_setopt_string(curl, CURLOPT_PROXY, ProxySelection.curlForm(proxy))
    _ = ccurl_setopt_string(curl, CURLOPT_NOPROXY, "")
    let tls = connection.tls
    if tls.insecureSkipVerify {
      _ = ccurl_setopt_long(curl, CURLOPT_PROXY_SSL_VERIFYPEER, 0)
      _ = ccurl_setopt_long(curl, CURLOPT_PROXY_SSL_VERIFYHOST, 0)
    } else if let ca = tls.certificateAuthority {
      Self.blob(curl, CURLOPT_PROXY_CAINFO_BLOB, ca)
    }
  }

  private func applyAuth(_ curl: UnsafeMutableRawPointer) {
    guard request.header("Authorization") == nil, execCredential == nil,
      case .basic(let username, let password) = connection.credentials
    else { return }
    _ = ccurl_setopt_long(curl, CURLOPT_HTTPAUTH, ccurl_auth_basic())
    _ = ccurl_setopt_string(curl, CURLOPT_USERNAME, username)
    _ = ccurl_setopt_string(curl, CURLOPT_PASSWORD, password)
  }

  private static func blob(_ curl: UnsafeMutableRawPointer, _ option: CURLoption, _ bytes: [UInt8])
  {
    bytes.withUnsafeBufferPointer { buffer in
      _ = ccurl_setopt_blob(curl, option, buffer.baseAddress, buffer.count)
    }
  }
}
