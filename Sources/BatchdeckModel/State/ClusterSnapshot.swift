import Foundation

/// How fresh one resource's data is.
public struct SourceStatus: Sendable, Hashable {
  /// When the last list or watch event arrived; `nil` before the first sync.
  public var lastSynced: Date?
  /// The last error, shown until the source recovers.
  public var error: String?

  public init(lastSynced: Date? = nil, error: String? = nil) {
    self.lastSynced = lastSynced
    self.error = error
  }

  public var hasSynced: Bool { lastSynced != nil }
}

/// An immutable picture of the cluster's batch objects, handed to the thread that owns the
/// screen. Each array is sorted by namespace, then name.
///
/// `indexOwnership()` groups Jobs by owning CronJob and Pods by owning Job once, so that
/// `jobs(of:)` and `pods(of:)` stop scanning every object; changing `jobs` or `pods` drops
/// the grouping again (the functions then scan, with the same results).
public struct ClusterSnapshot: Sendable, Hashable {
  public var cronJobs: [CronJob]
  public var jobs: [Job] { didSet { ownership = nil } }
  public var pods: [Pod] { didSet { ownership = nil } }
  public var events: [Event]
  public var sources: [String: SourceStatus]
  /// Finished runs whose Jobs the cluster has deleted since Batchdeck saw them, by CronJob UID.
  public var rememberedRuns: [String: [RunRecord]] = [:]
  /// Increases with every change, so a consumer can skip an unchanged snapshot.
  public var generation: UInt64
  /// Positions of owned Jobs and Pods, from `indexOwnership()`; not part of equality.
  public private(set) var ownership: SnapshotOwnership?

  public init(
    cronJobs: [CronJob] = [], jobs: [Job] = [], pods: [Pod] = [], events: [Event] = [],
    sources: [String: SourceStatus] = [:], generation: UInt64 = 0
  ) {
    self.cronJobs = cronJobs
    self.jobs = jobs
    self.pods = pods
    self.events = events
    self.sources = sources
    self.generation = generation
  }

  /// Jobs controlled by the CronJob, newest first. The owner reference's UID decides, so the
  /// Jobs of an older CronJob of the same name are not counted; a reference without a UID
  /// falls back to the name.
  public func jobs(of cronJob: CronJob) -> [Job] {
    let owned =
      ownership.map { $0.jobPositions(of: cronJob.metadata).map { jobs[$0] } }
      ?? jobs.filter { job in
        guard job.metadata.namespace == cronJob.metadata.namespace, let owner = job.cronJobOwner
        else { return false }
        if !owner.uid.isEmpty, !cronJob.metadata.uid.isEmpty {
          return owner.uid == cronJob.metadata.uid
        }
        return owner.name == cronJob.metadata.name
      }
    return owned.sorted {
      ($0.metadata.creationTimestamp ?? .distantPast)
        > ($1.metadata.creationTimestamp ?? .distantPast)
    }
  }

  /// Everything known of a CronJob's runs: its Jobs in the cluster, then remembered ones.
  public func runs(of cronJob: CronJob) -> [RunRecord] {
    let live = jobs(of: cronJob).map(RunRecord.init(job:))
    let liveIDs = Set(live.map(\.jobUID))
    return live
      + (rememberedRuns[cronJob.metadata.uid] ?? []).filter { !liveIDs.contains($0.jobUID) }
  }

  /// Pods controlled by the Job, oldest first.
  public func pods(of job: Job) -> [Pod] {
    let owned =
      ownership.map { $0.podPositions(of: job.metadata).map { pods[$0] } }
      ?? pods.filter {
        $0.metadata.namespace == job.metadata.namespace
          && ($0.jobOwner?.uid == job.metadata.uid
            || ($0.jobOwner == nil && $0.jobNameLabel == job.metadata.name))
      }
    return owned.sorted { lhs, rhs in
      let left = lhs.metadata.creationTimestamp ?? .distantPast
      let right = rhs.metadata.creationTimestamp ?? .distantPast
      return left == right ? lhs.metadata.name < rhs.metadata.name : left < right
    }
  }

  /// Groups Jobs by owner and Pods by Job, once; `jobs(of:)` and `pods(of:)` then look up.
  public mutating func indexOwnership() {
    ownership = SnapshotOwnership(jobs: jobs, pods: pods)
  }

  /// Takes a grouping made for Jobs and Pods in these same positions with the same owners,
  /// as a publisher keeps it while objects only change in place; one made for other counts is
  /// not trusted and the snapshot groups again.
  public mutating func indexOwnership(reusing grouping: SnapshotOwnership) {
    guard grouping.jobCount == jobs.count, grouping.podCount == pods.count else {
      indexOwnership()
      return
    }
    ownership = grouping
  }

  public static func == (lhs: ClusterSnapshot, rhs: ClusterSnapshot) -> Bool {
    lhs.generation == rhs.generation && lhs.cronJobs == rhs.cronJobs && lhs.jobs == rhs.jobs
      && lhs.pods == rhs.pods && lhs.events == rhs.events && lhs.sources == rhs.sources
      && lhs.rememberedRuns == rhs.rememberedRuns
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(generation)
    hasher.combine(cronJobs)
    hasher.combine(jobs)
    hasher.combine(pods)
    hasher.combine(events)
    hasher.combine(sources)
    hasher.combine(rememberedRuns)
  }
}
