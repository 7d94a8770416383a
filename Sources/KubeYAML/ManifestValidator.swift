import APIMachinery

/// Checks Kubernetes objects before they are used: shape, kind, apiVersion, required fields
/// and the types of the fields this product reads. Unknown fields are kept and not reported.
public struct ManifestValidator: Sendable {
  /// The kinds this product handles, with the apiVersions accepted for each.
  public static let supportedKinds: [(kind: String, apiVersions: [String])] = [
    ("CronJob", ["batch/v1", "batch/v1beta1"]),
    ("Job", ["batch/v1"]),
    ("Pod", ["v1"]),
    ("Secret", ["v1"]),
    ("ConfigMap", ["v1"]),
    ("Namespace", ["v1"]),
    ("Event", ["v1", "events.k8s.io/v1"]),
  ]

  /// Whether a Job must carry `spec.template`; objects exported from clusters with their
  /// templates trimmed load when this is `false`.
  public var requiresJobTemplate = true

  /// Creates a validator.
  public init(requiresJobTemplate: Bool = true) {
    self.requiresJobTemplate = requiresJobTemplate
  }

  /// Checks one object of `document`; `file` names it in the error.
  public func validate(_ document: YAMLDocument, file: String) throws(ManifestError) {
    var check = ObjectCheck(
      document: document, file: file, requiresJobTemplate: requiresJobTemplate)
    try check.run()
  }

  /// Checks one object without source lines (errors name line 1 of `file`).
  public func validate(_ object: JSONValue, file: String = "<object>") throws(ManifestError) {
    try validate(YAMLDocument(value: object, line: 1), file: file)
  }
}

/// The checks of one object; each failure names the field path and its line.
struct ObjectCheck {
  let document: YAMLDocument
  let file: String
  var requiresJobTemplate = true

  var object: JSONValue { document.value }

  mutating func run() throws(ManifestError) {
    guard case .object = object else {
      throw fail([], "a manifest must be a mapping, found \(Self.typeName(object))")
    }

    let apiVersion = try requiredString(["apiVersion"])
    let kind = try requiredString(["kind"])
    guard let entry = ManifestValidator.supportedKinds.first(where: { $0.kind == kind }) else {
      let names = ManifestValidator.supportedKinds.map(\.kind).joined(separator: ", ")
      throw fail(["kind"], "unsupported kind \"\(kind)\"; supported kinds: \(names)")
    }
    guard entry.apiVersions.contains(apiVersion) else {
      let wanted = entry.apiVersions.map { "\"\($0)\"" }.joined(separator: " or ")
      throw fail(["apiVersion"], "\(kind) needs apiVersion \(wanted), found \"\(apiVersion)\"")
    }

    try checkMetadata()
    switch kind {
    case "CronJob": try checkCronJob()
    case "Job": try checkJobSpec(at: ["spec"])
    case "Pod": try checkPodSpec(at: ["spec"], restartPolicies: nil)
    case "Secret":
      try stringMap(["data"])
      try stringMap(["stringData"])
      try optionalString(["type"])
    case "ConfigMap":
      try stringMap(["data"])
      try stringMap(["binaryData"])
    case "Event":
      try mapping(["involvedObject"], required: false)
      try integer(["count"], minimum: 0)
    default:
      break
    }
  }

  private func checkMetadata() throws(ManifestError) {
    guard try mapping(["metadata"], required: true) else { return }

    let name = try optionalString(["metadata", "name"])
    let generateName = try optionalString(["metadata", "generateName"])
    if (name ?? "").isEmpty && (generateName ?? "").isEmpty {
      throw fail(["metadata"], "metadata.name is required (or metadata.generateName)")
    }
    try optionalString(["metadata", "namespace"])
    try stringMap(["metadata", "labels"])
    try stringMap(["metadata", "annotations"])
  }

  private func checkCronJob() throws(ManifestError) {
    try mapping(["spec"], required: true)
    try requiredString(["spec", "schedule"])
    try mapping(["spec", "jobTemplate"], required: true)
    try oneOf(["spec", "concurrencyPolicy"], ["Allow", "Forbid", "Replace"])
    try optionalString(["spec", "timeZone"])
    try boolean(["spec", "suspend"])
    try integer(["spec", "startingDeadlineSeconds"], minimum: 0, bits64: true)
    try integer(["spec", "successfulJobsHistoryLimit"], minimum: 0)
    try integer(["spec", "failedJobsHistoryLimit"], minimum: 0)
    try checkJobSpec(at: ["spec", "jobTemplate", "spec"])
  }

  private func checkJobSpec(at spec: [String]) throws(ManifestError) {
    try mapping(spec, required: true)
    for field in ["parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished"] {
      try integer(spec + [field], minimum: 0)
    }
    try integer(spec + ["activeDeadlineSeconds"], minimum: 1, bits64: true)
    try integer(spec + ["backoffLimitPerIndex"], minimum: 0)
    try integer(spec + ["maxFailedIndexes"], minimum: 0)
    try oneOf(spec + ["completionMode"], ["NonIndexed", "Indexed"])
    try boolean(spec + ["suspend"])
    if !requiresJobTemplate, object[path: spec + ["template"]] == nil { return }
    try mapping(spec + ["template"], required: true)
    try checkPodSpec(at: spec + ["template", "spec"], restartPolicies: ["OnFailure", "Never"])
  }

  /// A pod spec with at least one container; Job templates need restartPolicy OnFailure/Never.
  private func checkPodSpec(
    at spec: [String], restartPolicies: [String]?
  ) throws(ManifestError) {
    try mapping(spec, required: true)
    guard case .array(let containers) = object.lookup(spec + ["containers"]) ?? .null,
      !containers.isEmpty
    else {
      throw fail(
        spec + ["containers"], "\(Self.dotted(spec)).containers needs at least one container")
    }

    for index in containers.indices {
      let container = spec + ["containers", String(index)]
      try mapping(container, required: true)
      try requiredString(container + ["name"])
      try requiredString(container + ["image"])
    }
    guard let restartPolicies else {
      try oneOf(spec + ["restartPolicy"], ["Always", "OnFailure", "Never"])
      return
    }
    let policy = object.lookup(spec + ["restartPolicy"])?.stringValue ?? "Always"
    guard restartPolicies.contains(policy) else {
      let wanted = restartPolicies.map { "\"\($0)\"" }.joined(separator: ", ")
      throw fail(
        spec + ["restartPolicy"],
        "\(Self.dotted(spec)).restartPolicy: unsupported value \"\(policy)\" (unset means "
          + "\"Always\"); supported values: \(wanted)")
    }
  }
}
