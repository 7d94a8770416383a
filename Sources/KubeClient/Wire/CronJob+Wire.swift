import APIMachinery
import BatchdeckModel

extension CronJob {
  /// Reads a batch/v1 (or v1beta1) CronJob; missing fields take the API's defaults.
  public init(wire object: JSONValue) {
    let spec = object["spec"] ?? .object([:])
    let status = object["status"] ?? .object([:])
    self.init(
      metadata: ObjectMeta(wire: object), schedule: spec.string("schedule"),
      timeZone: spec.optionalString("timeZone"), suspend: spec.optionalBool("suspend"),
      concurrencyPolicy: spec.optionalString("concurrencyPolicy") ?? "Allow",
      startingDeadlineSeconds: spec.optionalInt64("startingDeadlineSeconds"),
      successfulJobsHistoryLimit: spec.int("successfulJobsHistoryLimit", default: 3),
      failedJobsHistoryLimit: spec.int("failedJobsHistoryLimit", default: 1),
      containers: ContainerSpec.list(
        wire: spec[path: ["jobTemplate", "spec", "template", "spec"]]),
      active: status.list("active").map {
        OwnerReference(kind: $0.string("kind"), name: $0.string("name"), uid: $0.string("uid"))
      },
      lastScheduleTime: status.date("lastScheduleTime"),
      lastSuccessfulTime: status.date("lastSuccessfulTime"))
    let jobSpec = spec[path: ["jobTemplate", "spec"]] ?? .object([:])
    if jobSpec["selector"] != nil {
      templateSelector = jobSpec.stringMap("selector", "matchLabels").sorted { $0.key < $1.key }
        .map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
    templateParallelism = jobSpec.optionalInt("parallelism")
    templateCompletions = jobSpec.optionalInt("completions")
    templateActiveDeadlineSeconds = jobSpec.optionalInt64("activeDeadlineSeconds")
    podTemplateLabels = jobSpec.stringMap("template", "metadata", "labels")
    podTemplate = PodTemplateDetails(wire: jobSpec["template"])
  }
}
