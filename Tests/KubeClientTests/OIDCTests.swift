import APIMachinery
import Foundation
import Synchronization
import TestHTTPServer
import Testing

@testable import KubeClient

/// A JWT (unsigned: only its claims matter here) that expires at `expiry`.
func jwt(expiry: Date, subject: String) -> String {
  func part(_ text: String) -> String {
    Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
  }
  let claims = "{\"sub\":\"\(subject)\",\"exp\":\(Int(expiry.timeIntervalSince1970))}"
  return part("{\"alg\":\"none\"}") + "." + part(claims) + ".c2ln"
}

/// What the token endpoint was sent: the form and the Authorization header.
final class FormLog: Sendable {
  private let entries = Mutex<[String]>([])
  func append(_ entry: String) { entries.withLock { $0.append(entry) } }
  var all: [String] { entries.withLock { $0 } }
}

/// The oidc auth-provider against a loopback issuer.
@Suite struct OIDCTests {
  let fresh = jwt(expiry: Date().addingTimeInterval(3600), subject: "fresh")
  let expired = jwt(expiry: Date().addingTimeInterval(-60), subject: "old")

  /// An issuer whose token endpoint answers `status` with `body` and records the form.
  func issuer(status: Int = 200, body: String, forms: FormLog) throws -> TestHTTPServer {
    try TestHTTPServer { request, writer in
      if request.path == "/realm/.well-known/openid-configuration" {
        let host = request.headers["host"] ?? ""
        writer.respond(200, body: "{\"token_endpoint\": \"http://\(host)/realm/token\"}")
      } else if request.path == "/realm/token", request.method == "POST" {
        let auth = request.headers["authorization"] ?? "-"
        forms.append(String(decoding: request.body, as: UTF8.self) + " " + auth)
        writer.respond(status, body: body)
      } else {
        writer.respond(404, body: "{}")
      }
    }
  }

  func config(_ server: TestHTTPServer, idToken: String?) -> OIDCConfig {
    var config = OIDCConfig(issuerURL: server.url + "/realm", clientID: "kube")
    config.idToken = idToken
    config.refreshToken = "refresh-1"
    config.clientSecret = "s3"
    return config
  }

  @Test func aValidTokenIsUsedAsIs() throws {
    let forms = FormLog()
    let server = try issuer(body: "{}", forms: forms)
    defer { server.stop() }
    let source = OIDCTokenSource(config: config(server, idToken: fresh), userName: "dev")
    #expect(try source.token() == fresh)
    #expect(source.refreshCount == 0)
    #expect(OIDCTokenSource.expiry(of: "not.a-jwt") == nil)
  }

  @Test func anExpiredTokenIsRefreshedOnceAndKeptInMemory() throws {
    let forms = FormLog()
    let server = try issuer(
      body: "{\"id_token\": \"\(fresh)\", \"refresh_token\": \"refresh-2\"}", forms: forms)
    defer { server.stop() }
    let source = OIDCTokenSource(config: config(server, idToken: expired), userName: "dev")
    #expect(try source.token() == fresh)
    #expect(try source.token() == fresh)
    #expect(source.refreshCount == 1)
    let sent = forms.all
    let basic = "Basic " + Data("kube:s3".utf8).base64EncodedString()
    #expect(sent == ["grant_type=refresh_token&refresh_token=refresh-1 \(basic)"])
  }

  @Test func aFailedRefreshIsAClearMessage() throws {
    let forms = FormLog()
    let server = try issuer(
      status: 400, body: "{\"error\": \"invalid_grant\", \"error_description\": \"expired\"}",
      forms: forms)
    defer { server.stop() }
    let source = OIDCTokenSource(config: config(server, idToken: expired), userName: "dev")
    #expect(
      throws: TransportError.credentials(
        "the oidc id-token of user \"dev\" has expired and could not be refreshed from "
          + "\(server.url)/realm: the token endpoint answered HTTP 400 (invalid_grant: expired)")
    ) {
      _ = try source.token()
    }
    var noRefresh = config(server, idToken: expired)
    noRefresh.refreshToken = nil
    #expect {
      _ = try OIDCTokenSource(config: noRefresh, userName: "dev").token()
    } throws: { error in
      guard case .credentials(let text) = error as? TransportError else { return false }
      return text.contains("there is no refresh-token to renew it")
    }
  }

  @Test func theRefreshedTokenReachesTheAPIServer() throws {
    let forms = FormLog()
    let idp = try issuer(body: "{\"id_token\": \"\(fresh)\"}", forms: forms)
    defer { idp.stop() }
    let api = try TestHTTPServer { request, writer in
      writer.respond(200, body: "{\"auth\": \"\(request.headers["authorization"] ?? "")\"}")
    }
    defer { api.stop() }
    let kubeconfig = """
      current-context: c
      clusters: [{name: k, cluster: {server: "\(api.url)"}}]
      contexts: [{name: c, context: {cluster: k, user: dev}}]
      users:
      - name: dev
        user:
          auth-provider:
            name: oidc
            config: {client-id: kube, idp-issuer-url: "\(idp.url)/realm", id-token: "\(expired)",
              refresh-token: r}
      """
    let connection = try resolve(kubeconfig)
    let response = try CurlTransport(connection: connection).perform(HTTPRequest(path: "/api"))
    #expect(try JSONValue.parse(response.body)["auth"]?.stringValue == "Bearer \(fresh)")
    #expect(forms.all == ["grant_type=refresh_token&refresh_token=r&client_id=kube -"])
  }

  @Test func theProviderNeedsAnIssuerAndAClient() {
    let missing = kubeconfigError {
      _ = try resolve(
        """
        current-context: c
        clusters: [{name: k, cluster: {server: "https://k.example"}}]
        contexts: [{name: c, context: {cluster: k, user: dev}}]
        users: [{name: dev, user: {auth-provider: {name: oidc, config: {client-id: kube}}}}]
        """)
    }
    #expect(missing?.message == "Must provide idp-issuer-url for the oidc auth-provider")
    #expect(missing?.field == "users[dev].user.auth-provider.config.idp-issuer-url")
  }
}
