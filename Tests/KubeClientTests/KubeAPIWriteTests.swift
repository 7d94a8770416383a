import APIMachinery
import Foundation
import Testing

@testable import KubeClient

@Suite struct KubeAPIWriteTests {
  static let cronJob = """
    {"kind":"CronJob","metadata":{"name":"nightly","namespace":"ml","uid":"cj-1"},
     "spec":{"schedule":"0 2 * * *","jobTemplate":{
       "metadata":{"labels":{"team":"ml"},"annotations":{"a":"1",
         "cronjob.kubernetes.io/instantiate":"template"}},
       "spec":{"backoffLimit":2,"template":{"spec":{"containers":[{"name":"m","image":"i"}]}}}}}}
    """

  @Test func suspendIsAMergePatch() throws {
    let transport = ScriptedTransport([.init(status: 200, chunks: ["{}"])])
    try KubeAPI(transport: transport).setSuspended(
      true, .cronJobs, namespace: "ml", name: "nightly")
    let request = try #require(transport.seen.first)
    #expect(request.method == "PATCH")
    #expect(request.path == "/apis/batch/v1/namespaces/ml/cronjobs/nightly")
    #expect(request.header("content-type") == "application/merge-patch+json")
    #expect(String(decoding: request.body, as: UTF8.self) == "{\"spec\":{\"suspend\":true}}")
  }

  @Test func createJobFromCronJobAsKubectlDoes() throws {
    let transport = ScriptedTransport([
      .init(status: 200, chunks: [Self.cronJob]), .init(status: 201, chunks: ["{}"]),
    ])
    try KubeAPI(transport: transport).createJob(
      named: "nightly-manual", fromCronJob: "nightly", namespace: "ml")
    let post = try #require(transport.seen.last)
    #expect(post.method == "POST")
    #expect(post.path == "/apis/batch/v1/namespaces/ml/jobs")
    #expect(post.queryValue("fieldManager") == "kubectl-create")
    let job = try JSONValue.parse(post.body)
    #expect(job["kind"] == "Job")
    #expect(job[path: ["metadata", "name"]] == "nightly-manual")
    #expect(job[path: ["metadata", "namespace"]] == nil)
    #expect(
      job[path: ["metadata", "annotations"]] == [
        "cronjob.kubernetes.io/instantiate": "template", "a": "1",
      ])
    #expect(job[path: ["metadata", "labels"]] == ["team": "ml"])
    #expect(
      job[path: ["metadata", "ownerReferences"]] == [
        [
          "apiVersion": "batch/v1", "kind": "CronJob", "name": "nightly", "uid": "cj-1",
          "controller": true,
        ]
      ])
    #expect(job[path: ["spec", "backoffLimit"]] == 2)
  }

  @Test func deleteSendsPropagationAndStatusMessagesStayVerbatim() throws {
    let forbidden = """
      {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
       "message":
       "jobs.batch \\"x\\" is forbidden: User \\"bob\\" cannot delete resource \\"jobs\\""}
      """
    let transport = ScriptedTransport([.init(status: 403, chunks: [forbidden])])
    #expect {
      try KubeAPI(transport: transport).delete(
        .jobs, namespace: "ml", name: "x", propagation: .foreground)
    } throws: { error in
      guard case .api(let status) = error as? KubeError else { return false }
      return status.message
        == "jobs.batch \"x\" is forbidden: User \"bob\" cannot delete resource \"jobs\""
    }
    let request = try #require(transport.seen.first)
    #expect(request.method == "DELETE")
    #expect(try JSONValue.parse(request.body)["propagationPolicy"] == "Foreground")
  }

  @Test func killSendsAZeroGracePeriodAndPlainDeletesNone() throws {
    let transport = ScriptedTransport([
      .init(status: 200, chunks: ["{}"]), .init(status: 200, chunks: ["{}"]),
    ])
    let api = KubeAPI(transport: transport)
    try api.delete(.pods, namespace: "ml", name: "p", gracePeriodSeconds: 0)
    try api.delete(.pods, namespace: "ml", name: "p")
    let kill = try JSONValue.parse(try #require(transport.seen.first).body)
    #expect(kill["gracePeriodSeconds"] == .int(0))
    #expect(kill["propagationPolicy"] == "Background")
    let plain = try JSONValue.parse(try #require(transport.seen.last).body)
    #expect(plain["gracePeriodSeconds"] == nil)
  }

  @Test func accessReview() throws {
    let transport = ScriptedTransport([
      .init(status: 201, chunks: ["{\"status\":{\"allowed\":false,\"reason\":\"no RBAC\"}}"])
    ])
    let result = try KubeAPI(transport: transport).canI(
      "patch", "cronjobs", group: "batch", namespace: "ml")
    #expect(result == AccessReviewResult(allowed: false, reason: "no RBAC"))
    let body = try JSONValue.parse(try #require(transport.seen.first).body)
    #expect(
      body[path: ["spec", "resourceAttributes"]] == [
        "verb": "patch", "resource": "cronjobs", "group": "batch", "namespace": "ml",
      ])
  }
}
