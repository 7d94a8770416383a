import APIMachinery
import BatchdeckModel
import Foundation
import KubeClient
import Logging
import Synchronization

/// Follows the log of one container at a time, keeping a bounded tail.
///
/// `follow` switches to another container, cancelling the previous stream; lines arrive on a
/// background thread and are read with `tail`.
public final class LogFollower: Sendable {
  private struct Stream {
    var tail: LogTail
    var revision: String
    var token: CancellationToken
    var generation: UInt64
    /// The lines shown are from an earlier stream of the same container; the first new line
    /// replaces them, so a restarted stream neither flickers nor repeats lines.
    var replacesTail: Bool
  }

  private let api: KubeAPI
  private let logger: Logger
  private let tailLines: Int
  private let onChange: @Sendable () -> Void
  private let current = Mutex<Stream?>(nil)

  public init(
    api: KubeAPI, logger: Logger, tailLines: Int = 200,
    onChange: @escaping @Sendable () -> Void = {}
  ) {
    self.api = api
    self.logger = logger
    self.tailLines = tailLines
    self.onChange = onChange
  }

  /// The tail being followed, with a counter that moves on each change.
  public var tail: (tail: LogTail, generation: UInt64)? {
    current.withLock { stream in stream.map { ($0.tail, $0.generation) } }
  }

  /// Follows `container` of `pod`; a no-op when that container at `revision` is already
  /// followed.
  ///
  /// - Parameter revision: changes when the container's run changes (started, ended,
  ///   restarted), so the log is read again: a stream opened before the container ran ends
  ///   empty, and one that ended with the container misses a restart.
  public func follow(namespace: String, pod: String, container: String, revision: String) {
    let token = CancellationToken()
    let started: Bool = current.withLock { stream in
      let sameContainer =
        stream.map {
          $0.tail.namespace == namespace && $0.tail.pod == pod && $0.tail.container == container
        } ?? false
      if sameContainer, stream?.revision == revision { return false }
      stream?.token.cancel()
      stream = Stream(
        tail: sameContainer
          ? stream?.tail ?? LogTail(namespace: namespace, pod: pod, container: container)
          : LogTail(namespace: namespace, pod: pod, container: container),
        revision: revision, token: token, generation: (stream?.generation ?? 0) + 1,
        replacesTail: sameContainer)
      return true
    }
    guard started else { return }
    let thread = Thread { [weak self] in
      self?.run(namespace: namespace, pod: pod, container: container, token: token)
    }
    thread.name = "logs"
    thread.start()
    onChange()
  }

  /// Stops following anything.
  public func stop() {
    current.withLock { stream in
      stream?.token.cancel()
      stream = nil
    }
  }

  private func run(namespace: String, pod: String, container: String, token: CancellationToken) {
    var attempt = 0
    while !token.isCancelled {
      var received = false
      do throws(KubeError) {
        try api.streamLogLines(
          namespace: namespace, pod: pod, container: container,
          tailLines: attempt == 0 ? tailLines : 0, follow: true, cancellation: token
        ) { lines in
          received = true
          update(token, isLine: true) { tail in
            tail.error = nil
            tail.append(lines)
          }
          return token.isCancelled ? .stop : .proceed
        }
        return
      } catch {
        if token.isCancelled { return }
        logger.debug("log \(namespace)/\(pod)/\(container): \(error)")
        let message: String
        if case .api(let status) = error { message = status.message } else { message = "\(error)" }
        update(token) { $0.error = message }
      }
      if received { attempt += 1 }
      ResourceReflector.sleep(seconds: 1.5, unless: token)
    }
  }

  private func update(
    _ token: CancellationToken, isLine: Bool = false, _ change: (inout LogTail) -> Void
  ) {
    // Changed in place: a copy of the stream would copy the tail's lines on every change.
    let changed: Bool = current.withLock { stream in
      guard stream?.token === token else { return false }
      if isLine, stream?.replacesTail == true {
        stream?.tail.removeAll()
        stream?.replacesTail = false
      }
      if stream != nil { change(&stream!.tail) }
      stream?.generation += 1
      return true
    }
    if changed { onChange() }
  }
}
