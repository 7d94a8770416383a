import Foundation

/// A CronJob, with the fields the dashboard shows and reasons about.
public struct CronJob: Sendable, Hashable, Identifiable {
  public var metadata: ObjectMeta
  public var schedule: String
  /// `spec.timeZone`; `nil` means the controller's own zone.
  public var timeZone: String?
  /// `spec.suspend`; `nil` when the field is absent.
  public var suspend: Bool?
  public var concurrencyPolicy: String
  public var startingDeadlineSeconds: Int64?
  public var successfulJobsHistoryLimit: Int
  public var failedJobsHistoryLimit: Int
  public var containers: [ContainerSpec]
  /// `status.active`: references to the Jobs the controller counts as running.
  public var active: [OwnerReference]
  public var lastScheduleTime: Date?
  public var lastSuccessfulTime: Date?
  /// The Job template's `spec.selector` as `key=value,...` (match labels), for describe.
  public var templateSelector: String?
  /// The Job template's `spec.parallelism`, for describe.
  public var templateParallelism: Int?
  /// The Job template's `spec.completions`, for describe.
  public var templateCompletions: Int?
  /// The Job template's `spec.activeDeadlineSeconds`, for describe.
  public var templateActiveDeadlineSeconds: Int64?
  /// The pod template's labels, for describe.
  public var podTemplateLabels: [String: String] = [:]
  /// The rest of the pod template describe prints.
  public var podTemplate = PodTemplateDetails()

  public init(
    metadata: ObjectMeta, schedule: String, timeZone: String? = nil, suspend: Bool? = false,
    concurrencyPolicy: String = "Allow", startingDeadlineSeconds: Int64? = nil,
    successfulJobsHistoryLimit: Int = 3, failedJobsHistoryLimit: Int = 1,
    containers: [ContainerSpec] = [], active: [OwnerReference] = [],
    lastScheduleTime: Date? = nil, lastSuccessfulTime: Date? = nil
  ) {
    self.metadata = metadata
    self.schedule = schedule
    self.timeZone = timeZone
    self.suspend = suspend
    self.concurrencyPolicy = concurrencyPolicy
    self.startingDeadlineSeconds = startingDeadlineSeconds
    self.successfulJobsHistoryLimit = successfulJobsHistoryLimit
    self.failedJobsHistoryLimit = failedJobsHistoryLimit
    self.containers = containers
    self.active = active
    self.lastScheduleTime = lastScheduleTime
    self.lastSuccessfulTime = lastSuccessfulTime
  }

  public var id: String { metadata.uid }
}
