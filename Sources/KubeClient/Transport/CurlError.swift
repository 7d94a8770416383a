import APIMachinery
import CCurl

/// Turns a libcurl result code into the transport error a user reads.
enum CurlError {
  static func map(_ code: CURLcode, detail: String, server: String) -> TransportError {
    let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
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
}
