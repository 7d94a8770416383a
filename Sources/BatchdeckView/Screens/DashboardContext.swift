import Foundation

/// What the header says about the connection: facts the screen does not derive itself.
public struct DashboardContext: Sendable, Hashable {
  public var cluster: String
  public var context: String
  public var namespace: String
  /// `×10` style note for a simulated clock; empty for a real cluster.
  public var clockNote: String
  /// The kubeconfig user; empty when there is none to show (the simulated cluster).
  public var user: String

  public init(
    cluster: String, context: String, namespace: String, clockNote: String = "",
    user: String = ""
  ) {
    self.cluster = cluster
    self.context = context
    self.namespace = namespace
    self.clockNote = clockNote
    self.user = user
  }
}
