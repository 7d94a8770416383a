import APIMachinery
import BatchdeckModel
import ClusterSimulator
import Foundation
import KubeClient
import Logging
import Testing

@testable import BatchdeckSync

/// The YAML view's fetcher and the log view's streams against the simulated cluster.
@Suite struct DetailFeedsTests {
  let start = Date(timeIntervalSince1970: 1_796_342_400)

  func cluster() throws -> (Simulator, KubeAPI) {
    let simulator = Simulator(clock: .manual(start: start))
    try simulator.loadDemoScenario()
    simulator.run(for: 40, tick: 1)
    return (simulator, KubeAPI(transport: simulator.transport))
  }

  func podNames(of job: String, api: KubeAPI) throws -> [String] {
    try api.list(.pods, namespace: "default", labelSelector: "job-name=\(job)").items
      .compactMap { $0[path: ["metadata", "name"]]?.stringValue }
  }

  @Test func theYAMLViewShowsTheObjectAsServedWithoutManagedFields() throws {
    let (_, api) = try cluster()
    let fetcher = ObjectDocumentFetcher(api: api, logger: .disabled, refreshInterval: 0.05)
    let target = ObjectRef(kind: .cronJob, namespace: "default", name: "log-cleanup")
    fetcher.open(target)
    defer { fetcher.close() }
    #expect(eventually { !(fetcher.document?.lines.isEmpty ?? true) })
    let lines = try #require(fetcher.document?.lines)
    #expect(lines.first == "apiVersion: batch/v1")
    #expect(lines.contains("kind: CronJob"))
    #expect(lines.contains("  name: log-cleanup"))
    #expect(lines.contains("  schedule: '* * * * *'"))
    #expect(!lines.contains { $0.contains("managedFields") })
    try api.setSuspended(true, .cronJobs, namespace: "default", name: "log-cleanup")
    #expect(
      eventually { fetcher.document?.lines.contains("  suspend: true") ?? false },
      "the open view follows the object")
    let missing = ObjectRef(kind: .job, namespace: "default", name: "no-such-job")
    fetcher.open(missing)
    #expect(eventually { fetcher.document?.error != nil })
    #expect(fetcher.document?.target == missing)
    #expect(fetcher.document?.error?.contains("not found") == true)
  }

  @Test func aJobsPodsInterleaveWithTheirNamesInOneBoundedBuffer() throws {
    let (simulator, api) = try cluster()
    let pods = try podNames(of: "batch-processor", api: api)
    #expect(pods.count >= 2)
    let feed = LogViewFeed(api: api, logger: .disabled, maxLines: 3)
    feed.open(
      LogViewRequest(
        namespace: "default",
        sources: pods.map { LogViewRequest.Source(pod: $0, container: "worker") },
        prefixesPod: true))
    defer { feed.close() }
    simulator.run(for: 60, tick: 1)
    #expect(
      eventually {
        let lines = feed.tail?.tail.lines ?? []
        return Set(lines.compactMap { $0.split(separator: " ").first.map(String.init) }).count >= 2
          || (feed.tail?.tail.droppedLines ?? 0) > 0
      })
    let tail = try #require(feed.tail?.tail)
    #expect(tail.lines.count <= 3)
    #expect(tail.lines.allSatisfy { line in pods.contains { line.hasPrefix("\($0) ") } })
    #expect(eventually { (feed.tail?.tail.droppedLines ?? 0) > 0 }, "older lines are counted")
  }

  @Test func timestampsAndPreviousAreAskedOfTheServer() throws {
    let (simulator, api) = try cluster()
    let pod = try #require(try podNames(of: "batch-processor", api: api).first)
    let feed = LogViewFeed(api: api, logger: .disabled)
    feed.open(
      LogViewRequest(
        namespace: "default", sources: [LogViewRequest.Source(pod: pod, container: "worker")],
        timestamps: true))
    simulator.run(for: 20, tick: 1)
    #expect(eventually { !(feed.tail?.tail.lines.isEmpty ?? true) })
    let line = try #require(feed.tail?.tail.lines.first)
    #expect(line.hasPrefix("2026-12-04T00:"), "an RFC 3339 time starts the line: \(line)")
    feed.open(
      LogViewRequest(
        namespace: "default", sources: [LogViewRequest.Source(pod: pod, container: "worker")],
        previous: true))
    #expect(eventually { feed.tail?.tail.error != nil })
    #expect(feed.tail?.tail.error?.contains("previous terminated container") == true)
    #expect(feed.tail?.tail.lines.isEmpty == true, "a changed option starts a new buffer")
    feed.close()
    #expect(feed.tail == nil)
  }

  @Test func newPodsJoinTheBufferAndAnotherContainerStartsItAgain() throws {
    let (simulator, api) = try cluster()
    let pods = try podNames(of: "batch-processor", api: api)
    let first = try #require(pods.first)
    let feed = LogViewFeed(api: api, logger: .disabled)
    defer { feed.close() }
    let one = LogViewRequest.Source(pod: first, container: "worker")
    feed.open(LogViewRequest(namespace: "default", sources: [one], prefixesPod: true))
    simulator.run(for: 10, tick: 1)
    #expect(eventually { !(feed.tail?.tail.lines.isEmpty ?? true) })
    let before = try #require(feed.tail?.tail.lines)
    let others = pods.dropFirst().map { LogViewRequest.Source(pod: $0, container: "worker") }
    feed.open(
      LogViewRequest(namespace: "default", sources: [one] + others, prefixesPod: true))
    #expect(
      eventually {
        let lines = feed.tail?.tail.lines ?? []
        return lines.starts(with: before) && lines.contains { !$0.hasPrefix(first + " ") }
      }, "the first pod's lines stay and the others' arrive")
    feed.open(
      LogViewRequest(
        namespace: "default", sources: [LogViewRequest.Source(pod: first, container: "nope")],
        prefixesPod: true))
    #expect(eventually { feed.tail?.tail.error?.contains("nope") ?? false })
    #expect(feed.tail?.tail.lines.isEmpty == true)
  }
}
