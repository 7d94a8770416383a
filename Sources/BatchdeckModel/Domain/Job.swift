import Foundation

/// A Job, with its spec limits and status counters.
public struct Job: Sendable, Hashable, Identifiable {
  public var metadata: ObjectMeta
  /// `spec.completions`; `nil` for a work-queue Job.
  public var completions: Int?
  public var parallelism: Int
  public var backoffLimit: Int
  /// `NonIndexed` or `Indexed`.
  public var completionMode: String
  public var suspend: Bool
  public var activeDeadlineSeconds: Int64?
  public var ttlSecondsAfterFinished: Int?
  public var containers: [ContainerSpec]
  public var conditions: [Condition]
  public var startTime: Date?
  public var completionTime: Date?
  public var active: Int
  public var ready: Int
  public var succeeded: Int
  public var failed: Int
  public var completedIndexes: String
  /// `status.failedIndexes` (with `backoffLimitPerIndex`).
  public var failedIndexes = ""
  /// The pod template's `restartPolicy`: with `OnFailure`, retries are container restarts.
  public var restartPolicy = "Never"
  /// The pod template's labels, for describe.
  public var podTemplateLabels: [String: String] = [:]
  /// The rest of the pod template describe prints.
  public var podTemplate = PodTemplateDetails()

  public init(
    metadata: ObjectMeta, completions: Int? = 1, parallelism: Int = 1, backoffLimit: Int = 6,
    completionMode: String = "NonIndexed", suspend: Bool = false,
    activeDeadlineSeconds: Int64? = nil, ttlSecondsAfterFinished: Int? = nil,
    containers: [ContainerSpec] = [], conditions: [Condition] = [], startTime: Date? = nil,
    completionTime: Date? = nil, active: Int = 0, ready: Int = 0, succeeded: Int = 0,
    failed: Int = 0, completedIndexes: String = ""
  ) {
    self.metadata = metadata
    self.completions = completions
    self.parallelism = parallelism
    self.backoffLimit = backoffLimit
    self.completionMode = completionMode
    self.suspend = suspend
    self.activeDeadlineSeconds = activeDeadlineSeconds
    self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
    self.containers = containers
    self.conditions = conditions
    self.startTime = startTime
    self.completionTime = completionTime
    self.active = active
    self.ready = ready
    self.succeeded = succeeded
    self.failed = failed
    self.completedIndexes = completedIndexes
  }

  public var id: String { metadata.uid }

  /// Finished means `Complete=True` or `Failed=True`.
  public var isFinished: Bool { conditions.isTrue("Complete") || conditions.isTrue("Failed") }

  /// The CronJob that controls this Job, if any.
  public var cronJobOwner: OwnerReference? {
    guard let owner = metadata.controller, owner.kind == "CronJob" else { return nil }
    return owner
  }

  /// Whether a person made this run by hand (`kubectl create job --from=cronjob/...`).
  public var isManualRun: Bool {
    metadata.annotations["cronjob.kubernetes.io/instantiate"] == "manual"
  }
}
