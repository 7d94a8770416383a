import APIMachinery
import Foundation
import Synchronization

/// A `users[].user.auth-provider` of name `oidc`, with its files already read.
public struct OIDCConfig: Sendable, Equatable {
  /// `idp-issuer-url`: where `/.well-known/openid-configuration` names the token endpoint.
  public var issuerURL: String
  /// `client-id` and optional `client-secret`, sent with a refresh (HTTP basic).
  public var clientID: String
  public var clientSecret: String?
  /// `id-token`: the JWT sent as the bearer token while its `exp` has not passed.
  public var idToken: String?
  /// `refresh-token`: exchanged at the token endpoint for a new id-token.
  public var refreshToken: String?
  /// `idp-certificate-authority` or `-data`: the PEM CA for the issuer; else the system's.
  public var certificateAuthority: [UInt8]?

  /// The two settings every oidc entry must have; the rest start empty.
  public init(issuerURL: String, clientID: String) {
    self.issuerURL = issuerURL
    self.clientID = clientID
  }
}

/// The `id-token` of an oidc auth-provider, refreshed as client-go refreshes it: when the
/// token's JWT `exp` has passed and a `refresh-token` is there, the issuer's token endpoint
/// (from its discovery document) is asked for a new one with the refresh-token grant.
///
/// The new tokens are kept in memory only; kubectl writes them back into the kubeconfig, and
/// this does not, so the user's files are never rewritten. An identity provider that rotates
/// refresh tokens may then refuse the one in the file later; kubectl's next run logs in again.
public final class OIDCTokenSource: Sendable {
  private let config: OIDCConfig
  private let userName: String
  private let state: Mutex<(idToken: String?, refreshToken: String?)>
  private let refreshes = Atomic<Int>(0)

  /// - Parameter userName: the kubeconfig user, for messages.
  public init(config: OIDCConfig, userName: String) {
    self.config = config
    self.userName = userName
    state = Mutex((config.idToken, config.refreshToken))
  }

  /// How many refreshes were made (for tests and logs).
  public var refreshCount: Int { refreshes.load(ordering: .relaxed) }

  /// A transport to the issuer (or its token endpoint) at `server`, trusting its CA.
  private func transport(_ server: String) -> CurlTransport {
    var connection = ClusterConnection(
      contextName: "", clusterName: "oidc", userName: userName, namespace: "default",
      server: server)
    connection.tls.certificateAuthority = config.certificateAuthority
    return CurlTransport(connection: connection)
  }

  /// The id-token to send, refreshed first when it has expired.
  public func token(now: Date = Date()) throws(TransportError) -> String {
    try state.withLock {
      (current: inout (idToken: String?, refreshToken: String?)) throws(TransportError) in
      if let token = current.idToken, !token.isEmpty, let expiry = Self.expiry(of: token),
        expiry > now
      {
        return token
      }
      guard let refreshToken = current.refreshToken, !refreshToken.isEmpty else {
        throw .credentials(
          "the oidc id-token of user \"\(userName)\" has expired (or is not a JWT with an exp) "
            + "and there is no refresh-token to renew it; log in again with your OIDC helper")
      }
      let fresh = try refresh(refreshToken)
      refreshes.add(1, ordering: .relaxed)
      current = (fresh.idToken, fresh.refreshToken ?? refreshToken)
      return fresh.idToken
    }
  }

  /// The `exp` claim of a JWT, or `nil` when the token is not a JWT or has none.
  static func expiry(of token: String) -> Date? {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    var text = parts[1].replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text += "=" }
    guard let data = Data(base64Encoded: text), let claims = try? JSONValue.parse(Array(data))
    else { return nil }
    switch claims["exp"] {
    case .int(let seconds): return Date(timeIntervalSince1970: Double(seconds))
    case .double(let seconds): return Date(timeIntervalSince1970: seconds)
    default: return nil
    }
  }

  private func refresh(_ refreshToken: String) throws(TransportError) -> (
    idToken: String, refreshToken: String?
  ) {
    let issuer = config.issuerURL
    func failure(_ detail: String) -> TransportError {
      .credentials(
        "the oidc id-token of user \"\(userName)\" has expired and could not be refreshed "
          + "from \(issuer): \(detail)")
    }
    var base = issuer
    while base.hasSuffix("/") { base.removeLast() }
    let discovery: HTTPResponse
    do {
      discovery = try transport(base).perform(
        HTTPRequest(path: "/.well-known/openid-configuration"))
    } catch {
      throw failure("the discovery document could not be fetched (\(error))")
    }
    guard discovery.status == 200, let document = try? JSONValue.parse(discovery.body),
      let endpoint = document["token_endpoint"]?.stringValue,
      let url = URLComponents(string: endpoint), let scheme = url.scheme, let host = url.host
    else {
      throw failure(
        "the discovery document (HTTP \(discovery.status)) names no token_endpoint")
    }
    let hostPart = host.contains(":") ? "[\(host)]" : host
    let origin = "\(scheme)://\(hostPart)" + (url.port.map { ":\($0)" } ?? "")
    var form = "grant_type=refresh_token&refresh_token=" + CurlRequestOptions.encode(refreshToken)
    var headers: [(name: String, value: String)] = [
      ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
    ]
    if let secret = config.clientSecret, !secret.isEmpty {
      let pair =
        CurlRequestOptions.encode(config.clientID) + ":" + CurlRequestOptions.encode(secret)
      headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
    } else {
      form += "&client_id=" + CurlRequestOptions.encode(config.clientID)
    }
    let answer: HTTPResponse
    do {
      answer = try transport(origin).perform(
        HTTPRequest(
          method: "POST", path: url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath,
          headers: headers, body: Array(form.utf8)))
    } catch {
      throw failure("the token endpoint \(endpoint) could not be reached (\(error))")
    }
    let body = try? JSONValue.parse(answer.body)
    guard answer.status == 200 else {
      let reason = [body?["error"]?.stringValue, body?["error_description"]?.stringValue]
        .compactMap { $0 }.joined(separator: ": ")
      throw failure(
        "the token endpoint answered HTTP \(answer.status)" + (reason.isEmpty ? "" : " (\(reason))")
      )
    }
    guard let idToken = body?["id_token"]?.stringValue, !idToken.isEmpty else {
      throw failure("the token response did not contain an id_token")
    }
    let rotated = body?["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    return (idToken, rotated)
  }
}
