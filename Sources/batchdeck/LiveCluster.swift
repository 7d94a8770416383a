import BatchdeckSync
import BatchdeckView
import Foundation
import KubeClient
import Logging

/// A real cluster from the kubeconfig (or the pod's service account), with the watchers that
/// feed the dashboard from it. Nothing here touches the network until `start`.
final class LiveCluster: Sendable {
  let watcher: ClusterWatcher
  let logs: LogFollower
  let actions: ActionRunner
  let views: DetailFeeds
  let context: DashboardContext
  let connection: ClusterConnection
  /// The namespace watched; `nil` for all.
  let namespace: String?

  init(connection: ClusterConnection, allNamespaces: Bool, logger: Logger) {
    self.connection = connection
    let transport = CurlTransport(connection: connection, logger: logger.labeled("http"))
    // An interactive exec plugin gets the terminal now, before the screen owns it.
    if let failure = transport.exec?.prepareBeforeScreen() {
      logger.warning("the exec plugin failed before the dashboard started: \(failure)")
    }
    transport.exec?.releaseTerminal()
    let api = KubeAPI(transport: transport)
    let namespace = allNamespaces ? nil : connection.namespace
    self.namespace = namespace
    watcher = ClusterWatcher(api: api, namespace: namespace, logger: logger.labeled("sync"))
    logs = LogFollower(api: api, logger: logger.labeled("logs"))
    actions = ActionRunner(api: api, logger: logger.labeled("actions"))
    views = DetailFeeds(api: api, logger: logger)
    context = DashboardContext(
      cluster: connection.clusterName, context: connection.contextName,
      namespace: namespace ?? "all", user: connection.userName)
    for warning in connection.warnings { logger.warning(warning) }
  }

  var now: @Sendable () -> Date { { Date() } }

  func start() { watcher.start() }

  func stop() {
    views.close()
    logs.stop()
    watcher.stop()
  }
}
