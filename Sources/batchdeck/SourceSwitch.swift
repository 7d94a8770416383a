import BatchdeckModel
import Foundation
import KubeClient
import Logging

extension ClusterSource {
  /// What the pickers need to know of this source: the namespace it watches and the
  /// kubeconfig's contexts (the simulated cluster watches all and has one context).
  func watchScope(options: DashboardOptions) -> WatchScope {
    switch self {
    case .demo(let demo):
      return WatchScope(
        watchedNamespace: nil, contexts: [demo.context.context],
        contextNote: "the simulated cluster has one context (\(demo.context.context))")
    case .live(let live):
      let config = try? KubeconfigLoader().load(explicitPath: options.cluster.kubeconfig)
      return WatchScope(
        watchedNamespace: live.namespace, contexts: config?.contextNames ?? [])
    }
  }
}

/// Replaces the live source when the user picks another context, or a namespace the source
/// does not watch. A source that cannot be set up (a broken context, say) leaves the old one
/// running and says why on the footer.
enum SourceSwitch {
  static func perform(
    _ request: NavigationRequest, source: inout ClusterSource, options: inout DashboardOptions,
    state: inout DashboardState, logger: Logger
  ) {
    var next = options
    switch request {
    case .switchContext(let name):
      next.cluster.context = name
      next.cluster.namespace = nil
    case .switchNamespace(.all):
      next.cluster.allNamespaces = true
      next.cluster.namespace = nil
    case .switchNamespace(.named(let name)):
      next.cluster.allNamespaces = false
      next.cluster.namespace = name
    }
    let replacement: ClusterSource
    do {
      replacement = try ClusterSource.make(options: next, logger: logger, quiet: true)
    } catch {
      logger.warning("could not switch: \(error)")
      if case .switchNamespace = request { state.navigation.namespace = nil }
      state.flash = Flash("could not switch: \(error)", level: .error, now: Date())
      return
    }
    source.stop()
    source = replacement
    source.start()
    options = next
    logger.info(
      "now watching context \(source.context.context), namespace \(source.context.namespace)")
    if case .switchContext = request {
      state.forgetSelection()
      state.navigation.namespace = nil
      state.flash = Flash(
        "switched to context \(source.context.context)", level: .info, now: Date())
    }
  }
}
