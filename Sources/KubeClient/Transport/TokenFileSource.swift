import APIMachinery
import Foundation
import Synchronization

/// A bearer token read from a file and re-read at most once a minute, so rotated
/// service-account tokens are picked up.
final class TokenFileSource: Sendable {
  private let path: String
  private let cached = Mutex<(token: String, readAt: Date)?>(nil)

  init(path: String) { self.path = path }

  func token(now: Date = Date()) throws(TransportError) -> String {
    if let cached = cached.withLock({ $0 }), now.timeIntervalSince(cached.readAt) < 60 {
      return cached.token
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .credentials("cannot read the token file \(path)")
    }
    let token = String(decoding: data, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    cached.withLock { $0 = (token, now) }
    return token
  }
}
