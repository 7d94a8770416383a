import APIMachinery
import Foundation
import Synchronization
import Testing

@testable import ClusterSimulator

@Suite struct APIServerTests {
  let jobsPath = "/apis/batch/v1/namespaces/default/jobs"

  @Test func listHasKindVersionAndItemsWithoutTypeMeta() throws {
    let simulator = try makeSimulator(objects: [jobManifest("a"), jobManifest("b")])
    let response = try simulator.request(jobsPath)
    #expect(response.status == 200)
    #expect(response.headers["Content-Type"] == "application/json")
    let list = try #require(response.json)
    #expect(list.string("kind") == "JobList")
    #expect(list.string("apiVersion") == "batch/v1")
    #expect(list.string("metadata", "resourceVersion") == String(simulator.store.revision))
    #expect(list.array("items").map(\.name) == ["a", "b"])
    #expect(list.array("items").allSatisfy { $0["kind"] == nil })
    let all = try simulator.request("/apis/batch/v1/jobs")
    #expect(all.json?.array("items").count == 2)
    let namespaces = try simulator.request("/api/v1/namespaces")
    #expect(namespaces.json?.string("kind") == "NamespaceList")
  }

  @Test func labelAndFieldSelectors() throws {
    var labelled = jobManifest("tagged")
    labelled[path: ["metadata", "labels"]] = ["team": "ml", "tier": "batch"]
    let simulator = try makeSimulator(objects: [labelled, jobManifest("plain")])
    func names(_ query: [(String, String)]) throws -> [String] {
      try simulator.request(jobsPath, query: query).json?.array("items").map(\.name) ?? []
    }
    #expect(try names([("labelSelector", "team=ml")]) == ["tagged"])
    #expect(try names([("labelSelector", "team!=ml")]) == ["plain"])
    #expect(try names([("labelSelector", "team in (ml,web),tier")]) == ["tagged"])
    #expect(try names([("labelSelector", "team notin (ml)")]) == ["plain"])
    #expect(try names([("labelSelector", "!team")]) == ["plain"])
    #expect(try names([("fieldSelector", "metadata.name=plain")]) == ["plain"])
    let bad = try simulator.request(jobsPath, query: [("fieldSelector", "spec.nope=1")])
    #expect(bad.status == 400)
  }

  @Test func limitAndContinue() throws {
    let simulator = try makeSimulator(objects: (0..<5).map { jobManifest("j\($0)") })
    let first = try #require(try simulator.request(jobsPath, query: [("limit", "2")]).json)
    #expect(first.array("items").map(\.name) == ["j0", "j1"])
    let token = try #require(first.string("metadata", "continue"))
    #expect(first.int("metadata", "remainingItemCount") == 3)
    let second = try simulator.request(jobsPath, query: [("limit", "10"), ("continue", token)])
    #expect(second.json?.array("items").map(\.name) == ["j2", "j3", "j4"])
    #expect(second.json?.string("metadata", "continue") == nil)
  }

  @Test func getMissingObjectIsNotFoundStatus() throws {
    let simulator = try makeSimulator()
    let response = try simulator.request(jobsPath + "/ghost")
    #expect(response.status == 404)
    #expect(response.json?.string("kind") == "Status")
    #expect(response.json?.string("reason") == "NotFound")
    #expect(response.json?.string("message") == "jobs.batch \"ghost\" not found")
    let pod = try simulator.request("/api/v1/namespaces/default/pods/ghost")
    #expect(pod.json?.string("message") == "pods \"ghost\" not found")
    let unknown = try simulator.request("/apis/batch/v1/namespaces/default/widgets")
    #expect(unknown.status == 404)
    let method = try simulator.request("DELETE", jobsPath)
    #expect(method.status == 405)
  }

  @Test func createConflictAndInvalidSchedule() throws {
    let simulator = try makeSimulator()
    let created = try simulator.request("POST", jobsPath, body: jobManifest("new"))
    #expect(created.status == 201)
    #expect(created.json?.int("spec", "backoffLimit") == 6)
    let again = try simulator.request("POST", jobsPath, body: jobManifest("new"))
    #expect(again.status == 409)
    #expect(again.json?.string("message") == "jobs.batch \"new\" already exists")
    let bad = try simulator.request(
      "POST", "/apis/batch/v1/namespaces/default/cronjobs",
      body: cronJobManifest("broken", schedule: "every day"))
    #expect(bad.status == 422)
    #expect(bad.json?.string("reason") == "Invalid")
    #expect(
      bad.json?.string("message")?.hasPrefix(
        "CronJob.batch \"broken\" is invalid: spec.schedule: Invalid value: \"every day\"") == true)
    var homeless = jobManifest("x")
    homeless[path: ["metadata", "namespace"]] = nil
    let nowhere = try simulator.request(
      "POST", "/apis/batch/v1/namespaces/elsewhere/jobs", body: homeless)
    #expect(nowhere.status == 404)
  }

  @Test func mergePatchSuspendsACronJob() throws {
    let simulator = try makeSimulator(objects: [cronJobManifest("tick")])
    let path = "/apis/batch/v1/namespaces/default/cronjobs/tick"
    let patched = try simulator.request(
      "PATCH", path, body: ["spec": ["suspend": true]], contentType: "application/merge-patch+json")
    #expect(patched.status == 200)
    #expect(patched.json?.bool("spec", "suspend") == true)
    #expect(patched.json?.int("metadata", "generation") == 2)
    #expect(patched.json?.string("spec", "schedule") == "* * * * *")
    simulator.run(for: 120)
    #expect(simulator.store.list(.jobs).items.isEmpty)
    let strategic = try simulator.request(
      "PATCH", path, body: ["spec": ["suspend": false]],
      contentType: "application/strategic-merge-patch+json")
    #expect(strategic.json?.bool("spec", "suspend") == false)
    let unsupported = try simulator.request(
      "PATCH", path, body: [], contentType: "application/json-patch+json")
    #expect(unsupported.status == 415)
  }

  @Test func deleteWithPropagationCascades() throws {
    let long = podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"])
    let simulator = try makeSimulator(objects: [jobManifest("gone", template: long)])
    simulator.run(for: 5)
    #expect(simulator.pods(ownedBy: "gone").count == 1)
    let deleted = try simulator.request(
      "DELETE", jobsPath + "/gone",
      body: ["kind": "DeleteOptions", "propagationPolicy": "Background"])
    #expect(deleted.status == 200)
    #expect(simulator.job("gone") == nil)
    simulator.run(for: 5)
    #expect(simulator.store.list(.pods).items.isEmpty)
    let missing = try simulator.request("DELETE", jobsPath + "/gone")
    #expect(missing.status == 404)
  }

  @Test func discoveryAndVersion() throws {
    let simulator = try makeSimulator()
    #expect(try simulator.request("/version").json?.string("major") == "1")
    #expect(try simulator.request("/api").json?.string("kind") == "APIVersions")
    #expect(try simulator.request("/apis").json?.string("kind") == "APIGroupList")
    let batch = try simulator.request("/apis/batch/v1").json
    #expect(batch?.array("resources").contains { $0.string("name") == "cronjobs" } == true)
    let core = try simulator.request("/api/v1").json
    #expect(core?.array("resources").contains { $0.string("name") == "pods/log" } == true)
  }
}

@Suite struct AccessReviewTests {
  @Test func everythingIsAllowed() throws {
    let simulator = try makeSimulator()
    let review: JSONValue = [
      "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
      "spec": [
        "resourceAttributes": [
          "namespace": "default", "verb": "list", "group": "batch", "resource": "jobs",
        ]
      ],
    ]
    let response = try simulator.request(
      "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: review)
    #expect(response.status == 201)
    #expect(response.json?.bool("status", "allowed") == true)
    #expect(response.json?.string("spec", "resourceAttributes", "verb") == "list")
  }
}

@Suite struct PathQueryTests {
  @Test func queryInThePathIsUnderstood() throws {
    var tagged = jobManifest("tagged")
    tagged[path: ["metadata", "labels"]] = ["team": "ml"]
    let simulator = try makeSimulator(objects: [tagged, jobManifest("plain")])
    let response = try simulator.request("/apis/batch/v1/jobs?labelSelector=team%3Dml&limit=5")
    #expect(response.json?.array("items").map(\.name) == ["tagged"])
  }
}
