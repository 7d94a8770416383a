import Foundation
import KubeClient

/// `--kubeconfig`, `--context`, `-n` and `-A`: which cluster, user and namespaces to read.
struct ClusterOptions {
  var kubeconfig: String?
  var context: String?
  var namespace: String?
  var allNamespaces = false

  /// Takes the flag at the head of `remaining` when it is one of these; `false` otherwise.
  mutating func take(_ flag: String, from remaining: inout ArraySlice<String>)
    throws(UsageError) -> Bool
  {
    func value() throws(UsageError) -> String {
      guard let next = remaining.popFirst(), !next.hasPrefix("-") || next == "-" else {
        throw UsageError(message: "\(flag) needs a value")
      }
      return next
    }
    switch flag {
    case "--kubeconfig": kubeconfig = try value()
    case "--context": context = try value()
    case "-n", "--namespace": namespace = try value()
    case "-A", "--all-namespaces": allNamespaces = true
    default: return false
    }
    return true
  }

  /// The connection these options choose.
  func connection() throws(KubeconfigError) -> ClusterConnection {
    try KubeconfigLoader().connection(
      explicitPath: kubeconfig,
      overrides: KubeconfigOverrides(context: context, namespace: namespace))
  }

  /// The namespace to read, `nil` for all.
  func scope(in connection: ClusterConnection) -> String? {
    allNamespaces ? nil : connection.namespace
  }
}
