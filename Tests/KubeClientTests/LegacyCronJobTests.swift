import APIMachinery
import Testing

@testable import KubeClient

@Suite struct LegacyCronJobTests {
  @Test func listFallsBackToV1beta1AndWatchFollows() throws {
    let notFound = "{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\",\"message\":\"x\"}"
    let list = """
      {"metadata":{"resourceVersion":"3"},"items":[{"apiVersion":"batch/v1beta1",
       "kind":"CronJob","metadata":{"name":"old","uid":"u"},"spec":{"schedule":"@daily"}}]}
      """
    let transport = ScriptedTransport([
      .init(status: 404, chunks: [notFound]), .init(status: 200, chunks: [list]),
    ])
    let api = KubeAPI(transport: transport)
    let page = try api.list(.cronJobs, namespace: "ml")
    #expect(page.items.count == 1)
    #expect(page.groupVersionPath == "/apis/batch/v1beta1")
    #expect(
      transport.seen.map(\.path) == [
        "/apis/batch/v1/namespaces/ml/cronjobs", "/apis/batch/v1beta1/namespaces/ml/cronjobs",
      ])
    let watch = RequestBuilder.watch(
      .cronJobs, namespace: nil, resourceVersion: "3", timeoutSeconds: 5,
      groupVersion: page.groupVersionPath)
    #expect(watch.path == "/apis/batch/v1beta1/cronjobs")
  }

  @Test func jobsDoNotFallBack() {
    let transport = ScriptedTransport([.init(status: 404, chunks: ["nope"])])
    #expect(throws: KubeError.http(status: 404, body: "nope")) {
      _ = try KubeAPI(transport: transport).list(.jobs)
    }
  }
}
