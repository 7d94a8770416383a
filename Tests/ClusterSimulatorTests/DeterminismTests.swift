import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

@Suite struct DeterminismTests {
  func snapshot(seed: UInt64) throws -> [String] {
    let simulator = Simulator(clock: .manual(start: testStart), seed: seed)
    try simulator.load(objects: DemoScenario.objects(now: testStart))
    simulator.run(for: 600, tick: 1)
    var texts: [String] = []
    for path in [
      "/apis/batch/v1/cronjobs", "/apis/batch/v1/jobs", "/api/v1/pods", "/api/v1/events",
    ] {
      texts.append(try simulator.request(path).text)
    }
    return texts
  }

  @Test func twoRunsGiveIdenticalJSON() throws {
    let first = try snapshot(seed: 11)
    let second = try snapshot(seed: 11)
    #expect(first == second)
    #expect(first != (try snapshot(seed: 12)))
  }
}

@Suite struct DemoScenarioTests {
  @Test func demoLoadsAndKeepsChanging() throws {
    let simulator = Simulator(clock: .manual(start: testStart))
    try simulator.loadDemoScenario()
    let namespaces = simulator.store.list(.namespaces).items.map(\.name)
    #expect(namespaces == ["default", "ml-pipeline"])
    var revisions: [Int64] = []
    for _ in 0..<20 {
      simulator.run(for: 30, tick: 1)
      revisions.append(simulator.store.revision)
    }
    #expect(zip(revisions, revisions.dropFirst()).allSatisfy { $0 < $1 })
    let jobs = simulator.store.list(.jobs).items
    func condition(_ name: String) -> [String] {
      jobs.first { $0.name == name }?.array("status", "conditions")
        .filter { $0.string("status") == "True" }.compactMap { $0.string("type") } ?? []
    }
    #expect(condition("batch-processor").contains("Complete"))
    #expect(condition("embedding-refresh").contains("Complete"))
    #expect(condition("document-ingest").contains("Complete"))
    #expect(jobs.first { $0.name == "model-migration" } == nil)
    let failed = jobs.filter { job in
      job.name.hasPrefix("feature-backfill-")
        && job.array("status", "conditions").contains {
          $0.string("reason") == "BackoffLimitExceeded"
        }
    }
    #expect(!failed.isEmpty)
    let pullFailures = simulator.store.list(.pods, namespace: "default").items.filter { pod in
      pod.name.hasPrefix("report-export-")
        && ["ErrImagePull", "ImagePullBackOff"].contains(
          pod[path: ["status", "containerStatuses"]]?[0]?.string("state", "waiting", "reason") ?? ""
        )
    }
    #expect(!pullFailures.isEmpty)
    let cleanups = jobs.filter { $0.name.hasPrefix("log-cleanup-") }
    #expect(cleanups.count >= 3 && cleanups.count <= 5)
    let sync = simulator.store.get(.cronjobs, "ml-pipeline", "embedding-sync")
    #expect(sync?.string("status", "lastSuccessfulTime") != nil)
  }

  @Test func backgroundLoopAdvancesTheScaledClock() throws {
    let clock = VirtualClock(start: testStart, speed: 60)
    let simulator = Simulator(clock: clock)
    try simulator.loadDemoScenario()
    simulator.start(tickInterval: 0.02)
    Thread.sleep(forTimeInterval: 1.5)
    simulator.stop()
    #expect(clock.now.timeIntervalSince(testStart) >= 60)
    #expect(simulator.store.list(.pods).items.count > 0)
    #expect(simulator.store.list(.jobs).items.contains { $0.name.hasPrefix("log-cleanup-") })
  }
}

@Suite struct ConcurrencyTests {
  @Test func watchWhileTheLoopRunsSeesIncreasingVersions() throws {
    let simulator = Simulator(clock: VirtualClock(start: testStart, speed: 100))
    try simulator.loadDemoScenario()
    let collector = StreamCollector()
    collector.start(
      simulator.transport,
      HTTPRequest(
        path: "/api/v1/pods",
        query: [
          QueryItem("watch", "1"), QueryItem("resourceVersion", String(simulator.store.revision)),
        ]))
    simulator.start(tickInterval: 0.01)
    var lists = 0
    let end = Date(timeIntervalSinceNow: 1.5)
    while Date() < end {
      let response = try simulator.request("/apis/batch/v1/jobs")
      #expect(response.json?.string("kind") == "JobList")
      lists += 1
    }
    simulator.stop()
    collector.token.cancel()
    #expect(collector.done.wait(timeout: .now() + 3) == .success)
    let versions = collector.lines.withLock { $0 }.compactMap { line in
      (try? JSONValue.parse(line))?.string("object", "metadata", "resourceVersion").flatMap {
        Int64($0)
      }
    }
    #expect(versions.count > 10)
    #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 })
    #expect(lists > 0)
  }
}
