import APIMachinery
import BatchdeckModel
import ClusterSimulator
import Foundation
import KubeClient
import Logging
import Synchronization
import Testing

@testable import BatchdeckSync

/// Waits until `condition` holds or `timeout` seconds pass; returns whether it held.
func eventually(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if condition() { return true }
    Thread.sleep(forTimeInterval: 0.02)
  }
  return condition()
}

@Suite(.serialized) struct ClusterWatcherTests {
  let start = Date(timeIntervalSince1970: 1_796_342_400)

  /// Every source has listed, and the demo's CronJobs are there.
  static func isSynced(_ snapshot: ClusterSnapshot) -> Bool {
    snapshot.sources.count == 4 && snapshot.sources.values.allSatisfy { $0.hasSynced }
      && snapshot.cronJobs.count >= 5
  }

  func simulator() throws -> Simulator {
    let simulator = Simulator(clock: .manual(start: start))
    try simulator.loadDemoScenario()
    return simulator
  }

  @Test func mirrorsTheClusterThroughListAndWatch() throws {
    let simulator = try simulator()
    let watcher = ClusterWatcher(
      api: KubeAPI(transport: simulator.transport), logger: .disabled,
      clock: { simulator.clock.now }, publishInterval: 0.01)
    watcher.start()
    defer { watcher.stop() }

    #expect(eventually { Self.isSynced(watcher.snapshot) })
    let first = watcher.snapshot
    #expect(first.sources.values.allSatisfy { $0.hasSynced })
    #expect(first.cronJobs.map(\.metadata.name).contains("log-cleanup"))
    #expect(first.jobs.map(\.metadata.name).contains("batch-processor"))

    simulator.run(for: 180, tick: 5)
    #expect(
      eventually {
        watcher.snapshot.jobs.contains { $0.metadata.name.hasPrefix("log-cleanup-") }
      }, "jobs created by the CronJob controller arrive through the watch")
    let later = watcher.snapshot
    #expect(later.generation > first.generation)
    let sorted = later.jobs.map { "\($0.metadata.namespace)/\($0.metadata.name)" }
    #expect(sorted == sorted.sorted())
  }

  @Test func remembersRunsTheClusterDeleted() throws {
    let simulator = try simulator()
    let watcher = ClusterWatcher(
      api: KubeAPI(transport: simulator.transport), logger: .disabled,
      clock: { simulator.clock.now }, publishInterval: 0.01)
    watcher.start()
    defer { watcher.stop() }
    #expect(eventually { Self.isSynced(watcher.snapshot) })

    for _ in 0..<40 {
      simulator.run(for: 30, tick: 5)
      Thread.sleep(forTimeInterval: 0.01)
    }
    let cleanup = try #require(
      watcher.snapshot.cronJobs.first { $0.metadata.name == "log-cleanup" })
    #expect(
      eventually { (watcher.snapshot.rememberedRuns[cleanup.metadata.uid]?.count ?? 0) > 0 },
      "history limits deleted finished Jobs while they were watched")
    let snapshot = watcher.snapshot
    let runs = snapshot.runs(of: cleanup)
    #expect(runs.count > snapshot.jobs(of: cleanup).count)
    #expect(
      runs.filter(\.isRemembered).allSatisfy { run in
        !snapshot.jobs.contains { $0.metadata.uid == run.jobUID }
      })
  }

  @Test func followsAPodLogAndReadsItAgainWhenTheRunChanges() throws {
    let simulator = try simulator()
    simulator.run(for: 60, tick: 2)
    let api = KubeAPI(transport: simulator.transport)
    let pods = try api.list(.pods).items.map(Pod.init(wire:))
    let pod = try #require(
      pods.first { $0.metadata.name.hasPrefix("batch-processor-") && $0.phase == "Running" })
    let follower = LogFollower(api: api, logger: .disabled, tailLines: 50)
    defer { follower.stop() }

    follower.follow(
      namespace: pod.metadata.namespace, pod: pod.metadata.name, container: "worker",
      revision: "0-running")
    #expect(eventually { (follower.tail?.tail.lines.count ?? 0) > 0 })
    let before = follower.tail?.tail.lines ?? []

    simulator.run(for: 30, tick: 1)
    follower.follow(
      namespace: pod.metadata.namespace, pod: pod.metadata.name, container: "worker",
      revision: "0-terminated")
    #expect(eventually { (follower.tail?.tail.lines.count ?? 0) > before.count })
    let after = follower.tail?.tail.lines ?? []
    #expect(Array(after.prefix(before.count)) == before, "no line is repeated or lost")
    #expect(Set(after).count == after.count)
  }
}

/// A transport whose answers a test scripts one request at a time.
final class ScriptedTransport: HTTPTransport {
  typealias Handler = @Sendable (HTTPRequest) -> (Int, [String])

  private let handler: Handler
  let requests = Mutex<[HTTPRequest]>([])

  init(_ handler: @escaping Handler) { self.handler = handler }

  func perform(
    _ request: HTTPRequest, cancellation: CancellationToken?,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) throws(TransportError) {
    let count = requests.withLock {
      $0.append(request)
      return $0.count
    }
    if count > 200 || cancellation?.isCancelled == true { throw .cancelled }
    let (status, chunks) = handler(request)
    if status == 0 { throw .connectionFailed("refused") }
    onHead(HTTPResponseHead(status: status))
    for chunk in chunks where onChunk(Array(chunk.utf8)) == .stop { return }
    if request.queryValue("watch") != nil { Thread.sleep(forTimeInterval: 0.05) }
  }
}

@Suite struct ScriptedReflectorTests {
  static let list =
    #"{"kind":"JobList","metadata":{"resourceVersion":"10"},"#
    + #""items":[{"metadata":{"name":"a","uid":"a","resourceVersion":"10"}}]}"#
  static let modified =
    #"{"type":"MODIFIED","object":{"metadata":{"name":"a","uid":"a","resourceVersion":"12"}}}"#
  static let expired =
    #"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"old"}}"#

  @Test func relistsAfterExpiredAndResumesFromTheLastVersion() {
    let transport = ScriptedTransport { request in
      if request.queryValue("watch") == nil { return (200, [Self.list]) }
      switch request.queryValue("resourceVersion") {
      case "10":
        return (200, [Self.modified + "\n"])
      case "12":
        return (200, [Self.expired + "\n"])
      default:
        return (200, [])
      }
    }
    let updates = Mutex<[String]>([])
    let reflector = ResourceReflector(
      api: KubeAPI(transport: transport), resource: .jobs, namespace: nil, logger: .disabled
    ) { update in
      let name: String
      switch update {
      case .replaced: name = "replaced"
      case .listPage: name = "page"
      case .upserted: name = "upserted"
      case .deleted: name = "deleted"
      case .stillCurrent: name = "current"
      case .failed: name = "failed"
      }
      updates.withLock { $0.append(name) }
    }
    let token = CancellationToken()
    let thread = Thread { reflector.run(cancellation: token) }
    thread.start()
    #expect(eventually { updates.withLock { $0.filter { $0 == "replaced" }.count >= 2 } })
    token.cancel()
    let versions = transport.requests.withLock {
      $0.prefix(4).map { $0.queryValue("resourceVersion") }
    }
    #expect(versions == [nil, "10", "12", nil], "list, watch, resume, re-list after 410")
  }

  @Test func keepsDataAndReportsFailureWhenTheServerIsDown() {
    let transport = ScriptedTransport { _ in (0, []) }
    let updates = Mutex<[ReflectorUpdate]>([])
    let reflector = ResourceReflector(
      api: KubeAPI(transport: transport), resource: .pods, namespace: nil, logger: .disabled
    ) { update in updates.withLock { $0.append(update) } }
    let token = CancellationToken()
    let thread = Thread { reflector.run(cancellation: token) }
    thread.start()
    #expect(eventually { !updates.withLock { $0.isEmpty } })
    token.cancel()
    guard case .failed(let message) = updates.withLock({ $0.first }) else {
      Issue.record("expected a failure")
      return
    }
    #expect(message.contains("refused"))
  }

  @Test func backoffIsCappedAndJittered() {
    var backoff = Backoff(base: 1, cap: 8, seed: 7)
    let delays = (0..<10).map { _ in backoff.nextDelay() }
    #expect(delays.allSatisfy { $0 <= 8 && $0 >= 0.5 })
    #expect(delays[6...].allSatisfy { $0 >= 4 }, "late delays sit in the upper half of the cap")
    #expect(Set(delays).count > 5)
    backoff.reset()
    #expect(backoff.nextDelay() <= 1)
  }
}
