import Foundation

/// Command-line choices that override the kubeconfig.
public struct KubeconfigOverrides: Sendable, Equatable {
  /// `--context`.
  public var context: String?
  /// `-n` / `--namespace`.
  public var namespace: String?

  public init(context: String? = nil, namespace: String? = nil) {
    self.context = context
    self.namespace = namespace
  }
}

extension Kubeconfig {
  /// Resolves the effective context into a connection, checking only what that context uses,
  /// as kubectl does: other broken contexts do not matter.
  public func connection(_ overrides: KubeconfigOverrides = KubeconfigOverrides())
    throws(KubeconfigError) -> ClusterConnection
  {
    let contextName: String
    if let requested = overrides.context, !requested.isEmpty {
      guard context(requested) != nil else {
        throw KubeconfigError(
          .notFound, "context \"\(requested)\" does not exist", file: files.joined(separator: ":"),
          field: "--context")
      }
      contextName = requested
    } else if let current = currentContext, !current.isEmpty {
      guard context(current) != nil else {
        throw KubeconfigError(
          .notFound,
          "context was not found for specified context: \(current) (contexts here: "
            + (contextNames.isEmpty ? "none" : contextNames.joined(separator: ", ")) + ")",
          file: currentContextOrigin?.file, line: currentContextOrigin?.line,
          field: "current-context")
      }
      contextName = current
    } else {
      throw KubeconfigError(
        .invalid,
        "no current-context is set; choose one with --context (contexts here: "
          + (contextNames.isEmpty ? "none" : contextNames.joined(separator: ", ")) + ")",
        file: files.first, field: "current-context")
    }
    guard let entry = context(contextName) else {
      throw KubeconfigError(.notFound, "context \"\(contextName)\" does not exist")
    }
    var resolver = ContextResolver(config: self, context: entry)
    return try resolver.resolve(namespaceOverride: overrides.namespace)
  }
}

/// Builds one context's connection, naming the file, context and field on each problem.
struct ContextResolver {
  let config: Kubeconfig
  let context: KubeconfigEntry<KubeconfigContext>

  func problem(
    _ kind: KubeconfigError.Kind, _ message: String, origin: KubeconfigOrigin, field: String,
    key: String? = nil
  ) -> KubeconfigError {
    KubeconfigError(
      kind, message, file: origin.file, line: key.map { origin.line(of: $0) } ?? origin.line,
      context: context.name, field: field)
  }

  mutating func resolve(namespaceOverride: String?) throws(KubeconfigError) -> ClusterConnection {
    let spec = context.value
    let contextField = "contexts[\(context.name)].context"
    guard let clusterEntry = config.cluster(spec.cluster) else {
      throw problem(
        .notFound, "cluster \"\(spec.cluster)\" was not found for context \"\(context.name)\"",
        origin: context.origin, field: contextField + ".cluster", key: "cluster")
    }
    let namespace = namespaceOverride ?? spec.namespace.flatMap { $0.isEmpty ? nil : $0 }
    if let namespace, !Self.isDNSLabel(namespace) {
      throw problem(
        .invalid, "namespace \"\(namespace)\" is not a valid DNS label",
        origin: context.origin, field: contextField + ".namespace", key: "namespace")
    }
    var connection = try clusterSettings(clusterEntry)
    connection.namespace = namespace ?? "default"
    connection.userName = spec.user
    if !spec.user.isEmpty {
      guard let userEntry = config.user(spec.user) else {
        throw problem(
          .notFound, "user \"\(spec.user)\" was not found for context \"\(context.name)\"",
          origin: context.origin, field: contextField + ".user", key: "user")
      }
      try apply(userEntry, to: &connection)
    }
    return connection
  }

  func clusterSettings(_ entry: KubeconfigEntry<KubeconfigCluster>) throws(KubeconfigError)
    -> ClusterConnection
  {
    let cluster = entry.value
    let field = "clusters[\(entry.name)].cluster"
    var server = cluster.server
    while server.hasSuffix("/") { server.removeLast() }
    guard !server.isEmpty else {
      throw problem(
        .invalid, "cluster has no server defined", origin: entry.origin,
        field: field + ".server")
    }
    guard let url = URL(string: server), let scheme = url.scheme, url.host != nil,
      ["http", "https"].contains(scheme.lowercased())
    else {
      throw problem(
        .invalid, "server \"\(server)\" is not an http or https URL", origin: entry.origin,
        field: field + ".server", key: "server")
    }
    var connection = ClusterConnection(
      contextName: context.name, clusterName: entry.name, userName: "", namespace: "default",
      server: server)
    connection.sourceFile = context.origin.file
    connection.execClusterConfig = cluster.execExtension
    if cluster.certificateAuthority != nil, cluster.certificateAuthorityData != nil {
      throw problem(
        .invalid,
        "certificate-authority-data and certificate-authority are both specified for "
          + "\(entry.name); keep one", origin: entry.origin,
        field: field + ".certificate-authority",
        key: "certificate-authority")
    }
    if let text = cluster.certificateAuthorityData {
      connection.tls.certificateAuthority = try decode(
        text, origin: entry.origin, field: field, key: "certificate-authority-data")
    } else if let path = cluster.certificateAuthority {
      connection.tls.certificateAuthority = try read(
        path, what: "certificate-authority", origin: entry.origin, field: field,
        key: "certificate-authority")
    }
    if cluster.insecureSkipTLSVerify {
      if connection.tls.certificateAuthority != nil {
        throw problem(
          .invalid,
          "specifying a root certificates file with the insecure flag is not allowed; remove "
            + "insecure-skip-tls-verify or the certificate authority", origin: entry.origin,
          field: field + ".insecure-skip-tls-verify", key: "insecure-skip-tls-verify")
      }
      connection.tls.insecureSkipVerify = true
      connection.warnings.append(
        "cluster \"\(entry.name)\" has insecure-skip-tls-verify: the server's certificate is "
          + "not checked and the connection can be intercepted")
    }
    connection.tls.serverName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
    if let proxy = cluster.proxyURL, !proxy.isEmpty {
      let scheme = URL(string: proxy)?.scheme?.lowercased() ?? ""
      guard ["http", "https", "socks5", "socks5h"].contains(scheme), URL(string: proxy)?.host != nil
      else {
        throw problem(
          .invalid,
          "proxy-url \"\(ProxySelection.redacted(proxy))\" must be an http, https or socks5 "
            + "URL with a host",
          origin: entry.origin, field: field + ".proxy-url", key: "proxy-url")
      }
      connection.proxyURL = proxy
    }
    return connection
  }

  static func isDNSLabel(_ text: String) -> Bool {
    guard (1...63).contains(text.utf8.count) else { return false }
    let bytes = Array(text.utf8)
    func alnum(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
    guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else {
      return false
    }
    return bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
  }

  func decode(_ text: String, origin: KubeconfigOrigin, field: String, key: String)
    throws(KubeconfigError) -> [UInt8]
  {
    switch Base64Field.decode(text) {
    case .success(let bytes): return bytes
    case .failure(let error):
      throw problem(
        .invalid, "decode base64: \(error.message) (the value must be base64 of the PEM text)",
        origin: origin, field: "\(field).\(key)", key: key)
    }
  }

  func read(
    _ path: String, what: String, origin: KubeconfigOrigin, field: String, key: String
  ) throws(KubeconfigError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason =
        FileManager.default.fileExists(atPath: path)
        ? "permission denied" : "no such file or directory"
      throw problem(
        .unreadable, "unable to read \(what): open \(path): \(reason)", origin: origin,
        field: "\(field).\(key)", key: key)
    }
    return Array(data)
  }
}
