import APIMachinery
import Testing

@testable import KubeYAML

@Suite struct ManifestValidatorTests {
  static let job = """
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: work
    spec:
      completions: 5
      template:
        spec:
          containers:
          - name: main
            image: busybox
          restartPolicy: Never
    """

  /// The single problem of loading `text`, or `nil` when it loads.
  func problem(_ text: String) -> ManifestError? {
    do {
      _ = try ManifestLoader().load(text: text, file: "m.yaml")
      return nil
    } catch {
      return error.errors.count == 1 ? error.errors[0] : nil
    }
  }

  func job(replacing old: String, with new: String) -> String {
    Self.job.replacingOccurrences(of: old, with: new)
  }

  @Test func validJobLoads() {
    #expect(problem(Self.job) == nil)
  }

  @Test func unknownFieldsAreKept() throws {
    let text = job(replacing: "completions: 5", with: "completions: 5\n  futureField: {x: 1}")
    let manifests = try ManifestLoader().load(text: text, file: "m.yaml")
    #expect(manifests.first?.object[path: ["spec", "futureField", "x"]] == 1)
  }

  @Test func notAMapping() {
    let error = problem("- a\n- b\n")
    #expect(error?.reason.contains("must be a mapping, found a list") == true)
    #expect(error?.line == 1)
  }

  @Test func missingApiVersionAndKind() {
    #expect(
      problem(job(replacing: "apiVersion: batch/v1\n", with: ""))?.reason
        == "apiVersion is required")
    #expect(problem(job(replacing: "kind: Job\n", with: ""))?.reason == "kind is required")
  }

  @Test func missingName() {
    let error = problem(job(replacing: "  name: work", with: "  labels: {a: b}"))
    #expect(error?.reason.contains("metadata.name is required") == true)
    #expect(error?.line == 4)
    #expect(problem(job(replacing: "  name: work", with: "  generateName: work-")) == nil)
  }

  @Test func unsupportedKindListsTheSupportedOnes() {
    let error = problem("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n")
    #expect(error?.line == 2)
    #expect(
      error?.reason
        == "unsupported kind \"Deployment\"; supported kinds: CronJob, Job, Pod, Secret, "
        + "ConfigMap, Namespace, Event")
  }

  @Test func wrongApiVersion() {
    let error = problem(job(replacing: "batch/v1", with: "v1"))
    #expect(error?.reason == "Job needs apiVersion \"batch/v1\", found \"v1\"")
    #expect(error?.line == 1)
    #expect(
      problem("apiVersion: batch/v1\nkind: Pod\nmetadata: {name: p}\n")?.reason
        .contains("\"v1\"") == true)
  }

  @Test func cronJobNeedsScheduleAndJobTemplate() {
    let base = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n"
    let template =
      "  jobTemplate: {spec: {template: {spec: {restartPolicy: Never,"
      + " containers: [{name: c, image: i}]}}}}\n"

    #expect(problem(base + "  schedule: \"@daily\"\n" + template) == nil)
    #expect(problem(base + template)?.reason == "spec.schedule is required")
    let noTemplate = problem(base + "  schedule: \"@daily\"\n")
    #expect(noTemplate?.reason == "spec.jobTemplate is required")
    #expect(noTemplate?.line == 5)
  }

  @Test func templateWithoutContainers() {
    let error = problem(
      job(replacing: "      containers:\n      - name: main\n        image: busybox\n", with: ""))
    #expect(error?.reason == "spec.template.spec.containers needs at least one container")
    #expect(error?.line == 9)
  }

  @Test func containerNeedsNameAndImage() {
    let error = problem(job(replacing: "      image: busybox\n", with: ""))
    #expect(error?.reason == "spec.template.spec.containers[0].image is required")
    #expect(error?.line == 10)
  }

  @Test func jobTemplateNeedsRestartPolicy() {
    let error = problem(
      job(replacing: "    restartPolicy: Never", with: "    restartPolicy: Always"))
    #expect(error?.reason.contains("unsupported value \"Always\"") == true)
    #expect(error?.line == 12)
  }

  @Test func wrongFieldTypes() {
    let five = problem(job(replacing: "completions: 5", with: "completions: \"five\""))
    #expect(five?.reason == "spec.completions must be an integer, found string \"five\"")
    #expect(five?.line == 6)

    let negative = problem(job(replacing: "completions: 5", with: "parallelism: -1"))
    #expect(negative?.reason == "spec.parallelism must be at least 0, found -1")

    let huge = problem(job(replacing: "completions: 5", with: "backoffLimit: 3000000000"))
    #expect(huge?.reason.contains("at most 2147483647") == true)

    let suspend = problem(job(replacing: "completions: 5", with: "suspend: \"yes\""))
    #expect(suspend?.reason == "spec.suspend must be true or false, found string \"yes\"")

    let mode = problem(job(replacing: "completions: 5", with: "completionMode: Sometimes"))
    #expect(mode?.reason.contains("\"NonIndexed\", \"Indexed\"") == true)
  }

  @Test func labelsMustBeAMapOfStrings() {
    let list = problem(job(replacing: "  name: work", with: "  name: work\n  labels: [a]"))
    #expect(list?.reason == "metadata.labels must be a mapping, found a list")
    #expect(list?.line == 5)

    let number = problem(
      job(replacing: "  name: work", with: "  name: work\n  labels:\n    tier: 1"))
    #expect(
      number?.reason.hasPrefix("metadata.labels.tier must be a string, found integer 1") == true)
    #expect(number?.line == 6)
  }

  @Test func secretAndConfigMapDataAreStrings() {
    let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {key: {nested: 1}}\n"
    #expect(problem(secret)?.reason.hasPrefix("data.key must be a string") == true)

    let config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {port: \"80\"}\n"
    #expect(problem(config) == nil)
  }

  @Test func eventAndNamespaceKinds() {
    #expect(problem("apiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n") == nil)
    let yamlBool = problem("apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n")
    #expect(yamlBool?.reason == "metadata.name must be a string, found boolean false")
    let event = "apiVersion: v1\nkind: Event\nmetadata: {name: e}\ninvolvedObject: {kind: Pod}\n"
    #expect(problem(event) == nil)
    #expect(problem(event + "count: many\n")?.reason.contains("count must be an integer") == true)
  }

  @Test func validatorWorksOnPlainValues() {
    let value: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": [:]]
    #expect(throws: ManifestError.self) { try ManifestValidator().validate(value) }
  }
}
