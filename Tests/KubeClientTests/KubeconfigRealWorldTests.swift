import Foundation
import Testing

@testable import KubeClient

/// The kubeconfig cases in `../shared/fixtures/realworld/cases/4*-kubeconfig-*`.
@Suite(.enabled(if: SharedFixtures.isAvailable, "../shared fixtures are absent"))
struct KubeconfigRealWorldTests {
  static func text(_ name: String, _ file: String = "input.yaml") throws -> String {
    let data = try #require(SharedFixtures.data("fixtures/realworld/cases/\(name)/\(file)"))
    return String(decoding: data, as: UTF8.self)
  }

  @Test func gkeExecPlugin() throws {
    let connection = try resolve(try Self.text("41-kubeconfig-exec-gke-plugin"))
    #expect(connection.server == "https://203.0.113.17")
    #expect(connection.namespace == "default")
    #expect(connection.tls.certificateAuthority?.starts(with: Array("-----BEGIN".utf8)) == true)
    guard case .exec(let exec) = connection.credentials else {
      Issue.record("expected exec credentials")
      return
    }
    #expect(exec.command == "gke-gcloud-auth-plugin")
    #expect(exec.args.isEmpty && exec.env.isEmpty)
    #expect(exec.interactiveMode == "IfAvailable")
    #expect(exec.provideClusterInfo)
    #expect(
      exec.installHint
        == "Install gke-gcloud-auth-plugin for use with kubectl by following "
        + "https://cloud.google.com/blog/products/containers-kubernetes/kubectl-auth-changes-in-gke"
    )
  }

  @Test func execV1alpha1IsRemoved() throws {
    let text = try Self.text("42-kubeconfig-exec-v1alpha1-removed")
    let config = try KubeconfigParser.parse(text, path: "/home/dev/.kube/config")
    #expect(config.contexts.first?.value.namespace == "payments")
    let exec = config.users.first?.value.exec
    #expect(exec?.env == [ExecEnvVar(name: "AWS_PROFILE", value: "payments-admin")])
    #expect(exec?.args.first == "--region")
    let error = kubeconfigError { _ = try config.connection() }
    #expect(error?.kind == .unsupported)
    #expect(
      error?.message
        == "exec plugin: invalid apiVersion \"client.authentication.k8s.io/v1alpha1\"; change it "
        + "to client.authentication.k8s.io/v1beta1 or client.authentication.k8s.io/v1 (or re-run "
        + "your cloud CLI's update-kubeconfig command)")
    #expect(error?.context == "arn:aws:eks:eu-central-1:111122223333:cluster/payments-prod")
  }

  @Test func severalFilesMerge() throws {
    let folder = try TempFolder()
    defer { folder.remove() }
    let first = try folder.write(
      ".kube/config", try Self.text("44-kubeconfig-multiple-files-merge"))
    let second = try folder.write(
      ".kube/clusters/staging.yaml",
      try Self.text(
        "44-kubeconfig-multiple-files-merge",
        "input-2.yaml"))
    try folder.write(".kube/clusters/ca/staging.crt", "STAGING CA")
    try folder.write(".kube/clusters/tokens/staging.token", "staging-token")
    try folder.write(".kube/clusters/certs/shared.crt", "C")
    try folder.write(".kube/clusters/certs/shared.key", "K")
    let missing = folder.path + "/.kube/missing.yaml"

    let loaderA = KubeconfigLoader(environment: ["KUBECONFIG": "\(first)::\(second):\(missing)"])
    let merged = try #require(try loaderA.load(explicitPath: nil))
    #expect(merged.currentContext == "staging")
    #expect(merged.contextNames == ["prod-ctx", "staging", "dev"])
    #expect(merged.cluster("prod")?.value.server == "https://prod-api.example.test:6443")
    #expect(merged.user("shared-user")?.value.clientCertificate == nil)
    let active = try merged.connection()
    #expect(active.server == "https://staging-api.example.test:6443")
    #expect(active.namespace == "qa")
    #expect(active.tls.certificateAuthority == Array("STAGING CA".utf8))
    #expect(active.credentials == .tokenFile(folder.path + "/.kube/clusters/tokens/staging.token"))

    let loaderB = KubeconfigLoader(environment: ["KUBECONFIG": "\(second):\(first)"])
    let reversed = try #require(try loaderB.load(explicitPath: nil))
    let dev = try reversed.connection()
    #expect(dev.contextName == "dev")
    #expect(dev.tls.clientCertificate == Array("C".utf8))
    #expect(reversed.cluster("prod")?.value.insecureSkipTLSVerify == true)

    let wrong = try folder.write(
      "c.yaml", "current-context: erroneous\n")
    let loaderC = KubeconfigLoader(environment: ["KUBECONFIG": "\(wrong):\(first)"])
    let error = kubeconfigError { _ = try loaderC.connection(explicitPath: nil) }
    #expect(
      error?.description
        == "\(wrong):1: current-context: context was not found for specified context: "
        + "erroneous (contexts here: prod-ctx)")
  }

  @Test func relativePaths() throws {
    let config = try KubeconfigParser.parse(
      try Self.text("45-kubeconfig-relative-cert-paths"), path: "/home/dev/.kube/config")
    #expect(
      config.cluster("minikube")?.value.certificateAuthority == "/home/dev/.kube/minikube/ca.crt")
    #expect(config.user("minikube")?.value.clientCertificate == "/home/dev/certs/dev-client.crt")
    #expect(config.user("minikube")?.value.clientKey == "/etc/dev-keys/dev-client.key")
    #expect(config.user("token-user")?.value.tokenFile == "/home/dev/.kube/tokens/ci.token")
    #expect(config.user("exec-user")?.value.exec?.command == "/home/dev/.kube/bin/fetch-token")
    #expect(
      kubeconfigError { _ = try config.connection() }?.message
        == "unable to read certificate-authority: open /home/dev/.kube/minikube/ca.crt: no such "
        + "file or directory")
  }

  @Test func base64Variants() throws {
    let config = try KubeconfigParser.parse(
      try Self.text("47-kubeconfig-base64-data-variants"), path: "/home/dev/.kube/config")
    let wrapped = try config.connection()
    #expect(wrapped.tls.certificateAuthority?.starts(with: Array("-----BEGIN".utf8)) == true)
    for name in ["placeholder", "pem-not-base64"] {
      let error = kubeconfigError { _ = try config.connection(KubeconfigOverrides(context: name)) }
      #expect(error?.field == "clusters[\(name)].cluster.certificate-authority-data")
      #expect(
        error?.message
          == "decode base64: illegal base64 data at input byte 0 (the value must be base64 of "
          + "the PEM text)")
    }
  }

  @Test func removedAuthProviders() throws {
    let config = try KubeconfigParser.parse(
      try Self.text("49-kubeconfig-gcp-azure-auth-provider-removed"), path: "/k/config")
    #expect(config.contextNames == ["gke-legacy", "aks-legacy", "oidc"])
    let gcp = kubeconfigError { _ = try config.connection() }
    #expect(gcp?.message.hasPrefix("The gcp auth plugin has been removed.") == true)
    #expect(gcp?.message.contains("gke-gcloud-auth-plugin") == true)
    let azure = kubeconfigError {
      _ = try config.connection(KubeconfigOverrides(context: "aks-legacy"))
    }
    #expect(azure?.message.hasPrefix("The azure auth plugin has been removed.") == true)
    #expect(azure?.field == "users[aks-legacy-user].user.auth-provider.name")
    let oidc = try config.connection(KubeconfigOverrides(context: "oidc"))
    guard case .oidc(let settings) = oidc.credentials else {
      Issue.record("oidc credentials expected, got \(oidc.credentials)")
      return
    }
    #expect(settings.idToken == "placeholder.jwt.token")
    #expect(settings.refreshToken == "placeholder-refresh")
    #expect(settings.issuerURL == "https://sso.example.test")
  }
}
