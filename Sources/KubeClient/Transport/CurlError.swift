import APIMachinery
import CCurl

/// Turns a libcurl result code into the transport error a user reads.
enum CurlError {
  static func map(
    _ code: CURLcode, detail: String, server: String, proxy: String? = nil,
    proxyStatus: Int = 0
  ) -> TransportError {
    let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    if let proxy, let failure = proxyFailure(code, text, server, proxy, proxyStatus) {
      return failure
    }
    switch code {
    case CURLE_COULDNT_CONNECT:
      return .connectionFailed(
        "the connection to the server \(server) was refused - did you specify the right host "
          + "or port? (\(text))")
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
      return .connectionFailed(text)
    case CURLE_OPERATION_TIMEDOUT:
      return .timedOut(text)
    case CURLE_PEER_FAILED_VERIFICATION:
      return .tls(
        "the server's certificate is not trusted (\(text)); check the cluster's "
          + "certificate-authority and tls-server-name")
    case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
      CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE,
      CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_ENGINE_INITFAILED,
      CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED:
      return .tls(text)
    case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
      CURLE_HTTP2, CURLE_HTTP2_STREAM:
      return .connectionFailed("the connection was lost: \(text)")
    default:
      return .other(text)
    }
  }

  /// A failure of the proxy itself, named with its URL (password hidden).
  private static func proxyFailure(
    _ code: CURLcode, _ text: String, _ server: String, _ proxy: String, _ proxyStatus: Int
  ) -> TransportError? {
    let named = ProxySelection.redacted(proxy)
    switch code {
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_PROXY:
      return .connectionFailed(
        "cannot connect to the proxy \(named) - is it running, and is proxy-url (or "
          + "HTTPS_PROXY) right? (\(text))")
    case CURLE_PROXY:
      return .connectionFailed(
        "the proxy \(named) did not open a connection to the server \(server): \(text)")
    case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_SSL_CONNECT_ERROR,
      CURLE_PEER_FAILED_VERIFICATION:
      if proxyStatus >= 300 {
        return .connectionFailed(
          "the proxy \(named) refused the connection to the server \(server) with HTTP "
            + "\(proxyStatus)" + (proxyStatus == 407 ? " (check the proxy's credentials)" : ""))
      }
      return nil
    default:
      return nil
    }
  }
}
