import APIMachinery
import Foundation

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
    case .api(let status) where status.code == 401:
      "error: You must be logged in to the server (\(status.message))"
    case .api(let status) where status.reason.isEmpty: "Error from server: \(status.message)"
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

  /// Whether the server answered 404 Not Found.
  public var isNotFound: Bool {
    switch self {
    case .api(let status): status.code == 404
    case .http(let status, _): status == 404
    default: false
    }
  }

  /// Whether the server refuses to watch (405, or 403 for the watch verb): poll instead.
  public var isWatchRefused: Bool {
    switch self {
    case .api(let status): [403, 405, 406].contains(status.code)
    case .http(let status, _): [403, 405, 406].contains(status)
    default: false
    }
  }

  /// Seconds the server asked to wait (429 or 503 with `Retry-After`, or
  /// `details.retryAfterSeconds`).
  public var retryAfter: Double? {
    guard case .api(let status) = self,
      let seconds = status.details?["retryAfterSeconds"]?.intValue, seconds > 0
    else { return nil }
    return Double(seconds)
  }

  /// Builds the error for a non-2xx response; a `Retry-After` header is kept in the Status's
  /// `details.retryAfterSeconds`.
  static func from(status: Int, headers: [String: String] = [:], body: [UInt8]) -> KubeError {
    let retry = headers.first { $0.key.lowercased() == "retry-after" }.flatMap {
      Int64($0.value.trimmingCharacters(in: .whitespaces))
    }
    var apiStatus: APIStatus
    if let json = try? JSONValue.parse(body), let parsed = APIStatus(json: json) {
      apiStatus = parsed
    } else if let retry {
      let text = String(decoding: body, as: UTF8.self)
      apiStatus = APIStatus(
        code: status, reason: status == 429 ? "TooManyRequests" : "ServiceUnavailable",
        message: text.isEmpty ? "the server asked to retry after \(retry) seconds" : text)
    } else {
      return .http(status: status, body: String(decoding: body, as: UTF8.self))
    }
    if let retry, apiStatus.details?["retryAfterSeconds"] == nil {
      var details = apiStatus.details ?? .object([:])
      details["retryAfterSeconds"] = .int(retry)
      apiStatus.details = details
    }
    return .api(apiStatus)
  }
}
