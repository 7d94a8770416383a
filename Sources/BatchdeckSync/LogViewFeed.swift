import APIMachinery
import BatchdeckModel
import Foundation
import KubeClient
import Logging
import Synchronization

/// What the full log view reads: one container of each pod, with kubectl's log options.
public struct LogViewRequest: Sendable, Hashable {
  /// One stream: a pod and the container to read.
  public struct Source: Sendable, Hashable {
    public var pod: String
    public var container: String

    public init(pod: String, container: String) {
      self.pod = pod
      self.container = container
    }
  }

  public var namespace: String
  public var sources: [Source]
  public var timestamps: Bool
  public var previous: Bool
  /// Whether lines start with their pod's name (several pods interleaved).
  public var prefixesPod: Bool

  public init(
    namespace: String, sources: [Source], timestamps: Bool = false, previous: Bool = false,
    prefixesPod: Bool = false
  ) {
    self.namespace = namespace
    self.sources = sources
    self.timestamps = timestamps
    self.previous = previous
    self.prefixesPod = prefixesPod
  }

  /// The same request but for its sources: a pod appearing keeps the open streams.
  func sameOptions(as other: LogViewRequest) -> Bool {
    namespace == other.namespace && timestamps == other.timestamps
      && previous == other.previous && prefixesPod == other.prefixesPod
  }
}

/// Streams the logs the full log view shows, one background thread per pod, into one bounded
/// buffer: lines of several pods interleave in the order they arrive.
///
/// Known gap: a followed stream ends when its container ends, and a later restart of the same
/// container is not read again until the view is opened again (the dashboard's log pane does
/// follow restarts); a stream that fails before any line (a pod still starting) is retried.
public final class LogViewFeed: Sendable {
  private struct Feed {
    var request: LogViewRequest
    var tail: LogTail
    var generation: UInt64
    var token: CancellationToken
    var errors: [String: String]
  }

  private let api: KubeAPI
  private let logger: Logger
  private let tailLines: Int
  private let maxLines: Int
  private let maxBytes: Int
  private let current = Mutex<Feed?>(nil)

  /// - Parameters:
  ///   - tailLines: how many earlier lines each stream starts with.
  ///   - maxLines, maxBytes: the buffer's bounds; older lines are dropped beyond them.
  public init(
    api: KubeAPI, logger: Logger, tailLines: Int = 1_000, maxLines: Int = 20_000,
    maxBytes: Int = 8 << 20
  ) {
    self.api = api
    self.logger = logger
    self.tailLines = tailLines
    self.maxLines = maxLines
    self.maxBytes = maxBytes
  }

  /// The buffer, with a counter that moves on each change.
  public var tail: (tail: LogTail, generation: UInt64)? {
    current.withLock { feed in feed.map { ($0.tail, $0.generation) } }
  }

  /// Shows `request`: a no-op when it is already shown; new pods of the same request are
  /// added (pods gone keep their lines); any other change, such as another container or
  /// option, starts again with an empty buffer.
  public func open(_ request: LogViewRequest) {
    let (token, fresh): (CancellationToken, [LogViewRequest.Source]) = current.withLock { feed in
      if let active = feed, active.request.sameOptions(as: request) {
        // Pods that went away keep their lines; a pod read from another container restarts.
        let added = request.sources.filter { !active.request.sources.contains($0) }
        let switched = added.contains { source in
          active.request.sources.contains { $0.pod == source.pod }
        }
        if !switched {
          feed?.request.sources += added
          return (active.token, added)
        }
      }
      feed?.token.cancel()
      let token = CancellationToken()
      let first = request.sources.first
      feed = Feed(
        request: request,
        tail: LogTail(
          namespace: request.namespace, pod: first?.pod ?? "", container: first?.container ?? "",
          maxLines: maxLines, maxBytes: maxBytes),
        generation: (feed?.generation ?? 0) + 1, token: token, errors: [:])
      return (token, request.sources)
    }
    for source in fresh {
      let thread = Thread { [weak self] in
        self?.run(source, of: request, token: token)
      }
      thread.name = "log-view"
      thread.start()
    }
  }

  /// Stops every stream and forgets the buffer.
  public func close() {
    current.withLock { feed in
      feed?.token.cancel()
      feed = nil
    }
  }

  private func run(
    _ source: LogViewRequest.Source, of request: LogViewRequest, token: CancellationToken
  ) {
    let prefix = request.prefixesPod ? "\(source.pod) " : ""
    var received = false
    while !token.isCancelled {
      do throws(KubeError) {
        try api.streamLog(
          namespace: request.namespace, pod: source.pod, container: source.container,
          tailLines: received ? 0 : tailLines, follow: !request.previous,
          timestamps: request.timestamps, previous: request.previous, cancellation: token
        ) { line in
          received = true
          update(token) { feed in
            feed.errors[source.pod] = nil
            feed.tail.append([prefix + line])
          }
          return token.isCancelled ? .stop : .proceed
        }
        return
      } catch {
        if token.isCancelled { return }
        logger.debug("log view \(request.namespace)/\(source.pod): \(error)")
        let message: String
        if case .api(let status) = error { message = status.message } else { message = "\(error)" }
        update(token) { $0.errors[source.pod] = message }
        if request.previous { return }
      }
      ResourceReflector.sleep(seconds: 2, unless: token)
    }
  }

  private func update(_ token: CancellationToken, _ change: (inout Feed) -> Void) {
    current.withLock { feed in
      guard var active = feed, active.token === token else { return }
      change(&active)
      let errors = active.errors.sorted { $0.key < $1.key }
      active.tail.error =
        errors.isEmpty
        ? nil
        : errors.map { active.request.prefixesPod ? "\($0.key): \($0.value)" : $0.value }
          .joined(separator: "; ")
      active.generation += 1
      feed = active
    }
  }
}
