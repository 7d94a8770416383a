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
  ///   - publishInterval: the shortest time between snapshots; watch events arriving in
  ///     between are coalesced into the next one. Each snapshot of changed objects costs a
  ///     copy of their sorted arrays, so a few a second keep an idle dashboard cheap.
  ///   - onPublish: called on the publisher thread after each new snapshot, e.g. to wake a loop.
  public init(
    api: KubeAPI, namespace: String? = nil, logger: Logger,
    clock: @escaping @Sendable () -> Date = { Date() }, publishInterval: Double = 0.25,
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

  /// Decodes the update on the reflector's thread, then changes the index under its lock.
  private func apply(_ update: ReflectorUpdate, to resource: APIResource) {
    let now = clock()
    let change = DecodedUpdate(update, resource: resource)
    index.withLock { index in
      index.apply(change)
      switch update {
      case .failed(let message):
        index.sources[resource.rawValue, default: SourceStatus()].error = message
      case .listPage(_, _, isLast: false):
        // The list is not complete yet: nothing to show, and the source is not synced.
        return
      default:
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
  /// The owner grouping of the last snapshot, with the Jobs' and Pods' layouts it was made
  /// for; kept while objects only change in place and keep their owners.
  private var grouping: (ownership: SnapshotOwnership, jobsLayout: UInt64, podsLayout: UInt64)?
  private var jobsRegrouped = false
  private var podsRegrouped = false

  mutating func apply(_ update: ReflectorUpdate, to resource: APIResource) {
    apply(DecodedUpdate(update, resource: resource))
  }

  mutating func apply(_ update: DecodedUpdate) {
    switch update {
    case .none: break
    case .cronJobs(let change): cronJobs.apply(change)
    case .jobs(.deleted(let job)):
      remember([job])
      jobs.apply(.deleted(job))
    case .jobs(.upserted(let job)):
      if let old = jobs[job.id],
        SnapshotOwnership.groupKey(of: old) != SnapshotOwnership.groupKey(of: job)
      {
        jobsRegrouped = true
      }
      jobs.apply(.upserted(job))
    case .pods(.upserted(let pod)):
      if let old = pods[pod.id],
        SnapshotOwnership.groupKey(of: old) != SnapshotOwnership.groupKey(of: pod)
      {
        podsRegrouped = true
      }
      pods.apply(.upserted(pod))
    case .jobs(let change):
      guard change.completesList else {
        jobs.apply(change)
        return
      }
      let before = jobs.byID
      jobs.apply(change)
      remember(before.values.filter { jobs[$0.id] == nil })
    case .pods(let change): pods.apply(change)
    case .events(let change): events.apply(change)
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
  /// additions or deletions, and groups again only the half whose order or owners changed.
  mutating func snapshot() -> ClusterSnapshot {
    var snapshot = ClusterSnapshot(
      cronJobs: cronJobs.sorted(), jobs: jobs.sorted(), pods: pods.sorted(),
      events: events.sorted(), sources: sources, generation: generation)
    snapshot.rememberedRuns = remembered
    var ownership: SnapshotOwnership
    if let grouping {
      ownership = grouping.ownership
      if jobsRegrouped || grouping.jobsLayout != jobs.layoutVersion {
        ownership = ownership.regrouping(jobs: snapshot.jobs)
      }
      if podsRegrouped || grouping.podsLayout != pods.layoutVersion {
        ownership = ownership.regrouping(pods: snapshot.pods)
      }
    } else {
      ownership = SnapshotOwnership(jobs: snapshot.jobs, pods: snapshot.pods)
    }
    grouping = (ownership, jobs.layoutVersion, pods.layoutVersion)
    jobsRegrouped = false
    podsRegrouped = false
    snapshot.indexOwnership(reusing: ownership)
    return snapshot
  }
}

/// A reflector's update with its objects decoded into one resource's model type.
enum TableChange<Value: Sendable>: Sendable {
  case replaced([Value])
  case page([Value], isFirst: Bool, isLast: Bool)
  case upserted(Value)
  case deleted(Value)

  /// Whether applying this change leaves a complete new list in the table.
  var completesList: Bool {
    switch self {
    case .replaced, .page(_, _, isLast: true): true
    case .page, .upserted, .deleted: false
    }
  }

  /// The change in `update`; `nil` for one that changes no objects.
  init?(_ update: ReflectorUpdate, decode: (JSONValue) -> Value) {
    switch update {
    case .replaced(let objects): self = .replaced(objects.map(decode))
    case .listPage(let objects, let isFirst, let isLast):
      self = .page(objects.map(decode), isFirst: isFirst, isLast: isLast)
    case .upserted(let object): self = .upserted(decode(object))
    case .deleted(let object): self = .deleted(decode(object))
    case .failed, .stillCurrent: return nil
    }
  }
}

/// A reflector's update decoded for the resource it came from; `none` changes no objects.
enum DecodedUpdate: Sendable {
  case cronJobs(TableChange<CronJob>)
  case jobs(TableChange<Job>)
  case pods(TableChange<Pod>)
  case events(TableChange<Event>)
  case none

  init(_ update: ReflectorUpdate, resource: APIResource) {
    func decoded<T>(_ decode: (JSONValue) -> T, _ wrap: (TableChange<T>) -> Self) -> Self {
      TableChange(update, decode: decode).map(wrap) ?? .none
    }
    switch resource {
    case .cronJobs: self = decoded(CronJob.init(wire:), Self.cronJobs)
    case .jobs: self = decoded(Job.init(wire:), Self.jobs)
    case .pods: self = decoded(Pod.init(wire:), Self.pods)
    case .events: self = decoded(Event.init(wire:), Self.events)
    }
  }
}
