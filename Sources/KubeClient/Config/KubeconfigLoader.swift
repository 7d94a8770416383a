import Foundation

/// Finds the kubeconfig as kubectl does: `--kubeconfig`, else every file in `KUBECONFIG`, else
/// `~/.kube/config`, else the in-cluster service account.
public struct KubeconfigLoader: Sendable {
  public var environment: [String: String]
  public var home: String
  /// Where the service account's files are (changed only by tests).
  public var serviceAccountDirectory: String

  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    home: String? = nil,
    serviceAccountDirectory: String = InClusterConfig.defaultDirectory
  ) {
    self.environment = environment
    self.home = home ?? environment["HOME"] ?? NSHomeDirectory()
    self.serviceAccountDirectory = serviceAccountDirectory
  }

  /// The files that would be read, in order; missing `KUBECONFIG` entries are left out.
  public func files(explicitPath: String?) -> [String] {
    if let explicitPath, !explicitPath.isEmpty { return [explicitPath] }
    if let list = environment["KUBECONFIG"], !list.isEmpty {
      var seen = Set<String>()
      return list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
        .filter { seen.insert($0).inserted && FileManager.default.fileExists(atPath: $0) }
    }
    let path = "\(home)/.kube/config"
    return FileManager.default.fileExists(atPath: path) ? [path] : []
  }

  /// Loads and merges the kubeconfig files; `nil` when there are none.
  public func load(explicitPath: String?) throws(KubeconfigError) -> Kubeconfig? {
    let paths = files(explicitPath: explicitPath)
    guard !paths.isEmpty else { return nil }
    var merged = Kubeconfig()
    for path in paths {
      merged.merge(try KubeconfigParser.load(path: path))
    }
    return merged
  }

  /// The connection to use: the kubeconfig's effective context, else the in-cluster account.
  public func connection(
    explicitPath: String?, overrides: KubeconfigOverrides = KubeconfigOverrides()
  ) throws(KubeconfigError) -> ClusterConnection {
    if let config = try load(explicitPath: explicitPath) {
      return try config.connection(overrides)
    }
    let inCluster = InClusterConfig(
      environment: environment, directory: serviceAccountDirectory)
    if inCluster.isAvailable {
      var connection = try inCluster.connection()
      if let namespace = overrides.namespace { connection.namespace = namespace }
      return connection
    }
    let searched =
      environment["KUBECONFIG"].flatMap { $0.isEmpty ? nil : "KUBECONFIG=\($0)" }
      ?? "\(home)/.kube/config"
    throw KubeconfigError(
      .noConfiguration,
      "no kubeconfig was found (looked in \(searched)) and this is not a pod with a service "
        + "account; pass --kubeconfig FILE, set KUBECONFIG, or run with --demo for the "
        + "built-in simulated cluster")
  }
}

/// The service-account configuration a pod gets, read from its environment and files.
public struct InClusterConfig: Sendable {
  /// Where Kubernetes mounts the service account.
  public static let defaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

  public var environment: [String: String]
  public var directory: String

  public init(environment: [String: String], directory: String = Self.defaultDirectory) {
    self.environment = environment
    self.directory = directory
  }

  /// Whether the environment describes a pod's API server.
  public var isAvailable: Bool {
    !(environment["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty
      && !(environment["KUBERNETES_SERVICE_PORT"] ?? "").isEmpty
  }

  /// The connection: `https://HOST:PORT`, the account's token file, CA and namespace.
  public func connection() throws(KubeconfigError) -> ClusterConnection {
    guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
      let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
    else {
      throw KubeconfigError(
        .noConfiguration,
        "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and "
          + "KUBERNETES_SERVICE_PORT must be defined")
    }
    let bracketed = host.contains(":") ? "[\(host)]" : host
    let tokenPath = "\(directory)/token"
    guard FileManager.default.isReadableFile(atPath: tokenPath) else {
      throw KubeconfigError(
        .unreadable, "open \(tokenPath): no such file or directory", file: tokenPath,
        context: "in-cluster")
    }
    let namespace =
      environment["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
      ?? FileManager.default.contents(atPath: "\(directory)/namespace").map {
        String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      }.flatMap { $0.isEmpty ? nil : $0 }
      ?? "default"
    var connection = ClusterConnection(
      contextName: "in-cluster", clusterName: "in-cluster", userName: "service-account",
      namespace: namespace, server: "https://\(bracketed):\(port)")
    connection.credentials = .tokenFile(tokenPath)
    if let ca = FileManager.default.contents(atPath: "\(directory)/ca.crt") {
      connection.tls.certificateAuthority = Array(ca)
    }
    return connection
  }
}
