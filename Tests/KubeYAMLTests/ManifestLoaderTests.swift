import APIMachinery
import Foundation
import Testing

@testable import KubeYAML

@Suite struct ManifestLoaderTests {
  let loader = ManifestLoader()

  @Test func seedManifestsLoadUnchanged() throws {
    guard let folder = TestSupport.seedManifests else { return }  // ../shared is absent.

    let manifests = try loader.load(path: folder)
    let summary = manifests.map { "\($0.kind)/\($0.name)" }
    #expect(
      summary == [
        "Job/batch-processor", "Job/document-ingest", "Job/embedding-refresh",
        "CronJob/embedding-refresh-nightly", "CronJob/embedding-sync", "CronJob/log-cleanup",
        "Job/model-migration-v2",
      ])
    #expect(manifests.allSatisfy { $0.source.line == 1 && $0.source.file.hasPrefix(folder) })

    let byName = Dictionary(uniqueKeysWithValues: manifests.map { ($0.name, $0.object) })
    #expect(byName["batch-processor"]?[path: ["spec", "completions"]] == 5)
    #expect(byName["batch-processor"]?[path: ["spec", "parallelism"]] == 2)
    #expect(byName["document-ingest"]?[path: ["spec", "completions"]] == 100)
    #expect(byName["embedding-refresh"]?[path: ["spec", "backoffLimit"]] == 4)
    #expect(byName["embedding-refresh-nightly"]?[path: ["spec", "schedule"]] == "0 2 * * *")
    #expect(byName["embedding-refresh-nightly"]?[path: ["spec", "concurrencyPolicy"]] == "Forbid")
    #expect(byName["log-cleanup"]?[path: ["spec", "schedule"]] == "* * * * *")
    #expect(byName["log-cleanup"]?[path: ["spec", "successfulJobsHistoryLimit"]] == 3)
    #expect(byName["model-migration-v2"]?[path: ["spec", "ttlSecondsAfterFinished"]] == 3600)

    let sync = try #require(byName["embedding-sync"])
    let container = sync.lookup(
      ["spec", "jobTemplate", "spec", "template", "spec", "containers", "0"])
    #expect(container?[path: ["resources", "limits", "cpu"]] == "1")
    #expect(container?["env"]?[1]?["value"] == "http://qdrant:6333")

    let processor = byName["batch-processor"]?.lookup(
      ["spec", "template", "spec", "containers", "0"])
    #expect(processor?["command"] == ["sh", "-c"])
    #expect(processor?["args"]?[0]?.stringValue?.hasSuffix("echo \"Task complete!\"\n") == true)
  }

  @Test func seedFileLoadsAlone() throws {
    guard let folder = TestSupport.seedManifests else { return }

    let manifests = try loader.load(path: folder + "/model-migration-job.yaml")
    #expect(manifests.count == 1)
    #expect(manifests.first?.source.file.hasSuffix("model-migration-job.yaml") == true)
  }

  @Test func severalDocumentsInOneFile() throws {
    let text = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: team-a}
      ---
      # a comment only
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: team-a}
      data: {mode: fast}
      """
    let manifests = try loader.load(text: text, file: "multi.yaml")

    #expect(manifests.map(\.kind) == ["Namespace", "ConfigMap"])
    #expect(
      manifests.map(\.source) == [
        SourceLocation(file: "multi.yaml", line: 1), SourceLocation(file: "multi.yaml", line: 7),
      ])
    #expect(manifests[1].namespace == "team-a")
  }

  @Test func genericListKeepsItemKinds() throws {
    let text = """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Secret
        metadata: {name: db-credentials}
        stringData: {connection-string: "postgres://db"}
      - apiVersion: v1
        kind: Pod
        metadata: {generateName: worker-}
        spec:
          containers: [{name: main, image: busybox}]
      """
    let manifests = try loader.load(text: text, file: "list.yaml")

    #expect(manifests.map(\.kind) == ["Secret", "Pod"])
    #expect(manifests.map(\.source.line) == [4, 8])
    #expect(manifests[1].name == "")
  }

  @Test func typedListGivesKindAndApiVersionToItems() throws {
    let text = """
      apiVersion: batch/v1
      kind: CronJobList
      items:
      - metadata: {name: one}
        spec:
          schedule: "*/5 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: c, image: busybox}]
                  restartPolicy: OnFailure
      - kind: CronJob
        apiVersion: batch/v1beta1
        metadata: {name: two}
        spec:
          schedule: "@hourly"
          jobTemplate: {spec: {template: {spec: {restartPolicy: Never,
            containers: [{name: c, image: busybox}]}}}}
      """
    let manifests = try loader.load(text: text, file: "cronjobs.yaml")

    #expect(manifests.map(\.name) == ["one", "two"])
    #expect(manifests.map(\.kind) == ["CronJob", "CronJob"])
    #expect(manifests.map(\.apiVersion) == ["batch/v1", "batch/v1beta1"])
    #expect(manifests.map(\.source.line) == [4, 13])
  }

  @Test func listItemErrorNamesTheItemLine() {
    let text = "apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n  spec: {}\n"
    let error = #expect(throws: ManifestLoadError.self) {
      try loader.load(text: text, file: "pods.yaml")
    }
    #expect(error?.errors.first?.line == 5)
    #expect(error?.errors.first?.reason.contains("spec.containers") == true)
  }

  @Test func jsonFilesLoad() throws {
    let json = """
      {"apiVersion": "batch/v1", "kind": "JobList", "items": [
        {"metadata": {"name": "from-json", "labels": {"app": "x"}},
         "spec": {"completions": 3, "template": {"spec": {"restartPolicy": "Never",
           "containers": [{"name": "c", "image": "busybox"}]}}}}
      ]}
      """
    let folder = try TestSupport.folder(["jobs.json": json])
    defer { TestSupport.remove(folder) }

    let manifests = try loader.load(path: folder + "/jobs.json")
    #expect(manifests.map(\.name) == ["from-json"])
    #expect(manifests.first?.kind == "Job")
    #expect(manifests.first?.object[path: ["spec", "completions"]] == 3)
    #expect(manifests.first?.source.line == 2)
  }

  @Test func folderReadsOnlyManifestFilesSortedByName() throws {
    let folder = try TestSupport.folder([
      "b.yml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n",
      "a.YAML": "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n",
      "c.json":
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"c\"}}",
      "notes.txt": "not: [a manifest",
      ".hidden.yaml": "not: [a manifest",
    ])
    defer { TestSupport.remove(folder) }

    let manifests = try loader.load(path: folder)
    #expect(manifests.map(\.name) == ["a", "b", "c"])
  }

  @Test func folderWithBadFilesReportsEachOfThem() throws {
    let good = "apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n"
    let folder = try TestSupport.folder([
      "1-good.yaml": good,
      "2-broken.yaml": "apiVersion: v1\nkind: [Namespace\n",
      "3-invalid.yaml": good + "---\napiVersion: v1\nkind: Namespace\nmetadata: {}\n",
    ])
    defer { TestSupport.remove(folder) }

    let error = #expect(throws: ManifestLoadError.self) { try loader.load(path: folder) }
    let problems = error?.errors ?? []
    #expect(problems.count == 2)
    #expect(problems.first?.file.hasSuffix("2-broken.yaml") == true)
    #expect(problems.first?.line == 3)
    #expect(problems.last?.file.hasSuffix("3-invalid.yaml") == true)
    #expect(problems.last?.line == 7)
    #expect(problems.last?.reason.contains("metadata.name") == true)
    #expect(error?.description.contains("2 problems") == true)
  }

  @Test func missingPathIsReported() {
    let error = #expect(throws: ManifestLoadError.self) {
      try loader.load(path: "/nonexistent-kubeyaml-test/x.yaml")
    }
    #expect(error?.errors.first?.reason == "no such file or folder")
  }
}
