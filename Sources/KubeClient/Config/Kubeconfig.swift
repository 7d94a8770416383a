import APIMachinery

/// Where an entry of a kubeconfig came from, for messages.
public struct KubeconfigOrigin: Sendable, Equatable {
  /// The file that defined the entry.
  public var file: String
  /// The line of the entry's `name` in that file.
  public var line: Int
  /// Lines of the entry's fields, keyed by the field's name (such as `server`).
  public var fieldLines: [String: Int]

  public init(file: String, line: Int, fieldLines: [String: Int] = [:]) {
    self.file = file
    self.line = line
    self.fieldLines = fieldLines
  }

  func line(of field: String) -> Int { fieldLines[field] ?? line }
}

/// One `clusters[]` entry. Paths are already resolved against the defining file's folder.
public struct KubeconfigCluster: Sendable, Equatable {
  public var server = ""
  public var certificateAuthority: String?
  /// The base64 text as written; decoded when a context using it is resolved.
  public var certificateAuthorityData: String?
  public var insecureSkipTLSVerify = false
  public var tlsServerName: String?
  public var proxyURL: String?
  public var disableCompression = false
  /// The `client.authentication.k8s.io/exec` extension, handed to exec plugins.
  public var execExtension: JSONValue?

  public init() {}
}

/// One environment variable for an exec plugin.
public struct ExecEnvVar: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A `users[].user.exec` credential plugin.
public struct ExecConfig: Sendable, Equatable {
  public var apiVersion = ""
  /// The command: an absolute path when it had a path separator, else a name looked up in PATH.
  public var command = ""
  public var args: [String] = []
  public var env: [ExecEnvVar] = []
  public var installHint: String?
  public var provideClusterInfo = false
  /// `Never`, `IfAvailable` or `Always`; `nil` when unset.
  public var interactiveMode: String?

  public init() {}
}

/// A legacy `users[].user.auth-provider` entry.
public struct AuthProviderConfig: Sendable, Equatable {
  public var name: String
  public var config: [String: String]

  public init(name: String, config: [String: String]) {
    self.name = name
    self.config = config
  }
}

/// One `users[]` entry. Paths are already resolved against the defining file's folder.
public struct KubeconfigUser: Sendable, Equatable {
  public var token: String?
  public var tokenFile: String?
  public var clientCertificate: String?
  public var clientCertificateData: String?
  public var clientKey: String?
  public var clientKeyData: String?
  public var username: String?
  public var password: String?
  public var exec: ExecConfig?
  public var authProvider: AuthProviderConfig?

  public init() {}
}

/// One `contexts[]` entry.
public struct KubeconfigContext: Sendable, Equatable {
  public var cluster = ""
  public var user = ""
  public var namespace: String?

  public init() {}
}

/// A named entry with where it was defined.
public struct KubeconfigEntry<Value: Sendable & Equatable>: Sendable, Equatable {
  public var name: String
  public var value: Value
  public var origin: KubeconfigOrigin

  public init(name: String, value: Value, origin: KubeconfigOrigin) {
    self.name = name
    self.value = value
    self.origin = origin
  }
}

/// One or more kubeconfig files merged as kubectl merges them: the first file that defines a
/// name wins and its entry is taken whole; the first non-empty `current-context` wins.
public struct Kubeconfig: Sendable, Equatable {
  /// The files read, in order.
  public var files: [String] = []
  public var currentContext: String?
  /// The file that set `current-context`.
  public var currentContextOrigin: KubeconfigOrigin?
  /// Entries in the order they were first defined.
  public var clusters: [KubeconfigEntry<KubeconfigCluster>] = []
  public var users: [KubeconfigEntry<KubeconfigUser>] = []
  public var contexts: [KubeconfigEntry<KubeconfigContext>] = []

  public init() {}

  /// The context names, in the order they were first defined.
  public var contextNames: [String] { contexts.map(\.name) }

  public func cluster(_ name: String) -> KubeconfigEntry<KubeconfigCluster>? {
    clusters.first { $0.name == name }
  }

  public func user(_ name: String) -> KubeconfigEntry<KubeconfigUser>? {
    users.first { $0.name == name }
  }

  public func context(_ name: String) -> KubeconfigEntry<KubeconfigContext>? {
    contexts.first { $0.name == name }
  }

  /// Adds a later file's entries: names already present are kept whole.
  public mutating func merge(_ other: Kubeconfig) {
    files.append(contentsOf: other.files)
    if currentContext?.isEmpty ?? true, let next = other.currentContext, !next.isEmpty {
      currentContext = next
      currentContextOrigin = other.currentContextOrigin
    }
    for entry in other.clusters where cluster(entry.name) == nil { clusters.append(entry) }
    for entry in other.users where user(entry.name) == nil { users.append(entry) }
    for entry in other.contexts where context(entry.name) == nil { contexts.append(entry) }
  }
}
