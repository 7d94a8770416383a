import APIMachinery
import Foundation

/// Why a request could not be read; each maps to one HTTP error status.
enum RequestReadError: Error, Equatable {
  /// The peer closed the connection before a new request began (the normal end).
  case closed
  /// Bytes that are not an HTTP/1.1 request.
  case malformed(String)
  /// The head or the body is larger than allowed.
  case tooLarge

  var status: Int {
    switch self {
    case .closed: 0
    case .malformed: 400
    case .tooLarge: 413
    }
  }
}

/// Reads HTTP/1.1 requests from a byte source, within fixed size limits.
struct HTTPRequestReader {
  /// The largest request line plus headers accepted.
  static let maxHeadBytes = 64 * 1024
  /// The largest body accepted.
  static let maxBodyBytes = 8 * 1024 * 1024

  private var buffer: [UInt8] = []
  private let source: (Int) -> [UInt8]

  /// `source(n)` returns up to n bytes, or none at the end of the stream.
  init(source: @escaping (Int) -> [UInt8]) {
    self.source = source
  }

  /// The next request and whether the client wants the connection kept open after it.
  mutating func next() throws(RequestReadError) -> (HTTPRequest, keepAlive: Bool) {
    let head = try readHead()
    let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
    let parts = lines[0].split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
      throw .malformed("bad request line")
    }
    var headers: [(name: String, value: String)] = []
    for line in lines.dropFirst() where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { throw .malformed("bad header line") }
      let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
      let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      headers.append((name, value))
    }
    var request = Self.split(target: String(parts[1]))
    request.method = String(parts[0])
    request.headers = headers
    if request.header("Transfer-Encoding") != nil {
      throw .malformed("chunked request bodies are not supported")
    }
    let length = request.header("Content-Length").map { Int($0) ?? -1 } ?? 0
    guard length >= 0 else { throw .malformed("bad Content-Length") }
    guard length <= Self.maxBodyBytes else { throw .tooLarge }
    request.body = try readBody(length)
    let connection = request.header("Connection")?.lowercased() ?? ""
    let keepAlive = parts[2] == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
    return (request, keepAlive)
  }

  /// Splits `/path?query` into a percent-decoded path and query items (`+` is a space).
  static func split(target: String) -> HTTPRequest {
    let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = String(pieces[0]).removingPercentEncoding ?? String(pieces[0])
    var query: [QueryItem] = []
    if pieces.count > 1 {
      for pair in pieces[1].split(separator: "&") {
        let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (text: Substring) -> String in
          let spaced = text.replacingOccurrences(of: "+", with: " ")
          return spaced.removingPercentEncoding ?? spaced
        }
        query.append(QueryItem(decode(halves[0]), halves.count > 1 ? decode(halves[1]) : ""))
      }
    }
    return HTTPRequest(path: path, query: query)
  }

  private mutating func readHead() throws(RequestReadError) -> [UInt8] {
    let terminator: [UInt8] = [13, 10, 13, 10]
    var searchFrom = 0
    while true {
      if buffer.count >= 4 {
        for index in searchFrom...(buffer.count - 4)
        where buffer[index..<(index + 4)].elementsEqual(terminator) {
          let head = Array(buffer[..<index])
          buffer.removeFirst(index + 4)
          return head
        }
        searchFrom = buffer.count - 3
      }
      guard buffer.count <= Self.maxHeadBytes else { throw .tooLarge }
      let more = source(16 * 1024)
      guard !more.isEmpty else {
        if buffer.isEmpty { throw .closed }
        throw .malformed("the connection ended inside a request")
      }
      buffer += more
    }
  }

  private mutating func readBody(_ length: Int) throws(RequestReadError) -> [UInt8] {
    while buffer.count < length {
      let more = source(min(64 * 1024, length - buffer.count))
      guard !more.isEmpty else { throw .malformed("the connection ended inside a body") }
      buffer += more
    }
    let body = Array(buffer.prefix(length))
    buffer.removeFirst(length)
    return body
  }
}
