import Foundation
import Testing

@testable import KubeClient

@Suite struct KubeconfigTests {
  static let base = """
    apiVersion: v1
    kind: Config
    current-context: dev
    clusters:
    - name: dev-cluster
      cluster:
        server: https://127.0.0.1:6443/
    contexts:
    - name: dev
      context: {cluster: dev-cluster, user: alice, namespace: team-a}
    users:
    - name: alice
      user:
        token: secret-token

    """

  @Test func resolvesTokenContextAndNamespace() throws {
    let connection = try resolve(Self.base)
    #expect(connection.server == "https://127.0.0.1:6443")
    #expect(connection.contextName == "dev")
    #expect(connection.clusterName == "dev-cluster")
    #expect(connection.userName == "alice")
    #expect(connection.namespace == "team-a")
    #expect(connection.credentials == .token("secret-token"))
  }

  @Test func serverForLogDropsUserAndPath() {
    var connection = ClusterConnection(
      contextName: "c", clusterName: "k", userName: "u", namespace: "default",
      server: "https://ops:hunter2@10.0.0.9:6443/sim-abc123")
    #expect(connection.serverForLog == "https://10.0.0.9:6443")
    connection.server = "http://example.test"
    #expect(connection.serverForLog == "http://example.test")
  }

  @Test func readsJSON() throws {
    let json = """
      {"apiVersion": "v1", "kind": "Config", "current-context": "c",
       "clusters": [{"name": "k", "cluster": {"server": "http://127.0.0.1:8080"}}],
       "contexts": [{"name": "c", "context": {"cluster": "k", "user": "u"}}],
       "users": [{"name": "u", "user": {"username": "bob", "password": "pw"}}]}
      """
    let connection = try resolve(json, path: "/tmp/config.json")
    #expect(connection.namespace == "default")
    #expect(connection.credentials == .basic(username: "bob", password: "pw"))
  }

  @Test func missingContextNamesFileAndChoices() {
    let error = kubeconfigError { _ = try resolve(Self.base, context: "prod") }
    #expect(
      error?.description
        == "/home/dev/.kube/config: --context: context \"prod\" does not exist")
  }

  @Test func missingClusterAndUserNameTheContextField() {
    let noCluster = Self.base.replacingOccurrences(of: "cluster: dev-cluster,", with: "cluster: x,")
    #expect(
      kubeconfigError { _ = try resolve(noCluster) }?.description
        == "/home/dev/.kube/config:10: context \"dev\": contexts[dev].context.cluster: "
        + "cluster \"x\" was not found for context \"dev\"")
    let noUser = Self.base.replacingOccurrences(of: "user: alice,", with: "user: carol,")
    #expect(
      kubeconfigError { _ = try resolve(noUser) }?.description
        == "/home/dev/.kube/config:10: context \"dev\": contexts[dev].context.user: "
        + "user \"carol\" was not found for context \"dev\"")
  }

  @Test func tokenAndBasicTogetherIsRefused() {
    let both = Self.base + "    username: a\n    password: b\n"
    #expect(
      kubeconfigError { _ = try resolve(both) }?.message
        == "more than one authentication method found for alice; found [token basicAuth], "
        + "only one is allowed")
  }

  @Test func insecureWarnsAndIsRefusedWithCA() throws {
    let insecure = Self.base.replacingOccurrences(
      of: "server: https://127.0.0.1:6443/",
      with: "server: https://127.0.0.1:6443/\n    insecure-skip-tls-verify: true")
    let connection = try resolve(insecure)
    #expect(connection.tls.insecureSkipVerify)
    #expect(
      connection.warnings == [
        "cluster \"dev-cluster\" has insecure-skip-tls-verify: the server's certificate is not "
          + "checked and the connection can be intercepted"
      ])
    let withCA = insecure.replacingOccurrences(
      of: "insecure-skip-tls-verify: true",
      with: "insecure-skip-tls-verify: true\n    certificate-authority-data: QUJD")
    #expect(
      kubeconfigError { _ = try resolve(withCA) }?.description
        == "/home/dev/.kube/config:8: context \"dev\": "
        + "clusters[dev-cluster].cluster.insecure-skip-tls-verify: specifying a root "
        + "certificates file with the insecure flag is not allowed; remove "
        + "insecure-skip-tls-verify or the certificate authority")
  }

  @Test func certificateWithoutKeyAndPathPlusData() {
    let certOnly = Self.base.replacingOccurrences(
      of: "token: secret-token", with: "client-certificate-data: QUJD")
    #expect(
      kubeconfigError { _ = try resolve(certOnly) }?.message
        == "client-key-data or client-key must be specified for alice to use the clientCert "
        + "authentication method")
    let both = Self.base.replacingOccurrences(
      of: "server: https://127.0.0.1:6443/",
      with: "server: https://x:1\n    certificate-authority: ca.crt\n"
        + "    certificate-authority-data: QUJD")
    #expect(
      kubeconfigError { _ = try resolve(both) }?.message
        == "certificate-authority-data and certificate-authority are both specified for "
        + "dev-cluster; keep one")
  }

  @Test func filesResolveRelativeToTheirKubeconfig() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    try folder.write("kube/pki/ca.crt", "CA PEM")
    try folder.write("kube/pki/c.crt", "CERT PEM")
    try folder.write("kube/pki/c.key", "KEY PEM")
    try folder.write("kube/token", "file-token\n")
    let text = """
      current-context: a
      clusters:
      - {name: k, cluster: {server: "https://127.0.0.1:1", certificate-authority: pki/ca.crt}}
      contexts:
      - {name: a, context: {cluster: k, user: cert}}
      - {name: b, context: {cluster: k, user: tok}}
      users:
      - {name: cert, user: {client-certificate: pki/c.crt, client-key: pki/c.key}}
      - {name: tok, user: {tokenFile: token, token: ignored}}
      """
    let path = try folder.write("kube/config", text)
    let config = try KubeconfigParser.load(path: path)
    let cert = try config.connection()
    #expect(cert.tls.certificateAuthority == Array("CA PEM".utf8))
    #expect(cert.tls.clientCertificate == Array("CERT PEM".utf8))
    #expect(cert.tls.clientKey == Array("KEY PEM".utf8))
    let token = try config.connection(KubeconfigOverrides(context: "b"))
    #expect(token.credentials == .tokenFile("\(folder.path)/kube/token"))
  }

  @Test func unreadableCAShowsTheResolvedPath() {
    let text = Self.base.replacingOccurrences(
      of: "server: https://127.0.0.1:6443/",
      with: "server: https://x:1\n    certificate-authority: minikube/ca.crt")
    #expect(
      kubeconfigError { _ = try resolve(text) }?.description
        == "/home/dev/.kube/config:8: context \"dev\": "
        + "clusters[dev-cluster].cluster.certificate-authority: unable to read "
        + "certificate-authority: open /home/dev/.kube/minikube/ca.crt: no such file or directory")
  }

  @Test func execPluginValidation() {
    func exec(_ lines: String) -> String {
      Self.base.replacingOccurrences(of: "token: secret-token", with: "exec:\n" + lines)
    }
    let v1NoMode = exec("        apiVersion: client.authentication.k8s.io/v1\n        command: x")
    #expect(
      kubeconfigError { _ = try resolve(v1NoMode) }?.message
        == "interactiveMode must be specified for alice to use exec authentication plugin")
    let badMode = exec(
      "        apiVersion: client.authentication.k8s.io/v1beta1\n        command: x\n"
        + "        interactiveMode: Sometimes")
    #expect(
      kubeconfigError { _ = try resolve(badMode) }?.message
        == "invalid interactiveMode for alice: \"Sometimes\" (use Never, IfAvailable or Always)")
    let noCommand = exec("        apiVersion: client.authentication.k8s.io/v1beta1")
    #expect(
      kubeconfigError { _ = try resolve(noCommand) }?.message
        == "command must be specified for alice to use exec authentication plugin")
  }

  @Test func syntaxAndTypeErrorsNameTheLine() {
    #expect(kubeconfigError { _ = try resolve("clusters: [\n") }?.kind == .syntax)
    let wrongType = Self.base.replacingOccurrences(
      of: "server: https://127.0.0.1:6443/", with: "server: [a, b]")
    #expect(
      kubeconfigError { _ = try resolve(wrongType) }?.description
        == "/home/dev/.kube/config:7: clusters[dev-cluster].cluster.server: expected a string")
  }

  @Test func badNamespaceAndMissingServer() {
    let badNamespace = Self.base.replacingOccurrences(
      of: "namespace: team-a", with: "namespace: Team_A")
    #expect(
      kubeconfigError { _ = try resolve(badNamespace) }?.message
        == "namespace \"Team_A\" is not a valid DNS label")
    let noServer = Self.base.replacingOccurrences(
      of: "server: https://127.0.0.1:6443/", with: "tls-server-name: api")
    #expect(
      kubeconfigError { _ = try resolve(noServer) }?.message == "cluster has no server defined")
  }

  @Test func loaderOrderAndInCluster() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    let empty = KubeconfigLoader(
      environment: [:], home: folder.path,
      serviceAccountDirectory: folder.path + "/sa")
    let none = kubeconfigError { _ = try empty.connection(explicitPath: nil) }
    #expect(none?.kind == .noConfiguration)
    #expect(none?.message.contains("--demo") == true)
    let explicit = kubeconfigError { _ = try empty.connection(explicitPath: folder.path + "/no") }
    #expect(explicit?.message == "open \(folder.path)/no: no such file or directory")

    try folder.write("sa/token", "sa-token")
    try folder.write("sa/namespace", "batch\n")
    try folder.write("sa/ca.crt", "SA CA")
    let pod = KubeconfigLoader(
      environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"],
      home: folder.path, serviceAccountDirectory: folder.path + "/sa")
    let connection = try pod.connection(explicitPath: nil)
    #expect(connection.server == "https://[fd00::1]:443")
    #expect(connection.namespace == "batch")
    #expect(connection.credentials == .tokenFile(folder.path + "/sa/token"))
    #expect(connection.tls.certificateAuthority == Array("SA CA".utf8))

    try folder.write(".kube/config", Self.base)
    #expect(try pod.connection(explicitPath: nil).contextName == "dev")
  }
}
