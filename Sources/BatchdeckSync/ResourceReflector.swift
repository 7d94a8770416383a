import APIMachinery
import Foundation
import KubeClient
import Logging

/// What a reflector learned from the server.
public enum ReflectorUpdate: Sendable {
  /// A complete list in one page: everything not in it is gone.
  case replaced([JSONValue])
  /// One page of a list served in several, handed on as it arrives so its JSON can be decoded
  /// and dropped: `isFirst` starts a new list (dropping the pages of one that broke off), and
  /// at `isLast` the pages together are the complete list, as with `replaced`.
  case listPage([JSONValue], isFirst: Bool, isLast: Bool)
  case upserted(JSONValue)
  case deleted(JSONValue)
  /// The watch is alive and nothing changed (a bookmark arrived).
  case stillCurrent
  /// The source failed; its last good data stays.
  case failed(String)
}

/// Keeps one resource in sync: list, then watch from the list's resource version, resuming
/// from the last version seen, re-listing on 410, reconnecting with back-off. Where the server
/// refuses to watch (403 or 405), it lists again every `pollInterval` instead, and every
/// `watchRetryPolls` polls tries to watch again (from the last list's version), so a watch
/// allowed later (RBAC fixed, a proxy changed) is used again. A 429 or 503 with `Retry-After`
/// waits at least that long.
public final class ResourceReflector: Sendable {
  private let api: KubeAPI
  private let resource: APIResource
  private let namespace: String?
  private let logger: Logger
  private let pollInterval: Double
  private let watchRetryPolls: Int
  private let onUpdate: @Sendable (ReflectorUpdate) -> Void

  public init(
    api: KubeAPI, resource: APIResource, namespace: String?, logger: Logger,
    pollInterval: Double = 10, watchRetryPolls: Int = 6,
    onUpdate: @escaping @Sendable (ReflectorUpdate) -> Void
  ) {
    self.watchRetryPolls = max(1, watchRetryPolls)
    self.api = api
    self.resource = resource
    self.namespace = namespace
    self.logger = logger
    self.pollInterval = pollInterval
    self.onUpdate = onUpdate
  }

  /// Runs until `cancellation` is set. Blocks: call on a thread of its own.
  public func run(cancellation: CancellationToken) {
    var backoff = Backoff(seed: UInt64(truncatingIfNeeded: resource.rawValue.hashValue))
    var resourceVersion: String?
    var polling = false
    var polls = 0
    var groupVersion: String?
    while !cancellation.isCancelled {
      do throws(KubeError) {
        if polling {
          let summary = try listInPages(cancellation: cancellation)
          backoff.reset()
          polls += 1
          guard polls >= watchRetryPolls else {
            Self.sleep(seconds: pollInterval, unless: cancellation)
            continue
          }
          logger.info("\(resource.rawValue): trying to watch again after \(polls) polls")
          polling = false
          polls = 0
          resourceVersion = summary.resourceVersion
          groupVersion = summary.groupVersionPath.isEmpty ? nil : summary.groupVersionPath
        }
        if resourceVersion == nil {
          let summary = try listInPages(cancellation: cancellation)
          resourceVersion = summary.resourceVersion
          groupVersion = summary.groupVersionPath.isEmpty ? nil : summary.groupVersionPath
          logger.debug(
            "listed \(summary.itemCount) \(resource.rawValue) at \(summary.resourceVersion)")
        }
        do throws(KubeError) {
          try watch(
            from: &resourceVersion, groupVersion: groupVersion, cancellation: cancellation,
            backoff: &backoff)
        } catch  where error.isWatchRefused {
          logger.warning(
            "\(resource.rawValue): watch refused (\(error)); polling every \(pollInterval) s")
          polling = true
          Self.sleep(seconds: pollInterval, unless: cancellation)
        }
      } catch {
        guard !cancellation.isCancelled else { return }
        if error.isExpired {
          logger.info("\(resource.rawValue) watch expired; listing again")
          resourceVersion = nil
          continue
        }
        logger.warning("\(resource.rawValue): \(error)")
        onUpdate(.failed(error.description))
        let delay = backoff.nextDelay()
        Self.sleep(seconds: max(delay, error.retryAfter ?? 0), unless: cancellation)
      }
    }
  }

  /// Lists the resource, handing on each page as it arrives: a single page as `replaced`,
  /// several as `listPage`s.
  @discardableResult
  private func listInPages(cancellation: CancellationToken) throws(KubeError) -> ListSummary {
    var isFirst = true
    return try api.forEachPage(resource, namespace: namespace, cancellation: cancellation) {
      items, isLast in
      onUpdate(
        isFirst && isLast ? .replaced(items) : .listPage(items, isFirst: isFirst, isLast: isLast))
      isFirst = false
    }
  }

  private func watch(
    from resourceVersion: inout String?, groupVersion: String?, cancellation: CancellationToken,
    backoff: inout Backoff
  ) throws(KubeError) {
    var version = resourceVersion ?? ""
    var expired: APIStatus?
    defer { resourceVersion = expired == nil ? version : nil }
    try api.watch(
      resource, namespace: namespace, resourceVersion: version, groupVersion: groupVersion,
      cancellation: cancellation
    ) { event in
      switch event {
      case .added(let object), .modified(let object):
        onUpdate(.upserted(object))
        version = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? version
      case .deleted(let object):
        onUpdate(.deleted(object))
        version = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? version
      case .bookmark(let bookmarkVersion):
        onUpdate(.stillCurrent)
        version = bookmarkVersion
      case .error(let status):
        expired = status
        return .stop
      }
      backoff.reset()
      return .proceed
    }
    if let expired {
      if expired.code == 410 {
        logger.info("\(resource.rawValue) watch expired (\(expired.message)); listing again")
        return
      }
      throw .api(expired)
    }
  }

  /// Sleeps in short steps so a cancellation ends the wait quickly.
  static func sleep(seconds: Double, unless cancellation: CancellationToken) {
    let end = Date().addingTimeInterval(seconds)
    while !cancellation.isCancelled, Date() < end {
      Thread.sleep(forTimeInterval: min(0.05, max(0, end.timeIntervalSinceNow)))
    }
  }
}
