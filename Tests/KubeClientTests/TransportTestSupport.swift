import APIMachinery
import Foundation
import KubeClient
import Synchronization

/// A connection to a loopback server, with the given credentials.
func loopback(_ server: String, credentials: Credentials = .none) -> ClusterConnection {
  var connection = ClusterConnection(
    contextName: "test", clusterName: "loopback", userName: "tester", namespace: "default",
    server: server)
  connection.credentials = credentials
  return connection
}

/// Runs a shell command and returns its exit status (output goes to the given file).
@discardableResult
func shell(_ script: String, in folder: String) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", script]
  process.currentDirectoryURL = URL(fileURLWithPath: folder)
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}

/// Whether something accepts connections on 127.0.0.1:`port`, waiting up to `seconds`.
func waitForPort(_ port: Int, seconds: Double) -> Bool {
  let end = Date().addingTimeInterval(seconds)
  while Date() < end {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    close(fd)
    if result == 0 { return true }
    Thread.sleep(forTimeInterval: 0.05)
  }
  return false
}

/// A port that was free a moment ago.
func freePort() -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  _ = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
  }
  _ = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
  }
  return Int(UInt16(bigEndian: address.sin_port))
}

/// What `streamCancellingAfterFirstLine` saw.
struct CancelledStream {
  /// Why the transfer ended (`nil` when it ended on its own).
  var error: TransportError?
  /// The response's status, once its head arrived.
  var status: Int?
  var lines: [String]
  /// When the other thread cancelled; `nil` when no line arrived in 30 s.
  var cancelledAt: Date?
}

/// Streams `request`, cancelling it from another thread `delay` seconds after its first
/// complete line arrives.
func streamCancellingAfterFirstLine(
  _ transport: CurlTransport, _ request: HTTPRequest, delay: Double = 0
) -> CancelledStream {
  let token = CancellationToken()
  let lines = Mutex<[String]>([])
  let cancelled = Mutex<Date?>(nil)
  let firstLine = DispatchSemaphore(value: 0)
  let canceller = Thread {
    guard firstLine.wait(timeout: .now() + 30) == .success else { return }
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    cancelled.withLock { $0 = Date() }
    token.cancel()
  }
  canceller.start()
  var splitter = LineSplitter()
  var failure: TransportError?
  var status: Int?
  do {
    try transport.perform(
      request, cancellation: token, onHead: { status = $0.status },
      onChunk: { chunk in
        for line in splitter.append(chunk) {
          lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) }
          firstLine.signal()
        }
        return .proceed
      })
  } catch {
    failure = error
  }
  return CancelledStream(
    error: failure, status: status, lines: lines.withLock { $0 },
    cancelledAt: cancelled.withLock { $0 })
}
