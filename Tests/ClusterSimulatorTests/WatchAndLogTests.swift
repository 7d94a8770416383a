import APIMachinery
import Foundation
import Synchronization
import Testing

@testable import ClusterSimulator

/// Collects watch or log lines from a background request.
final class StreamCollector: Sendable {
  let lines = Mutex<[String]>([])
  let done = DispatchSemaphore(value: 0)
  let token = CancellationToken()

  func start(_ transport: any HTTPTransport, _ request: HTTPRequest) {
    let thread = Thread { [self] in
      var splitter = LineSplitter()
      try? transport.perform(
        request, cancellation: token, onHead: { _ in },
        onChunk: { chunk in
          let found = splitter.append(chunk).map { String(decoding: $0, as: UTF8.self) }
          self.lines.withLock { $0 += found }
          return .proceed
        })
      done.signal()
    }
    thread.start()
  }

  func waitUntil(count: Int, seconds: Double = 5) -> [String] {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
      let current = lines.withLock { $0 }
      if current.count >= count { return current }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return lines.withLock { $0 }
  }
}

@Suite struct WatchAndLogTests {
  @Test func watchSendsAddedThenModifiedAndEndsOnCancel() throws {
    let simulator = try makeSimulator()
    let revision = simulator.store.revision
    let collector = StreamCollector()
    collector.start(
      simulator.transport,
      HTTPRequest(
        path: "/apis/batch/v1/namespaces/default/jobs",
        query: [QueryItem("watch", "1"), QueryItem("resourceVersion", String(revision))]))
    _ = try simulator.request(
      "POST", "/apis/batch/v1/namespaces/default/jobs", body: jobManifest("watched"))
    simulator.run(for: 2)
    let lines = collector.waitUntil(count: 2)
    let events = lines.compactMap { try? JSONValue.parse($0) }
    #expect(events.first?.string("type") == "ADDED")
    #expect(events.first?.string("object", "metadata", "name") == "watched")
    #expect(events.dropFirst().first?.string("type") == "MODIFIED")
    #expect(events.first?.string("object", "kind") == "Job")
    collector.token.cancel()
    #expect(collector.done.wait(timeout: .now() + 3) == .success)
  }

  @Test func watchFromTooOldRevisionGetsExpired() throws {
    let simulator = try makeSimulator()
    let collector = StreamCollector()
    for index in 0..<10 {
      _ = try simulator.request(
        "POST", "/apis/batch/v1/namespaces/default/jobs", body: jobManifest("j\(index)"))
    }
    let store = simulator.store
    let oldest = store.oldestWatchable
    #expect(oldest <= 1)
    let small = Simulator(clock: .manual(start: testStart))
    let tiny = ObjectStore(clock: small.clock, seed: 1, changeWindow: 2)
    for index in 0..<10 {
      _ = try tiny.create(.jobs, ["metadata": ["name": .string("x\(index)"), "namespace": "d"]])
    }
    let server = SimulatedAPIServer(store: tiny, logs: PodLogStore(), logger: .disabled)
    collector.start(
      server,
      HTTPRequest(
        path: "/apis/batch/v1/jobs",
        query: [QueryItem("watch", "true"), QueryItem("resourceVersion", "2")]))
    #expect(collector.done.wait(timeout: .now() + 3) == .success)
    let event = try JSONValue.parse(collector.lines.withLock { $0.first ?? "" })
    #expect(event.string("type") == "ERROR")
    #expect(event.int("object", "code") == 410)
    #expect(event.string("object", "reason") == "Expired")
    #expect(event.string("object", "message")?.hasPrefix("too old resource version: 2 (") == true)
  }

  @Test func watchSendsBookmarks() throws {
    let simulator = try makeSimulator()
    simulator.server.bookmarkInterval = 0.1
    let collector = StreamCollector()
    collector.start(
      simulator.transport,
      HTTPRequest(
        path: "/api/v1/pods",
        query: [
          QueryItem("watch", "1"), QueryItem("resourceVersion", String(simulator.store.revision)),
          QueryItem("allowWatchBookmarks", "true"), QueryItem("timeoutSeconds", "1"),
        ]))
    #expect(collector.done.wait(timeout: .now() + 5) == .success)
    let first = try JSONValue.parse(collector.lines.withLock { $0.first ?? "" })
    #expect(first.string("type") == "BOOKMARK")
    #expect(first.string("object", "kind") == "Pod")
  }

  @Test func logsWithTailLinesAndTimestamps() throws {
    let script = "echo one; echo two; sleep 2; echo three; echo \"four from $(hostname)\""
    let simulator = try makeSimulator(objects: [
      jobManifest("talk", template: podTemplate(script: script))
    ])
    simulator.run(for: 10)
    let pod = try #require(simulator.pods(ownedBy: "talk").first)
    let path = "/api/v1/namespaces/default/pods/\(pod.name)/log"
    let all = try simulator.request(path)
    #expect(all.status == 200)
    #expect(all.text == "one\ntwo\nthree\nfour from \(pod.name)\n")
    let tail = try simulator.request(path, query: [("tailLines", "2")])
    #expect(tail.text == "three\nfour from \(pod.name)\n")
    let stamped = try simulator.request(path, query: [("tailLines", "1"), ("timestamps", "true")])
    #expect(stamped.text.hasPrefix("2024-01-01T00:00:"))
    #expect(stamped.text.contains(".000000000Z four from"))
    let limited = try simulator.request(path, query: [("limitBytes", "5")])
    #expect(limited.text == "one\nt")
    let wrong = try simulator.request(path, query: [("container", "nope")])
    #expect(wrong.status == 400)
  }

  @Test func followStreamsNewLinesUntilTheContainerExits() throws {
    let script = "echo start; sleep 3; echo middle; sleep 3; echo end"
    let simulator = try makeSimulator(objects: [
      jobManifest("stream", template: podTemplate(script: script))
    ])
    simulator.run(for: 3)
    let pod = try #require(simulator.pods(ownedBy: "stream").first)
    let collector = StreamCollector()
    collector.start(
      simulator.transport,
      HTTPRequest(
        path: "/api/v1/namespaces/default/pods/\(pod.name)/log",
        query: [QueryItem("follow", "true")]))
    #expect(collector.waitUntil(count: 1) == ["start"])
    simulator.run(for: 3)
    #expect(collector.waitUntil(count: 2) == ["start", "middle"])
    simulator.run(for: 4)
    #expect(collector.done.wait(timeout: .now() + 3) == .success)
    #expect(collector.lines.withLock { $0 } == ["start", "middle", "end"])
  }

  @Test func logsOfAWaitingContainerAreABadRequest() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest("pull", template: podTemplate(image: "your-registry/thing:v1"))
    ])
    simulator.run(for: 4)
    let pod = try #require(simulator.pods(ownedBy: "pull").first)
    let response = try simulator.request("/api/v1/namespaces/default/pods/\(pod.name)/log")
    #expect(response.status == 400)
    #expect(response.json?.string("message")?.contains("is waiting to start") == true)
  }
}

@Suite struct MoreAPITests {
  @Test func previousLogsShowTheFailedRun() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "again",
        template: podTemplate(
          script: "echo attempt; sleep 2", restartPolicy: "OnFailure",
          annotations: ["sim.batchdeck.dev/fail-times": "1"]))
    ])
    let pod0 = simulator.pods(ownedBy: "again")
    #expect(pod0.isEmpty)
    simulator.run(for: 4)
    let pod = try #require(simulator.pods(ownedBy: "again").first)
    let path = "/api/v1/namespaces/default/pods/\(pod.name)/log"
    let none = try simulator.request(path, query: [("previous", "true")])
    #expect(none.status == 400)
    simulator.run(for: 20)
    let previous = try simulator.request(path, query: [("previous", "true")])
    #expect(previous.text == "attempt\nerror: attempt 1 failed (exit code 1)\n")
    #expect(try simulator.request(path).text == "attempt\n")
    let recent = try simulator.request(path, query: [("sinceSeconds", "1")])
    #expect(recent.text.isEmpty)
  }

  @Test func deletingARunningPodThroughTheAPIGetsItReplaced() throws {
    let long = podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"])
    let simulator = try makeSimulator(objects: [jobManifest("svc", template: long)])
    simulator.run(for: 5)
    let pod = try #require(simulator.pods(ownedBy: "svc").first)
    let path = "/api/v1/namespaces/default/pods/\(pod.name)"
    let response = try simulator.request("DELETE", path)
    #expect(response.status == 200)
    #expect(response.json?.string("metadata", "deletionTimestamp") != nil)
    #expect(response.json?.int("metadata", "deletionGracePeriodSeconds") == 30)
    simulator.run(for: 2)
    #expect(try simulator.request(path).status == 404)
    #expect(simulator.job("svc")?.int("status", "failed") == 1)
    simulator.run(for: 12)
    #expect(simulator.pods(ownedBy: "svc").count == 1)
    #expect(simulator.pods(ownedBy: "svc").first?.name != pod.name)
  }

  @Test func watchHonoursTheLabelSelectorAndLegacyPath() throws {
    let simulator = try makeSimulator()
    let revision = String(simulator.store.revision)
    let collector = StreamCollector()
    collector.start(
      simulator.transport,
      HTTPRequest(
        path: "/apis/batch/v1/watch/namespaces/default/jobs",
        query: [QueryItem("resourceVersion", revision), QueryItem("labelSelector", "pick=yes")]))
    var chosen = jobManifest("chosen", spec: ["suspend": true])
    chosen[path: ["metadata", "labels"]] = ["pick": "yes"]
    _ = try simulator.request(
      "POST", "/apis/batch/v1/namespaces/default/jobs", body: jobManifest("other"))
    _ = try simulator.request("POST", "/apis/batch/v1/namespaces/default/jobs", body: chosen)
    let lines = collector.waitUntil(count: 1)
    collector.token.cancel()
    #expect(collector.done.wait(timeout: .now() + 3) == .success)
    let names = lines.compactMap { try? JSONValue.parse($0) }.compactMap {
      $0.string("object", "metadata", "name")
    }
    #expect(names == ["chosen"])
  }

  @Test func namespacedGetAndStatusSubresource() throws {
    let simulator = try makeSimulator(objects: [jobManifest("one")])
    simulator.run(for: 2)
    let status = try simulator.request("/apis/batch/v1/namespaces/default/jobs/one/status")
    #expect(status.status == 200)
    #expect(status.json?.string("kind") == "Job")
    let namespace = try simulator.request("/api/v1/namespaces/default")
    #expect(namespace.json?.string("status", "phase") == "Active")
  }
}
