import APIMachinery
import Testing

@testable import KubeClient

/// `KubeAPI.retryingWhenAsked`: calls again only when the server asked, waiting what it said.
@Suite struct RetryWhenAskedTests {
  static func answer(_ status: Int, retryAfter: String?) -> KubeError {
    KubeError.from(
      status: status, headers: retryAfter.map { ["Retry-After": $0] } ?? [:], body: [])
  }

  @Test func retriesTooManyRequestsAfterTheWaitTheServerNamed() throws {
    var calls = 0
    var waits: [Double] = []
    let list = { () throws(KubeError) -> String in
      calls += 1
      if calls < 3 { throw Self.answer(429, retryAfter: calls == 1 ? "2" : "30") }
      return "listed"
    }
    let value = try KubeAPI.retryingWhenAsked(sleep: { waits.append($0) }, list)
    #expect(value == "listed")
    #expect(calls == 3)
    #expect(waits == [2, 10], "the second wait is capped at 10 s")
  }

  @Test func givesUpAfterTheLastRetryWithTheServersError() {
    var calls = 0
    let list = { () throws(KubeError) -> Int in
      calls += 1
      throw Self.answer(503, retryAfter: "1")
    }
    #expect(throws: Self.answer(503, retryAfter: "1")) {
      try KubeAPI.retryingWhenAsked(maxRetries: 2, sleep: { _ in }, list)
    }
    #expect(calls == 3)
  }

  @Test(arguments: [(403, "1"), (500, nil), (404, nil), (429, "0")] as [(Int, String?)])
  func doesNotRetryWhatTheServerDidNotAskFor(status: Int, retryAfter: String?) {
    var calls = 0
    let list = { () throws(KubeError) -> Int in
      calls += 1
      throw Self.answer(status, retryAfter: retryAfter)
    }
    #expect(throws: KubeError.self) {
      try KubeAPI.retryingWhenAsked(sleep: { _ in }, list)
    }
    #expect(calls == 1)
  }
}
