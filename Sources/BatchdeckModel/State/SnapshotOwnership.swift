/// Which Jobs each CronJob owns and which Pods each Job owns, as ascending positions in a
/// snapshot's `jobs` and `pods`, keyed by namespace and the owner's UID or name. Matches the
/// rules of `ClusterSnapshot.jobs(of:)` and `pods(of:)` exactly.
public struct SnapshotOwnership: Sendable, Hashable {
  /// Jobs whose CronJob owner reference carries a UID, by namespace and that UID.
  var jobsByOwnerUID: [Key: [Int]] = [:]
  /// Jobs whose owner reference has no UID, by namespace and owner name.
  var jobsByOwnerNameOnly: [Key: [Int]] = [:]
  /// Every owned Job, by namespace and owner name.
  var jobsByOwnerName: [Key: [Int]] = [:]
  /// Pods with a Job owner reference, by namespace and the reference's UID.
  var podsByOwnerUID: [Key: [Int]] = [:]
  /// Pods without one, by namespace and their job-name label.
  var podsByJobName: [Key: [Int]] = [:]

  struct Key: Hashable, Sendable {
    var namespace: String
    var value: String
  }

  /// How many Jobs and Pods the grouping was made for; a snapshot with other counts
  /// groups again rather than trust it.
  public private(set) var jobCount = 0
  public private(set) var podCount = 0

  /// Groups `jobs` and `pods` in one pass each.
  public init(jobs: [Job], pods: [Pod]) {
    groupJobs(jobs)
    groupPods(pods)
  }

  /// This grouping with the Jobs' half made again from `jobs`, the Pods' half kept: for a
  /// publisher whose Pods kept their order and owners since this grouping was made.
  public func regrouping(jobs: [Job]) -> SnapshotOwnership {
    var copy = self
    copy.jobsByOwnerUID = [:]
    copy.jobsByOwnerNameOnly = [:]
    copy.jobsByOwnerName = [:]
    copy.groupJobs(jobs)
    return copy
  }

  /// This grouping with the Pods' half made again from `pods`, the Jobs' half kept.
  public func regrouping(pods: [Pod]) -> SnapshotOwnership {
    var copy = self
    copy.podsByOwnerUID = [:]
    copy.podsByJobName = [:]
    copy.groupPods(pods)
    return copy
  }

  /// The key under which a Job is grouped (namespace, owner name and UID); `nil` for a Job
  /// without a CronJob owner. Two versions of a Job with the same key sit in the same group.
  public static func groupKey(of job: Job) -> [String]? {
    job.cronJobOwner.map { [job.metadata.namespace, $0.name, $0.uid] }
  }

  /// The key under which a Pod is grouped (namespace and owner UID or `job-name` label).
  public static func groupKey(of pod: Pod) -> [String]? {
    if let owner = pod.jobOwner { return [pod.metadata.namespace, "uid", owner.uid] }
    return pod.metadata.labels["job-name"].map { [pod.metadata.namespace, "name", $0] }
  }

  private mutating func groupJobs(_ jobs: [Job]) {
    jobCount = jobs.count
    for (position, job) in jobs.enumerated() {
      guard let owner = job.cronJobOwner else { continue }
      let namespace = job.metadata.namespace
      jobsByOwnerName[Key(namespace: namespace, value: owner.name), default: []].append(position)
      if owner.uid.isEmpty {
        jobsByOwnerNameOnly[Key(namespace: namespace, value: owner.name), default: []]
          .append(position)
      } else {
        jobsByOwnerUID[Key(namespace: namespace, value: owner.uid), default: []].append(position)
      }
    }
  }

  private mutating func groupPods(_ pods: [Pod]) {
    podCount = pods.count
    for (position, pod) in pods.enumerated() {
      let namespace = pod.metadata.namespace
      if let owner = pod.jobOwner {
        podsByOwnerUID[Key(namespace: namespace, value: owner.uid), default: []].append(position)
      } else if let name = pod.jobNameLabel {
        podsByJobName[Key(namespace: namespace, value: name), default: []].append(position)
      }
    }
  }

  /// Positions of the Jobs the CronJob with `metadata` controls, ascending.
  func jobPositions(of metadata: ObjectMeta) -> [Int] {
    let byName = Key(namespace: metadata.namespace, value: metadata.name)
    guard !metadata.uid.isEmpty else { return jobsByOwnerName[byName] ?? [] }
    let byUID = jobsByOwnerUID[Key(namespace: metadata.namespace, value: metadata.uid)] ?? []
    let nameOnly = jobsByOwnerNameOnly[byName] ?? []
    return nameOnly.isEmpty ? byUID : (byUID + nameOnly).sorted()
  }

  /// Positions of the Pods the Job with `metadata` controls, ascending.
  func podPositions(of metadata: ObjectMeta) -> [Int] {
    let byUID = podsByOwnerUID[Key(namespace: metadata.namespace, value: metadata.uid)] ?? []
    let byName = podsByJobName[Key(namespace: metadata.namespace, value: metadata.name)] ?? []
    return byName.isEmpty ? byUID : (byUID + byName).sorted()
  }
}

extension Pod {
  /// The Job a pod names in its `batch.kubernetes.io/job-name` label (or the older
  /// `job-name`), for pods that carry no owner reference.
  var jobNameLabel: String? {
    metadata.labels["batch.kubernetes.io/job-name"] ?? metadata.labels["job-name"]
  }
}
