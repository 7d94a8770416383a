import BatchdeckSync
import BatchdeckView
import ClusterSimulator
import Foundation
import KubeClient
import KubeYAML
import Logging

/// Why the simulated cluster could not be set up, in words for the command line.
struct DemoClusterError: Error, CustomStringConvertible {
  var description: String
}

/// The built-in simulated cluster with the watchers that feed the dashboard from it, over the
/// same request and response path a real API server would get.
final class DemoCluster: Sendable {
  let simulator: Simulator
  let watcher: ClusterWatcher
  let logs: LogFollower
  let actions: ActionRunner
  let views: DetailFeeds
  let context: DashboardContext

  init(options: DashboardOptions, logger: Logger) throws(DemoClusterError) {
    let clock = VirtualClock(start: options.clockStart ?? Date(), speed: options.speed)
    simulator = Simulator(clock: clock, logger: logger.labeled("sim"))
    let source: String
    if let path = options.scenarioPath {
      try Self.loadScenario(path: path, into: simulator)
      source = URL(fileURLWithPath: path).lastPathComponent
      logger.info("loaded scenario \(path)")
    } else {
      do {
        try simulator.loadDemoScenario()
      } catch {
        throw DemoClusterError(description: "the demo scenario did not load: \(error)")
      }
      source = "demo"
    }

    let api = KubeAPI(transport: simulator.transport)
    watcher = ClusterWatcher(api: api, logger: logger.labeled("sync"), clock: { clock.now })
    logs = LogFollower(api: api, logger: logger.labeled("logs"))
    actions = ActionRunner(api: api, logger: logger.labeled("actions"))
    views = DetailFeeds(api: api, logger: logger)
    let speed =
      options.speed == options.speed.rounded() ? String(Int(options.speed)) : "\(options.speed)"
    context = DashboardContext(
      cluster: "\(source) (simulated)", context: "batchdeck-sim", namespace: "all",
      clockNote: "×\(speed)")
  }

  /// The cluster's current (virtual) time.
  var now: @Sendable () -> Date {
    let clock = simulator.clock
    return { clock.now }
  }

  func start() {
    simulator.start()
    watcher.start()
  }

  func stop() {
    views.close()
    logs.stop()
    watcher.stop()
    simulator.stop()
  }

  private static func loadScenario(path: String, into simulator: Simulator)
    throws(DemoClusterError)
  {
    let manifests: [Manifest]
    do {
      manifests = try ManifestLoader().load(path: path)
    } catch {
      throw DemoClusterError(description: "\(error)")
    }
    guard !manifests.isEmpty else {
      throw DemoClusterError(description: "\(path) holds no Kubernetes objects")
    }
    do {
      try simulator.load(objects: manifests.map(\.object))
    } catch {
      throw DemoClusterError(description: "the scenario was refused: \(error)")
    }
  }
}
