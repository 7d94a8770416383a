import APIMachinery
import BatchdeckModel
import Foundation
import KubeClient
import Logging
import Synchronization

/// Mirrors the cluster's CronJobs, Jobs, Pods and Events and publishes them as snapshots.
///
/// One reflector thread per resource updates a shared index; a publisher thread turns the
/// index into a sorted `ClusterSnapshot` at most every `publishInterval`, so the thread that
/// owns the screen only ever picks up a finished value.
public final class ClusterWatcher: Sendable {
  private let api: KubeAPI
  private let namespace: String?
  private let logger: Logger
  private let clock: @Sendable () -> Date
  private let publishInterval: Double
  private let index = Mutex(ObjectIndex())
  private let published = Mutex(ClusterSnapshot())
  private let cancellation = CancellationToken()
  private let onPublish: @Sendable () -> Void

  /// - Parameters:
  ///   - clock: the time to stamp sync state with (the cluster's clock for a simulation).
  ///   - onPublish: called on the publisher thread after each new snapshot, e.g. to wake a loop.
  public init(
    api: KubeAPI, namespace: String? = nil, logger: Logger,
    clock: @escaping @Sendable () -> Date = { Date() }, publishInterval: Double = 0.1,
    onPublish: @escaping @Sendable () -> Void = {}
  ) {
    self.api = api
    self.namespace = namespace
    self.logger = logger
    self.clock = clock
    self.publishInterval = publishInterval
    self.onPublish = onPublish
  }

  /// The newest snapshot.
  public var snapshot: ClusterSnapshot { published.withLock { $0 } }

  /// Starts the reflector and publisher threads.
  public func start() {
    index.withLock { index in
      for resource in APIResource.allCases { index.sources[resource.rawValue] = SourceStatus() }
    }
    for resource in APIResource.allCases {
      let reflector = ResourceReflector(
        api: api, resource: resource, namespace: namespace,
        logger: logger.labeled("sync.\(resource.rawValue)")
      ) { [weak self] update in
        self?.apply(update, to: resource)
      }
      let thread = Thread { [cancellation] in reflector.run(cancellation: cancellation) }
      thread.name = "sync.\(resource.rawValue)"
      thread.start()
    }
    let publisher = Thread { [weak self] in self?.publishLoop() }
    publisher.name = "sync.publish"
    publisher.start()
  }

  /// Stops every thread; streams end at their next chunk or cancellation check.
  public func stop() { cancellation.cancel() }

  private func apply(_ update: ReflectorUpdate, to resource: APIResource) {
    let now = clock()
    index.withLock { index in
      index.apply(update, to: resource)
      if case .failed(let message) = update {
        index.sources[resource.rawValue, default: SourceStatus()].error = message
      } else {
        index.sources[resource.rawValue] = SourceStatus(lastSynced: now, error: nil)
      }
      index.generation += 1
    }
  }

  private func publishLoop() {
    var lastGeneration: UInt64 = 0
    while !cancellation.isCancelled {
      let snapshot: ClusterSnapshot? = index.withLock { index in
        guard index.generation != lastGeneration else { return nil }
        lastGeneration = index.generation
        return index.snapshot()
      }
      if let snapshot {
        published.withLock { $0 = snapshot }
        onPublish()
      }
      Thread.sleep(forTimeInterval: publishInterval)
    }
  }
}

/// Decoded objects by UID, per resource, each kept in display order between updates.
struct ObjectIndex {
  var cronJobs = SortedTable<CronJob>(metadata: \.metadata)
  var jobs = SortedTable<Job>(metadata: \.metadata)
  var pods = SortedTable<Pod>(metadata: \.metadata)
  var events = SortedTable<Event>(metadata: \.metadata)
  var sources: [String: SourceStatus] = [:]
  var generation: UInt64 = 0
  /// Finished runs of CronJobs whose Jobs were deleted, newest last, at most `rememberLimit`.
  var remembered: [String: [RunRecord]] = [:]
  static let rememberLimit = 100

  mutating func apply(_ update: ReflectorUpdate, to resource: APIResource) {
    switch (resource, update) {
    case (_, .failed), (_, .stillCurrent): break
    case (.cronJobs, _): Self.apply(update, to: &cronJobs, decode: CronJob.init(wire:))
    case (.jobs, .deleted(let object)):
      remember([Job(wire: object)])
      Self.apply(update, to: &jobs, decode: Job.init(wire:))
    case (.jobs, .replaced):
      let before = jobs.byID
      Self.apply(update, to: &jobs, decode: Job.init(wire:))
      remember(before.values.filter { jobs[$0.id] == nil })
    case (.jobs, _):
      Self.apply(update, to: &jobs, decode: Job.init(wire:))
    case (.pods, _): Self.apply(update, to: &pods, decode: Pod.init(wire:))
    case (.events, _): Self.apply(update, to: &events, decode: Event.init(wire:))
    }
  }

  private static func apply<T: Identifiable & Sendable>(
    _ update: ReflectorUpdate, to table: inout SortedTable<T>, decode: (JSONValue) -> T
  ) where T.ID == String {
    switch update {
    case .replaced(let objects):
      table.replace(with: objects.map(decode))
    case .upserted(let object):
      table.upsert(decode(object))
    case .deleted(let object):
      table.remove(id: decode(object).id)
    case .failed, .stillCurrent:
      break
    }
  }

  /// Keeps the finished runs of deleted Jobs that a CronJob owned.
  private mutating func remember(_ gone: [Job]) {
    for job in gone where job.isFinished {
      guard let owner = job.cronJobOwner, !owner.uid.isEmpty else { continue }
      var run = RunRecord(job: job)
      run.isRemembered = true
      var runs = remembered[owner.uid, default: []]
      runs.append(run)
      remembered[owner.uid] = Array(runs.suffix(Self.rememberLimit))
    }
  }

  /// The sorted snapshot, with Jobs and Pods grouped by owner; re-sorts only after
  /// additions or deletions.
  mutating func snapshot() -> ClusterSnapshot {
    var snapshot = ClusterSnapshot(
      cronJobs: cronJobs.sorted(), jobs: jobs.sorted(), pods: pods.sorted(),
      events: events.sorted(), sources: sources, generation: generation)
    snapshot.rememberedRuns = remembered
    snapshot.indexOwnership()
    return snapshot
  }
}
