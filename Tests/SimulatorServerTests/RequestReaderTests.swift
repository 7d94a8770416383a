import APIMachinery
import Testing

@testable import SimulatorServer

@Suite struct RequestReaderTests {
  private func reader(_ text: String, pieceSize: Int = 7) -> HTTPRequestReader {
    var remaining = Array(text.utf8)[...]
    return HTTPRequestReader { limit in
      let piece = Array(remaining.prefix(min(limit, pieceSize)))
      remaining = remaining.dropFirst(piece.count)
      return piece
    }
  }

  @Test func readsTwoKeptAliveRequestsWithBodies() throws {
    var source = reader(
      "POST /apis/batch/v1/namespaces/default/jobs?dryRun=All HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 2\r\n\r\n{}GET /api/v1/pods?labelSelector=a+in+%28x%2Cy%29 HTTP/1.1\r\n"
        + "Connection: close\r\n\r\n")
    let (first, firstKeepAlive) = try source.next()
    #expect(first.method == "POST")
    #expect(first.path == "/apis/batch/v1/namespaces/default/jobs")
    #expect(first.queryValue("dryRun") == "All")
    #expect(first.body == Array("{}".utf8))
    #expect(firstKeepAlive)
    let (second, secondKeepAlive) = try source.next()
    #expect(second.queryValue("labelSelector") == "a in (x,y)")
    #expect(!secondKeepAlive)
    #expect(throws: RequestReadError.closed) { try source.next() }
  }

  @Test func refusesGarbageAndOversizedBodies() {
    var garbage = reader("HELLO\r\n\r\n")
    #expect(throws: RequestReadError.malformed("bad request line")) { try garbage.next() }
    let huge = HTTPRequestReader.maxBodyBytes + 1
    var large = reader("PUT /x HTTP/1.1\r\nContent-Length: \(huge)\r\n\r\n")
    #expect(throws: RequestReadError.tooLarge) { try large.next() }
  }

  @Test func refusesAnEndlessHead() {
    let filler = String(repeating: "X-Filler: abcdefghij\r\n", count: 4000)
    var endless = reader("GET / HTTP/1.1\r\n" + filler, pieceSize: 4096)
    #expect(throws: RequestReadError.tooLarge) { try endless.next() }
  }

  @Test func logsNoCredentialsFromThePath() {
    #expect(HTTPServer.redacted("/sim-0123abcd/api/v1/pods") == "/sim-***/api/v1/pods")
    #expect(HTTPServer.redacted("/sim-0123abcd") == "/sim-***")
    #expect(HTTPServer.redacted("/api/v1/pods") == "/api/v1/pods")
  }

  @Test func chunksAreFramedWithHexLengths() {
    let framed = HTTPResponseWriter.chunkBytes(Array(repeating: 0x61, count: 26))
    #expect(
      String(decoding: framed, as: UTF8.self) == "1a\r\n" + String(repeating: "a", count: 26)
        + "\r\n")
  }
}
