import APIMachinery
import BatchdeckModel

extension Job {
  /// Reads a batch/v1 Job; missing fields take the API's defaults.
  public init(wire object: JSONValue) {
    let spec = object["spec"] ?? .object([:])
    let status = object["status"] ?? .object([:])
    let completions = spec.optionalInt("completions")
    let parallelism = spec.optionalInt("parallelism") ?? 1
    self.init(
      metadata: ObjectMeta(wire: object), completions: completions, parallelism: parallelism,
      backoffLimit: spec.int("backoffLimit", default: 6),
      completionMode: spec.optionalString("completionMode") ?? "NonIndexed",
      suspend: spec.optionalBool("suspend") ?? false,
      activeDeadlineSeconds: spec.optionalInt64("activeDeadlineSeconds"),
      ttlSecondsAfterFinished: spec.optionalInt("ttlSecondsAfterFinished"),
      containers: ContainerSpec.list(wire: spec[path: ["template", "spec"]]),
      conditions: status.list("conditions").map(Condition.init(wire:)),
      startTime: status.date("startTime"), completionTime: status.date("completionTime"),
      active: status.int("active"), ready: status.int("ready"),
      succeeded: status.int("succeeded"), failed: status.int("failed"),
      completedIndexes: status.string("completedIndexes"))
    failedIndexes = status.string("failedIndexes")
    restartPolicy = spec.optionalString("template", "spec", "restartPolicy") ?? "Never"
    podTemplateLabels = spec.stringMap("template", "metadata", "labels")
    podTemplate = PodTemplateDetails(wire: spec["template"])
  }
}
