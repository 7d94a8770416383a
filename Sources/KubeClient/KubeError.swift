import APIMachinery

/// Why a call to the Kubernetes API failed; one case per source, with its context kept.
public enum KubeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No HTTP response: the server is down, unreachable, slow, or TLS failed.
  case transport(TransportError)
  /// The server answered with its Status object; `message` is shown verbatim.
  case api(APIStatus)
  /// The server answered with an error that carried no Status object.
  case http(status: Int, body: String)
  /// The response could not be read as the expected JSON.
  case decoding(String)

  public var description: String {
    switch self {
    case .transport(let error): "Unable to connect to the server: \(error)"
    case .api(let status): "Error from server (\(status.reason)): \(status.message)"
    case .http(let status, let body):
      "the server responded with HTTP \(status)" + (body.isEmpty ? "" : ": \(body.prefix(200))")
    case .decoding(let detail): "could not read the server's response: \(detail)"
    }
  }

  /// Whether a watch or list must start again from scratch (410 Gone or Expired).
  public var isExpired: Bool {
    if case .api(let status) = self { return status.code == 410 }
    if case .http(let status, _) = self { return status == 410 }
    return false
  }

  /// Builds the error for a non-2xx response.
  static func from(status: Int, body: [UInt8]) -> KubeError {
    if let json = try? JSONValue.parse(body), let apiStatus = APIStatus(json: json) {
      return .api(apiStatus)
    }
    return .http(status: status, body: String(decoding: body, as: UTF8.self))
  }
}
