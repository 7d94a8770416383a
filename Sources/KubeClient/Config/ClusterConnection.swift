import APIMachinery
import Foundation

/// How requests authenticate.
public enum Credentials: Sendable, Equatable {
  case none
  /// `Authorization: Bearer`.
  case token(String)
  /// A bearer token read from a file, re-read at most once a minute so rotation is picked up.
  case tokenFile(String)
  /// HTTP basic authentication.
  case basic(username: String, password: String)
  /// A credential plugin, run when a token is needed and again on expiry or 401.
  case exec(ExecConfig)
  /// The oidc auth-provider: its id-token, refreshed through the issuer once expired.
  case oidc(OIDCConfig)
}

/// TLS settings with every certificate and key already in memory (never written to disk).
public struct TLSSettings: Sendable, Equatable {
  /// PEM certificates to trust instead of the system's.
  public var certificateAuthority: [UInt8]?
  public var insecureSkipVerify = false
  /// The name to verify the server certificate against instead of the URL's host.
  public var serverName: String?
  public var clientCertificate: [UInt8]?
  public var clientKey: [UInt8]?

  public init() {}
}

/// Everything needed to talk to one cluster as one user: a resolved kubeconfig context or the
/// in-cluster service account.
public struct ClusterConnection: Sendable, Equatable {
  /// The context name (`in-cluster` for a service account).
  public var contextName: String
  public var clusterName: String
  public var userName: String
  /// The effective namespace: `-n`, else the context's, else `default`.
  public var namespace: String
  /// The server URL without a trailing slash, such as `https://127.0.0.1:6443`.
  public var server: String
  public var tls = TLSSettings()
  /// An explicit proxy (`http://`, `https://` or `socks5://`); else the environment's.
  public var proxyURL: String?
  public var credentials = Credentials.none
  /// The cluster's `client.authentication.k8s.io/exec` extension, passed to exec plugins
  /// that ask for cluster information (`spec.cluster.config`).
  public var execClusterConfig: JSONValue?
  /// What the user should know but that does not stop the connection.
  public var warnings: [String] = []
  /// The file that defined the context, for messages.
  public var sourceFile: String?

  public init(
    contextName: String, clusterName: String, userName: String, namespace: String,
    server: String
  ) {
    self.contextName = contextName
    self.clusterName = clusterName
    self.userName = userName
    self.namespace = namespace
    self.server = server
  }

  /// The server's scheme, host and port only, for logs: a path or user part of the URL can
  /// carry a credential, so neither is written out.
  public var serverForLog: String {
    guard let url = URLComponents(string: server), let scheme = url.scheme, let host = url.host
    else { return "(unparsable server URL)" }
    return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
  }

  /// Kubernetes' description of the cluster for an exec plugin (`spec.cluster`).
  var execClusterInfo: [String: String] {
    var info = ["server": server]
    if let name = tls.serverName { info["tls-server-name"] = name }
    if tls.insecureSkipVerify { info["insecure-skip-tls-verify"] = "true" }
    if let proxyURL { info["proxy-url"] = proxyURL }
    return info
  }
}
