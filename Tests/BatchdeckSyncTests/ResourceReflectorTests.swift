import APIMachinery
import BatchdeckSync
import Foundation
import KubeClient
import Logging
import Synchronization
import TestHTTPServer
import Testing

/// Records what a reflector reports.
final class UpdateLog: Sendable {
  private let entries = Mutex<[String]>([])

  func record(_ update: ReflectorUpdate) {
    let text: String
    switch update {
    case .replaced(let items): text = "replaced \(items.count)"
    case .listPage(let items, _, let isLast): text = "page \(items.count)\(isLast ? " last" : "")"
    case .upserted(let object):
      text = "upserted \(object[path: ["metadata", "name"]]?.stringValue ?? "")"
    case .deleted: text = "deleted"
    case .stillCurrent: text = "current"
    case .failed(let message): text = "failed \(message)"
    }
    entries.withLock { $0.append(text) }
  }

  var all: [String] { entries.withLock { $0 } }

  /// Waits until `predicate` holds, at most `seconds`.
  func wait(seconds: Double, until predicate: ([String]) -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
      if predicate(all) { return true }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return predicate(all)
  }
}

func connection(_ server: TestHTTPServer) -> ClusterConnection {
  ClusterConnection(
    contextName: "t", clusterName: "t", userName: "t", namespace: "default", server: server.url)
}

let listBody = """
  {"kind":"JobList","metadata":{"resourceVersion":"10"},"items":[{"metadata":{"name":"a",
  "namespace":"default","uid":"u1","resourceVersion":"9"}}]}
  """

@Suite struct ResourceReflectorTests {
  @Test func resumesADroppedWatchThenPollsWhenWatchIsRefused() throws {
    let watches = Mutex<[String]>([])
    let server = try TestHTTPServer { request, writer in
      guard request.target.contains("watch=1") else {
        writer.respond(200, body: listBody)
        return
      }
      let count = watches.withLock { list in
        list.append(request.target)
        return list.count
      }
      if count == 1 {
        writer.head(200, headers: ["Content-Type": "application/json"], chunked: true)
        writer.chunk(
          "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"b\",\"uid\":\"u2\","
            + "\"resourceVersion\":\"11\"}}}\n")
        Thread.sleep(forTimeInterval: 0.05)
        writer.drop()
      } else {
        writer.respond(
          405,
          body: "{\"kind\":\"Status\",\"code\":405,\"reason\":\"MethodNotAllowed\","
            + "\"message\":\"watch is not allowed\"}")
      }
    }
    defer { server.stop() }
    let log = UpdateLog()
    let reflector = ResourceReflector(
      api: KubeAPI(transport: CurlTransport(connection: connection(server))), resource: .jobs,
      namespace: "default", logger: .disabled, pollInterval: 0.2
    ) { log.record($0) }
    let token = CancellationToken()
    let thread = Thread { reflector.run(cancellation: token) }
    thread.start()
    defer { token.cancel() }
    let polled = log.wait(seconds: 10) { $0.filter { $0 == "replaced 1" }.count >= 3 }
    #expect(polled)
    let seen = watches.withLock { $0 }
    #expect(seen.count >= 2)
    #expect(seen.first?.contains("resourceVersion=10") == true)
    #expect(seen.dropFirst().first?.contains("resourceVersion=11") == true)
    #expect(log.all.contains("upserted b"))
  }

  @Test func honoursRetryAfterAndKeepsTheError() throws {
    let lists = Mutex<[Date]>([])
    let server = try TestHTTPServer { request, writer in
      if request.target.contains("watch=1") {
        writer.head(200, chunked: true)
        Thread.sleep(forTimeInterval: 0.2)
        writer.end()
        return
      }
      let count = lists.withLock { list in
        list.append(Date())
        return list.count
      }
      if count == 1 {
        writer.respond(429, headers: ["Retry-After": "2"], body: "slow down")
      } else if count == 2 {
        writer.respond(500, body: "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd is sad\"}")
      } else {
        writer.respond(200, body: listBody)
      }
    }
    defer { server.stop() }
    let log = UpdateLog()
    let reflector = ResourceReflector(
      api: KubeAPI(transport: CurlTransport(connection: connection(server))), resource: .jobs,
      namespace: nil, logger: .disabled
    ) { log.record($0) }
    let token = CancellationToken()
    let thread = Thread { reflector.run(cancellation: token) }
    thread.start()
    defer { token.cancel() }
    #expect(log.wait(seconds: 15) { $0.contains("replaced 1") })
    let times = lists.withLock { $0 }
    #expect(times.count >= 3)
    if times.count >= 2 { #expect(times[1].timeIntervalSince(times[0]) >= 1.9) }
    #expect(
      Array(log.all.prefix(2)) == [
        "failed Error from server (TooManyRequests): slow down",
        "failed Error from server: etcd is sad",
      ])
  }
}

/// Polling, entered because the watch was refused, goes back to watching once it is allowed.
@Suite struct ReflectorWatchRetryTests {
  @Test func pollingRetriesTheWatchAndReturnsToIt() throws {
    let watches = Mutex<[String]>([])
    let lists = Atomic<Int>(0)
    let server = try TestHTTPServer { request, writer in
      guard request.target.contains("watch=1") else {
        lists.add(1, ordering: .relaxed)
        writer.respond(200, body: listBody)
        return
      }
      let count = watches.withLock { list in
        list.append(request.target)
        return list.count
      }
      guard count >= 3 else {
        writer.respond(
          403,
          body: "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\","
            + "\"message\":\"jobs is forbidden: cannot watch\"}")
        return
      }
      writer.head(200, headers: ["Content-Type": "application/json"], chunked: true)
      writer.chunk(
        "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"from-watch\",\"uid\":\"u3\","
          + "\"resourceVersion\":\"12\"}}}\n")
      Thread.sleep(forTimeInterval: 2)
      writer.end()
    }
    defer { server.stop() }
    let log = UpdateLog()
    let reflector = ResourceReflector(
      api: KubeAPI(transport: CurlTransport(connection: connection(server))), resource: .jobs,
      namespace: "default", logger: .disabled, pollInterval: 0.1, watchRetryPolls: 2
    ) { log.record($0) }
    let token = CancellationToken()
    let thread = Thread { reflector.run(cancellation: token) }
    thread.start()
    defer { token.cancel() }
    let watched = log.wait(seconds: 15) { $0.contains("upserted from-watch") }
    #expect(watched, "the watch was tried again and its event arrived: \(log.all)")
    let seen = watches.withLock { $0 }
    #expect(seen.count == 3)
    #expect(seen.last?.contains("resourceVersion=10") == true, "resumes from the last poll")
    #expect(lists.load(ordering: .relaxed) >= 5, "1 list, then 2 polls per refused watch")
    let listsWhileWatching = lists.load(ordering: .relaxed)
    Thread.sleep(forTimeInterval: 1)
    #expect(lists.load(ordering: .relaxed) == listsWhileWatching, "no polling while watching")
  }
}
