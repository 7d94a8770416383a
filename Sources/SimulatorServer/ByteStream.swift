import Glibc

/// A connected byte stream: a plain TCP socket or a TLS session on one.
protocol ByteStream: AnyObject {
  /// The socket descriptor underneath, for polling.
  var descriptor: Int32 { get }
  /// Reads up to `count` bytes; an empty result means the peer closed or failed.
  func read(max count: Int) -> [UInt8]
  /// Writes every byte; `false` when the peer is gone.
  func write(_ bytes: [UInt8]) -> Bool
  /// Ends the session and closes the socket.
  func close()
}

/// A plain TCP connection.
final class PlainStream: ByteStream {
  let descriptor: Int32
  private var closed = false

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  func read(max count: Int) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    let got = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count, 0) }
    guard got > 0 else { return [] }
    return Array(buffer.prefix(got))
  }

  func write(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return send(descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent < 0, errno == EINTR { continue }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }

  func close() {
    guard !closed else { return }
    closed = true
    _ = Glibc.close(descriptor)
  }
}

/// Whether the peer of `descriptor` hung up, checked without consuming data.
func peerHungUp(_ descriptor: Int32) -> Bool {
  let readHangUp: Int16 = 0x2000  // POLLRDHUP
  var entry = pollfd(fd: descriptor, events: readHangUp, revents: 0)
  guard poll(&entry, 1, 0) > 0 else { return false }
  return entry.revents & (readHangUp | Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)) != 0
}
