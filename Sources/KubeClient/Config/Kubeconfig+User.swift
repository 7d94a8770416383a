import Foundation

extension ContextResolver {
  /// Adds the user's credentials and client certificate to `connection`.
  func apply(_ entry: KubeconfigEntry<KubeconfigUser>, to connection: inout ClusterConnection)
    throws(KubeconfigError)
  {
    let user = entry.value
    let field = "users[\(entry.name)].user"
    let origin = entry.origin
    if let provider = user.authProvider {
      if user.exec != nil {
        throw problem(
          .invalid,
          "authProvider cannot be provided in combination with an exec plugin for "
            + entry.name, origin: origin, field: field + ".auth-provider", key: "auth-provider")
      }
      try applyAuthProvider(provider, origin: origin, field: field, to: &connection)
    }
    let hasToken = !(user.token ?? "").isEmpty || !(user.tokenFile ?? "").isEmpty
    let hasBasic = !(user.username ?? "").isEmpty || !(user.password ?? "").isEmpty
    if hasToken, hasBasic {
      throw problem(
        .invalid,
        "more than one authentication method found for \(entry.name); found "
          + "[token basicAuth], only one is allowed", origin: origin, field: field)
    }
    try applyClientCertificate(
      user, origin: origin, field: field, name: entry.name,
      to: &connection)
    if let path = user.tokenFile, !path.isEmpty {
      _ = try read(path, what: "tokenFile", origin: origin, field: field, key: "tokenFile")
      connection.credentials = .tokenFile(path)
    } else if let token = user.token, !token.isEmpty {
      connection.credentials = .token(token)
    } else if hasBasic {
      connection.credentials = .basic(username: user.username ?? "", password: user.password ?? "")
    }
    if let exec = user.exec {
      try validate(exec, origin: origin, field: field + ".exec", name: entry.name)
      connection.credentials = .exec(exec)
    }
  }

  private func applyClientCertificate(
    _ user: KubeconfigUser, origin: KubeconfigOrigin, field: String, name: String,
    to connection: inout ClusterConnection
  ) throws(KubeconfigError) {
    if user.clientCertificate != nil, user.clientCertificateData != nil {
      throw problem(
        .invalid,
        "client-certificate-data and client-certificate are both specified for "
          + "\(name); keep one", origin: origin, field: field + ".client-certificate",
        key: "client-certificate")
    }
    if user.clientKey != nil, user.clientKeyData != nil {
      throw problem(
        .invalid, "client-key-data and client-key are both specified for \(name); keep one",
        origin: origin, field: field + ".client-key", key: "client-key")
    }
    var certificate: [UInt8]?
    var key: [UInt8]?
    if let text = user.clientCertificateData {
      certificate = try decode(text, origin: origin, field: field, key: "client-certificate-data")
    } else if let path = user.clientCertificate {
      certificate = try read(
        path, what: "client-certificate", origin: origin, field: field, key: "client-certificate")
    }
    if let text = user.clientKeyData {
      key = try decode(text, origin: origin, field: field, key: "client-key-data")
    } else if let path = user.clientKey {
      key = try read(path, what: "client-key", origin: origin, field: field, key: "client-key")
    }
    switch (certificate, key) {
    case (.some, nil):
      throw problem(
        .invalid,
        "client-key-data or client-key must be specified for \(name) to use the "
          + "clientCert authentication method", origin: origin, field: field + ".client-key")
    case (nil, .some):
      throw problem(
        .invalid,
        "client-certificate-data or client-certificate must be specified for \(name) "
          + "to use the clientCert authentication method", origin: origin,
        field: field + ".client-certificate")
    default:
      connection.tls.clientCertificate = certificate
      connection.tls.clientKey = key
    }
  }

  private func applyAuthProvider(
    _ provider: AuthProviderConfig, origin: KubeconfigOrigin, field: String,
    to connection: inout ClusterConnection
  ) throws(KubeconfigError) {
    let providerField = field + ".auth-provider.name"
    switch provider.name {
    case "gcp":
      throw problem(
        .unsupported,
        "The gcp auth plugin has been removed. Please use the \"gke-gcloud-auth-plugin\" "
          + "kubectl/client-go credential plugin instead. See https://cloud.google.com/blog/"
          + "products/containers-kubernetes/kubectl-auth-changes-in-gke for further details",
        origin: origin, field: providerField, key: "auth-provider")
    case "azure":
      throw problem(
        .unsupported,
        "The azure auth plugin has been removed. Please use the https://github.com/Azure/"
          + "kubelogin kubectl/client-go credential plugin instead (kubelogin "
          + "convert-kubeconfig rewrites this entry)",
        origin: origin, field: providerField, key: "auth-provider")
    case "oidc":
      connection.credentials = .oidc(
        try oidcConfig(provider.config, origin: origin, field: field + ".auth-provider.config"))
    default:
      throw problem(
        .unsupported,
        "no auth-provider named \"\(provider.name)\" is supported; use an exec "
          + "credential plugin", origin: origin, field: providerField, key: "auth-provider")
    }
  }

  /// The oidc provider's settings, required as client-go requires them.
  private func oidcConfig(_ settings: [String: String], origin: KubeconfigOrigin, field: String)
    throws(KubeconfigError) -> OIDCConfig
  {
    func value(_ key: String) -> String? { settings[key].flatMap { $0.isEmpty ? nil : $0 } }
    for key in ["idp-issuer-url", "client-id"] where value(key) == nil {
      throw problem(
        .invalid, "Must provide \(key) for the oidc auth-provider", origin: origin,
        field: field + "." + key, key: "auth-provider")
    }
    var config = OIDCConfig(
      issuerURL: value("idp-issuer-url") ?? "", clientID: value("client-id") ?? "")
    config.clientSecret = value("client-secret")
    config.idToken = value("id-token")
    config.refreshToken = value("refresh-token")
    if let text = value("idp-certificate-authority-data") {
      config.certificateAuthority = try decode(
        text, origin: origin, field: field, key: "idp-certificate-authority-data")
    } else if let path = value("idp-certificate-authority") {
      // As in client-go, the auth-provider's paths are used as written (not resolved).
      config.certificateAuthority = try read(
        path, what: "idp-certificate-authority", origin: origin, field: field,
        key: "idp-certificate-authority")
    }
    if config.idToken == nil, config.refreshToken == nil {
      throw problem(
        .invalid,
        "the oidc auth-provider has neither an id-token nor a refresh-token; log in with your "
          + "OIDC helper (such as kubelogin) first", origin: origin, field: field,
        key: "auth-provider")
    }
    return config
  }

  private func validate(
    _ exec: ExecConfig, origin: KubeconfigOrigin, field: String, name: String
  ) throws(KubeconfigError) {
    let v1 = "client.authentication.k8s.io/v1"
    let v1beta1 = "client.authentication.k8s.io/v1beta1"
    if exec.apiVersion.isEmpty {
      throw problem(
        .invalid, "apiVersion must be specified for \(name) to use exec authentication plugin",
        origin: origin, field: field + ".apiVersion", key: "exec")
    }
    if exec.apiVersion != v1, exec.apiVersion != v1beta1 {
      throw problem(
        .unsupported,
        "exec plugin: invalid apiVersion \"\(exec.apiVersion)\"; change it to \(v1beta1) or "
          + "\(v1) (or re-run your cloud CLI's update-kubeconfig command)",
        origin: origin, field: field + ".apiVersion", key: "exec")
    }
    if exec.command.isEmpty {
      throw problem(
        .invalid, "command must be specified for \(name) to use exec authentication plugin",
        origin: origin, field: field + ".command", key: "exec")
    }
    if exec.apiVersion == v1, exec.interactiveMode == nil {
      throw problem(
        .invalid,
        "interactiveMode must be specified for \(name) to use exec authentication plugin",
        origin: origin, field: field + ".interactiveMode", key: "exec")
    }
    if let mode = exec.interactiveMode, !["Never", "IfAvailable", "Always"].contains(mode) {
      throw problem(
        .invalid,
        "invalid interactiveMode for \(name): \"\(mode)\" (use Never, IfAvailable or "
          + "Always)", origin: origin, field: field + ".interactiveMode", key: "exec")
    }
  }
}
