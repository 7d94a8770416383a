import APIMachinery
import Foundation
import Synchronization
import Testing

@testable import KubeClient

/// A transport that answers from a script and records what it was asked.
final class ScriptedTransport: HTTPTransport {
  struct Reply: Sendable {
    var status: Int
    var chunks: [String]
  }

  private let replies: Mutex<[Reply]>
  private let requests = Mutex<[HTTPRequest]>([])

  init(_ replies: [Reply]) { self.replies = Mutex(replies) }

  var seen: [HTTPRequest] { requests.withLock { $0 } }

  func perform(
    _ request: HTTPRequest, cancellation: CancellationToken?,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) throws(TransportError) {
    requests.withLock { $0.append(request) }
    let next: Reply? = replies.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    guard let reply = next else { throw .connectionFailed("no more replies") }
    onHead(HTTPResponseHead(status: reply.status))
    for chunk in reply.chunks where onChunk(Array(chunk.utf8)) == .stop { return }
  }
}

@Suite struct KubeAPITests {
  @Test func buildsListAndWatchRequests() {
    let list = RequestBuilder.list(
      .cronJobs, namespace: "ml", labelSelector: "app=x", limit: 500, continueToken: "abc")
    #expect(list.path == "/apis/batch/v1/namespaces/ml/cronjobs")
    #expect(list.queryValue("limit") == "500")
    #expect(list.queryValue("continue") == "abc")
    #expect(list.queryValue("labelSelector") == "app=x")
    let watch = RequestBuilder.watch(
      .pods, namespace: nil, resourceVersion: "42", timeoutSeconds: 60)
    #expect(watch.path == "/api/v1/pods")
    #expect(watch.queryValue("watch") == "1")
    #expect(watch.queryValue("resourceVersion") == "42")
    #expect(watch.queryValue("allowWatchBookmarks") == "true")
    let log = RequestBuilder.log(
      namespace: "d", pod: "p", container: "c", tailLines: 10, follow: true, timestamps: false)
    #expect(log.path == "/api/v1/namespaces/d/pods/p/log")
    #expect(log.queryValue("follow") == "true")
  }

  @Test func listFollowsContinueTokens() throws {
    let transport = ScriptedTransport([
      .init(
        status: 200,
        chunks: [#"{"metadata":{"resourceVersion":"7","continue":"t1"},"#, #""items":[{"a":1}]}"#]),
      .init(status: 200, chunks: [#"{"metadata":{"resourceVersion":"9"},"items":[{"a":2}]}"#]),
    ])
    let page = try KubeAPI(transport: transport).list(.jobs, pageSize: 1)
    #expect(page.items.count == 2)
    #expect(page.resourceVersion == "7", "all pages belong to the first page's version")
    #expect(transport.seen.map { $0.queryValue("continue") } == [nil, "t1"])
  }

  @Test func apiErrorsKeepTheServerMessage() {
    let transport = ScriptedTransport([
      .init(
        status: 403,
        chunks: [
          #"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","#
            + #""message":"jobs.batch is forbidden: User \"me\" cannot list","code":403}"#
        ])
    ])
    #expect(
      throws: KubeError.api(
        APIStatus(
          code: 403, reason: "Forbidden",
          message: #"jobs.batch is forbidden: User "me" cannot list"#))
    ) {
      try KubeAPI(transport: transport).list(.jobs)
    }
  }

  @Test func watchSplitsLinesAcrossChunks() throws {
    let transport = ScriptedTransport([
      .init(
        status: 200,
        chunks: [
          #"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}"# + "\n"
            + #"{"type":"MODI"#,
          #"FIED","object":{"metadata":{"name":"a"}}}"# + "\n"
            + #"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"8"}}}"# + "\n"
            + #"{"type":"ERROR","object":{"kind":"Status","code":410,"#
            + #""reason":"Expired","message":"old"}}"#
            + "\n",
        ])
    ])
    var events: [WatchEvent] = []
    try KubeAPI(transport: transport).watch(.jobs, resourceVersion: "1") { event in
      events.append(event)
      return .proceed
    }
    #expect(events.count == 4)
    #expect(events[2] == .bookmark(resourceVersion: "8"))
    if case .error(let status) = events[3] {
      #expect(status.code == 410)
    } else {
      Issue.record("expected an ERROR event")
    }
  }

  @Test func transportFailureIsTyped() {
    #expect(throws: KubeError.transport(.connectionFailed("no more replies"))) {
      try KubeAPI(transport: ScriptedTransport([])).list(.pods)
    }
  }
}
