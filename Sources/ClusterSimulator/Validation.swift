import APIMachinery
import BatchdeckModel
import Foundation

/// The few API-server validations the simulator enforces; failures are 422 Invalid.
enum Validation {
  struct FieldError {
    var field: String
    var message: String
  }

  static func validate(_ resource: Resource, _ object: JSONValue) throws(APIStatus) {
    var errors: [FieldError] = []
    switch resource {
    case .cronjobs:
      errors = cronJobErrors(object)
    case .jobs:
      errors = podTemplateErrors(object["spec"]?["template"], field: "spec.template")
    default:
      return
    }
    guard !errors.isEmpty else { return }
    let texts = errors.map { "\($0.field): \($0.message)" }
    let joined = texts.count == 1 ? texts[0] : "[" + texts.joined(separator: ", ") + "]"
    let qualified = resource.group.isEmpty ? resource.kind : "\(resource.kind).\(resource.group)"
    let causes: [JSONValue] = errors.map {
      ["reason": "FieldValueInvalid", "message": .string($0.message), "field": .string($0.field)]
    }
    throw APIStatus(
      code: 422, reason: "Invalid",
      message: "\(qualified) \"\(object.name)\" is invalid: \(joined)",
      details: [
        "name": .string(object.name), "group": .string(resource.group),
        "kind": .string(resource.kind), "causes": .array(causes),
      ])
  }

  private static func cronJobErrors(_ cronJob: JSONValue) -> [FieldError] {
    var errors: [FieldError] = []
    if cronJob.name.count > 52 {
      errors.append(
        FieldError(
          field: "metadata.name",
          message: "Invalid value: \"\(cronJob.name)\": must be no more than 52 characters"))
    }
    let schedule = cronJob.string("spec", "schedule") ?? ""
    if schedule.contains("TZ") {
      errors.append(
        FieldError(
          field: "spec.schedule",
          message: "Invalid value: \"\(schedule)\": cannot use TZ or CRON_TZ in schedule, "
            + "use timeZone field instead"))
    } else {
      do {
        _ = try CronSchedule.parse(schedule)
      } catch {
        errors.append(
          FieldError(
            field: "spec.schedule", message: "Invalid value: \"\(schedule)\": \(error.message)"))
      }
    }
    if let zone = cronJob.string("spec", "timeZone"), TimeZone(identifier: zone) == nil {
      errors.append(
        FieldError(
          field: "spec.timeZone", message: "Invalid value: \"\(zone)\": unknown time zone \(zone)"))
    }
    let policy = cronJob.string("spec", "concurrencyPolicy") ?? "Allow"
    if !["Allow", "Forbid", "Replace"].contains(policy) {
      errors.append(
        FieldError(
          field: "spec.concurrencyPolicy",
          message: "Unsupported value: \"\(policy)\": supported values: "
            + "\"Allow\", \"Forbid\", \"Replace\""))
    }
    return errors
      + podTemplateErrors(
        cronJob[path: ["spec", "jobTemplate", "spec", "template"]],
        field: "spec.jobTemplate.spec.template")
  }

  private static func podTemplateErrors(_ template: JSONValue?, field: String) -> [FieldError] {
    guard let template else {
      return [FieldError(field: field, message: "Required value")]
    }
    var errors: [FieldError] = []
    let policy = template.string("spec", "restartPolicy") ?? ""
    if policy != "Never", policy != "OnFailure" {
      errors.append(
        FieldError(
          field: "\(field).spec.restartPolicy",
          message: "Required value: valid values: \"OnFailure\", \"Never\""))
    }
    if template.array("spec", "containers").isEmpty {
      errors.append(FieldError(field: "\(field).spec.containers", message: "Required value"))
    }
    return errors
  }
}
