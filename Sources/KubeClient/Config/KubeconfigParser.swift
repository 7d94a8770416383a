import APIMachinery
import Foundation
import KubeYAML

/// Reads one kubeconfig file (YAML or JSON) into a `Kubeconfig`, resolving relative paths
/// against the file's folder. Unknown fields are ignored; a field of the wrong type is an error
/// that names the file, line and field.
public enum KubeconfigParser {
  /// Reads and parses the file at `path`.
  public static func load(path: String) throws(KubeconfigError) -> Kubeconfig {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason =
        FileManager.default.fileExists(atPath: path)
        ? "permission denied" : "no such file or directory"
      throw KubeconfigError(.unreadable, "open \(path): \(reason)", file: path)
    }
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Parses kubeconfig text that was read from `path` (used for messages and relative paths).
  public static func parse(_ text: String, path: String) throws(KubeconfigError) -> Kubeconfig {
    let documents: [YAMLDocument]
    do {
      documents = try YAMLParser().parse(text, file: path)
    } catch {
      throw KubeconfigError(
        .syntax, error.reason, file: path, line: error.line > 0 ? error.line : nil)
    }
    var config = Kubeconfig()
    config.files = [path]
    guard let document = documents.first else { return config }
    var reader = Reader(document: document, file: path)
    try reader.read(into: &config)
    return config
  }

  /// Resolves `value` against the folder of `file`, as kubectl does; absolute paths stay.
  static func resolve(_ value: String, relativeTo file: String) -> String {
    guard !value.isEmpty, !value.hasPrefix("/") else { return value }
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
    return folder.appendingPathComponent(value).standardized.path
  }
}

/// Walks one document, field by field, with the path kept for messages.
private struct Reader {
  let document: YAMLDocument
  let file: String

  func fail(_ path: [String], _ field: String, _ message: String) -> KubeconfigError {
    KubeconfigError(
      .syntax, message, file: file, line: document.line(at: path), field: field)
  }

  func string(_ value: JSONValue?, _ path: [String], _ field: String) throws(KubeconfigError)
    -> String?
  {
    switch value {
    case nil, .null?: return nil
    case .string(let text)?: return text
    case .int(let number)?: return String(number)
    case .bool(let flag)?: return String(flag)
    default: throw fail(path, field, "expected a string")
    }
  }

  func bool(_ value: JSONValue?, _ path: [String], _ field: String) throws(KubeconfigError)
    -> Bool
  {
    switch value {
    case nil, .null?: return false
    case .bool(let flag)?: return flag
    case .string("true")?: return true
    case .string("false")?: return false
    default: throw fail(path, field, "expected true or false")
    }
  }

  func list(_ key: String) throws(KubeconfigError) -> [JSONValue] {
    switch document.value[key] {
    case nil, .null?: return []
    case .array(let items)?: return items
    default: throw fail([key], key, "expected a list")
    }
  }

  func origin(_ path: [String], fields: [String: JSONValue]?) -> KubeconfigOrigin {
    var lines: [String: Int] = [:]
    for key in fields?.keys ?? [:].keys { lines[key] = document.line(at: path + [key]) }
    return KubeconfigOrigin(file: file, line: document.line(at: path), fieldLines: lines)
  }

  mutating func read(into config: inout Kubeconfig) throws(KubeconfigError) {
    guard document.value.objectValue != nil else {
      throw fail([], "kubeconfig", "expected a mapping with clusters, users and contexts")
    }
    if let current = try string(
      document.value["current-context"], ["current-context"],
      "current-context"), !current.isEmpty
    {
      config.currentContext = current
      config.currentContextOrigin = KubeconfigOrigin(
        file: file, line: document.line(at: ["current-context"]))
    }
    for (index, item) in try list("clusters").enumerated() {
      let (name, body, path) = try named(item, list: "clusters", key: "cluster", index: index)
      guard config.cluster(name) == nil else { continue }
      let cluster = try readCluster(body, path: path, label: "clusters[\(name)].cluster")
      config.clusters.append(
        KubeconfigEntry(name: name, value: cluster, origin: origin(path, fields: body)))
    }
    for (index, item) in try list("users").enumerated() {
      let (name, body, path) = try named(item, list: "users", key: "user", index: index)
      guard config.user(name) == nil else { continue }
      let user = try readUser(body, path: path, label: "users[\(name)].user")
      config.users.append(
        KubeconfigEntry(name: name, value: user, origin: origin(path, fields: body)))
    }
    for (index, item) in try list("contexts").enumerated() {
      let (name, body, path) = try named(item, list: "contexts", key: "context", index: index)
      guard config.context(name) == nil else { continue }
      var context = KubeconfigContext()
      let label = "contexts[\(name)].context"
      context.cluster = try string(body?["cluster"], path + ["cluster"], label + ".cluster") ?? ""
      context.user = try string(body?["user"], path + ["user"], label + ".user") ?? ""
      context.namespace = try string(
        body?["namespace"], path + ["namespace"], label + ".namespace")
      config.contexts.append(
        KubeconfigEntry(name: name, value: context, origin: origin(path, fields: body)))
    }
  }

  func named(_ item: JSONValue, list: String, key: String, index: Int) throws(KubeconfigError)
    -> (String, [String: JSONValue]?, [String])
  {
    let path = [list, String(index)]
    guard item.objectValue != nil else {
      throw fail(path, "\(list)[\(index)]", "expected a mapping with name and \(key)")
    }
    let name = try string(item["name"], path + ["name"], "\(list)[\(index)].name") ?? ""
    guard !name.isEmpty else { throw fail(path, "\(list)[\(index)].name", "the name is empty") }
    switch item[key] {
    case nil, .null?: return (name, nil, path + [key])
    case .object(let body)?: return (name, body, path + [key])
    default: throw fail(path + [key], "\(list)[\(name)].\(key)", "expected a mapping")
    }
  }

  func readCluster(_ body: [String: JSONValue]?, path: [String], label: String)
    throws(KubeconfigError) -> KubeconfigCluster
  {
    var cluster = KubeconfigCluster()
    func text(_ key: String) throws(KubeconfigError) -> String? {
      try string(body?[key], path + [key], "\(label).\(key)")
    }
    cluster.server = try text("server") ?? ""
    cluster.certificateAuthority = try text("certificate-authority").map {
      KubeconfigParser.resolve($0, relativeTo: file)
    }
    cluster.certificateAuthorityData = try text("certificate-authority-data")
    cluster.insecureSkipTLSVerify = try bool(
      body?["insecure-skip-tls-verify"], path + ["insecure-skip-tls-verify"],
      "\(label).insecure-skip-tls-verify")
    cluster.tlsServerName = try text("tls-server-name")
    cluster.proxyURL = try text("proxy-url")
    cluster.disableCompression = try bool(
      body?["disable-compression"], path + ["disable-compression"], "\(label).disable-compression")
    for extensionEntry in body?["extensions"]?.arrayValue ?? []
    where extensionEntry["name"]?.stringValue == "client.authentication.k8s.io/exec" {
      cluster.execExtension = extensionEntry["extension"]
    }
    return cluster
  }

  func readUser(_ body: [String: JSONValue]?, path: [String], label: String)
    throws(KubeconfigError) -> KubeconfigUser
  {
    var user = KubeconfigUser()
    func text(_ key: String) throws(KubeconfigError) -> String? {
      try string(body?[key], path + [key], "\(label).\(key)")
    }
    func filePath(_ key: String) throws(KubeconfigError) -> String? {
      try text(key).map { KubeconfigParser.resolve($0, relativeTo: file) }
    }
    user.token = try text("token")
    user.tokenFile = try filePath("tokenFile")
    user.clientCertificate = try filePath("client-certificate")
    user.clientCertificateData = try text("client-certificate-data")
    user.clientKey = try filePath("client-key")
    user.clientKeyData = try text("client-key-data")
    user.username = try text("username")
    user.password = try text("password")
    if let provider = body?["auth-provider"], !provider.isNull {
      let name =
        try string(
          provider["name"], path + ["auth-provider", "name"],
          "\(label).auth-provider.name") ?? ""
      let settings = provider["config"]?.objectValue ?? [:]
      user.authProvider = AuthProviderConfig(
        name: name, config: settings.compactMapValues(\.stringValue))
    }
    if let exec = body?["exec"], !exec.isNull {
      user.exec = try readExec(exec, path: path + ["exec"], label: "\(label).exec")
    }
    return user
  }

  func readExec(_ body: JSONValue, path: [String], label: String) throws(KubeconfigError)
    -> ExecConfig
  {
    var exec = ExecConfig()
    func text(_ key: String) throws(KubeconfigError) -> String? {
      try string(body[key], path + [key], "\(label).\(key)")
    }
    exec.apiVersion = try text("apiVersion") ?? ""
    let command = try text("command") ?? ""
    exec.command =
      command.contains("/") ? KubeconfigParser.resolve(command, relativeTo: file) : command
    for (index, arg) in (body["args"]?.arrayValue ?? []).enumerated() {
      exec.args.append(
        try string(arg, path + ["args", String(index)], "\(label).args[\(index)]") ?? "")
    }
    for (index, item) in (body["env"]?.arrayValue ?? []).enumerated() {
      let itemPath = path + ["env", String(index)]
      let name = try string(item["name"], itemPath + ["name"], "\(label).env[\(index)].name")
      let value = try string(item["value"], itemPath + ["value"], "\(label).env[\(index)].value")
      exec.env.append(ExecEnvVar(name: name ?? "", value: value ?? ""))
    }
    exec.installHint = try text("installHint")
    exec.provideClusterInfo = try bool(
      body["provideClusterInfo"], path + ["provideClusterInfo"], "\(label).provideClusterInfo")
    exec.interactiveMode = try text("interactiveMode")
    return exec
  }
}
