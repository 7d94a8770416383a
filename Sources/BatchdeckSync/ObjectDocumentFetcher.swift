import APIMachinery
import BatchdeckModel
import Foundation
import KubeClient
import Logging
import Synchronization

/// One object as YAML lines, fetched from the API server, or why it could not be.
public struct ObjectDocument: Sendable, Hashable {
  public var target: ObjectRef
  public var showsManagedFields: Bool
  /// The YAML text, one entry per line; empty until the first answer.
  public var lines: [String]
  /// The last failure, e.g. the object is gone; the last lines stay.
  public var error: String?
  /// Moves on with every change.
  public var generation: UInt64

  public init(target: ObjectRef, showsManagedFields: Bool) {
    self.target = target
    self.showsManagedFields = showsManagedFields
    lines = []
    error = nil
    generation = 0
  }
}

/// Fetches the object the YAML view shows on a background thread, and again every
/// `refreshInterval` while the view stays open, so the view follows the cluster.
public final class ObjectDocumentFetcher: Sendable {
  private struct Open {
    var document: ObjectDocument
    var token: CancellationToken
  }

  private let api: KubeAPI
  private let logger: Logger
  private let refreshInterval: Double
  private let current = Mutex<Open?>(nil)

  public init(api: KubeAPI, logger: Logger, refreshInterval: Double = 2) {
    self.api = api
    self.logger = logger
    self.refreshInterval = refreshInterval
  }

  /// The document being shown, if any.
  public var document: ObjectDocument? { current.withLock { $0?.document } }

  /// Starts fetching `target`; a no-op when it is already open with the same setting.
  public func open(_ target: ObjectRef, showManagedFields: Bool = false) {
    let token = CancellationToken()
    let started: Bool = current.withLock { open in
      if let open, open.document.target == target,
        open.document.showsManagedFields == showManagedFields
      {
        return false
      }
      open?.token.cancel()
      open = Open(
        document: ObjectDocument(target: target, showsManagedFields: showManagedFields),
        token: token)
      return true
    }
    guard started else { return }
    let thread = Thread { [weak self] in
      self?.run(target, showManagedFields: showManagedFields, token: token)
    }
    thread.name = "yaml"
    thread.start()
  }

  /// Stops fetching and forgets the document.
  public func close() {
    current.withLock { open in
      open?.token.cancel()
      open = nil
    }
  }

  /// Fetches `target` once on the calling thread and renders it (tests call this directly).
  public func fetchLines(_ target: ObjectRef, showManagedFields: Bool) throws(KubeError)
    -> [String]
  {
    let bytes = try api.getRaw(
      Self.resource(of: target.kind), namespace: target.namespace, name: target.name)
    let parsed: OrderedJSON
    do {
      parsed = try OrderedJSON.parse(bytes)
    } catch {
      throw .decoding("\(target.display): \(error)")
    }
    return YAMLEmitter.lines(showManagedFields ? parsed : parsed.withoutManagedFields())
  }

  private func run(_ target: ObjectRef, showManagedFields: Bool, token: CancellationToken) {
    while !token.isCancelled {
      let lines: [String]?
      let failure: String?
      do throws(KubeError) {
        lines = try fetchLines(target, showManagedFields: showManagedFields)
        failure = nil
      } catch {
        logger.debug("yaml \(target.display): \(error)")
        lines = nil
        if case .api(let status) = error {
          failure = status.message
        } else {
          failure = "\(error)"
        }
      }
      current.withLock { open in
        guard var active = open, active.token === token else { return }
        if let lines, lines != active.document.lines {
          active.document.lines = lines
          active.document.generation += 1
        }
        if failure != active.document.error {
          active.document.error = failure
          active.document.generation += 1
        }
        open = active
      }
      ResourceReflector.sleep(seconds: refreshInterval, unless: token)
    }
  }

  static func resource(of kind: ObjectKind) -> APIResource {
    switch kind {
    case .cronJob: .cronJobs
    case .job: .jobs
    case .pod: .pods
    }
  }
}
