import BatchdeckSync
import BatchdeckView
import Foundation
import KubeClient
import Logging

/// Why the dashboard has no cluster to watch, in words for the command line.
struct ClusterSourceError: Error, CustomStringConvertible {
  var description: String
}

/// The cluster the dashboard watches: the simulated one (`--demo`, `--scenario`) or the
/// kubeconfig's. Chosen and set up before the terminal starts, so problems reach stderr.
enum ClusterSource {
  case demo(DemoCluster)
  case live(LiveCluster)

  /// Sets up the source `options` choose; warnings go to stderr unless `quiet` (the screen
  /// is running: they go to the log only).
  static func make(options: DashboardOptions, logger: Logger, quiet: Bool = false)
    throws(ClusterSourceError) -> ClusterSource
  {
    if options.demo {
      do {
        return .demo(try DemoCluster(options: options, logger: logger))
      } catch {
        throw ClusterSourceError(description: error.description)
      }
    }
    let connection: ClusterConnection
    do {
      connection = try options.cluster.connection()
    } catch {
      throw ClusterSourceError(description: error.description)
    }
    for warning in connection.warnings where !quiet {
      FileHandle.standardError.write(Data("Warning: \(warning)\n".utf8))
    }
    logger.info(
      "watching context \(connection.contextName) at \(connection.serverForLog) as "
        + "\(connection.userName.isEmpty ? "anonymous" : connection.userName)")
    return .live(
      LiveCluster(
        connection: connection, allNamespaces: options.cluster.allNamespaces, logger: logger))
  }

  var watcher: ClusterWatcher {
    switch self {
    case .demo(let demo): demo.watcher
    case .live(let live): live.watcher
    }
  }

  var logs: LogFollower {
    switch self {
    case .demo(let demo): demo.logs
    case .live(let live): live.logs
    }
  }

  var actions: ActionRunner {
    switch self {
    case .demo(let demo): demo.actions
    case .live(let live): live.actions
    }
  }

  var views: DetailFeeds {
    switch self {
    case .demo(let demo): demo.views
    case .live(let live): live.views
    }
  }

  var context: DashboardContext {
    switch self {
    case .demo(let demo): demo.context
    case .live(let live): live.context
    }
  }

  var now: @Sendable () -> Date {
    switch self {
    case .demo(let demo): demo.now
    case .live(let live): live.now
    }
  }

  func start() {
    switch self {
    case .demo(let demo): demo.start()
    case .live(let live): live.start()
    }
  }

  func stop() {
    switch self {
    case .demo(let demo): demo.stop()
    case .live(let live): live.stop()
    }
  }
}
