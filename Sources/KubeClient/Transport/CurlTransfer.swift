import APIMachinery
import CCurl
import Foundation

/// The state of one transfer, reached from libcurl's C callbacks through their user pointer.
final class CurlTransfer {
  let cancellation: CancellationToken?
  let onHead: (HTTPResponseHead) -> Void
  let onChunk: ([UInt8]) -> StreamControl
  /// Statuses whose body is dropped instead of delivered, because the request is retried.
  let retriedStatuses: Set<Int>
  /// Called with the status once the head is complete, retried or not (for the log).
  var onHeadComplete: ((Int) -> Void)?

  var status = 0
  var headers: [String: String] = [:]
  var headDelivered = false
  var stoppedByConsumer = false
  var cancelledByCaller = false
  var retry = false

  init(
    cancellation: CancellationToken?, retriedStatuses: Set<Int>,
    onHead: @escaping (HTTPResponseHead) -> Void, onChunk: @escaping ([UInt8]) -> StreamControl
  ) {
    self.cancellation = cancellation
    self.retriedStatuses = retriedStatuses
    self.onHead = onHead
    self.onChunk = onChunk
  }

  /// One header line; a status line starts a new set (after `100 Continue` or a proxy's
  /// `200 Connection established`).
  func header(_ line: String) {
    let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.hasPrefix("HTTP/") {
      let parts = trimmed.split(separator: " ", maxSplits: 2)
      status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
      headers = [:]
      return
    }
    guard let colon = trimmed.firstIndex(of: ":") else { return }
    let name = String(trimmed[..<colon]).lowercased()
    headers[name] = trimmed[trimmed.index(after: colon)...]
      .trimmingCharacters(in: .whitespaces)
  }

  /// Delivers the head once, before the first body byte or at the end.
  func deliverHead() {
    guard !headDelivered else { return }
    headDelivered = true
    onHeadComplete?(status)
    if retriedStatuses.contains(status) {
      retry = true
      return
    }
    onHead(HTTPResponseHead(status: status, headers: headers))
  }

  /// A body chunk; `false` ends the transfer.
  func body(_ bytes: [UInt8]) -> Bool {
    if cancellation?.isCancelled == true {
      cancelledByCaller = true
      return false
    }
    deliverHead()
    if retry { return true }
    if onChunk(bytes) == .stop {
      stoppedByConsumer = true
      return false
    }
    return true
  }

  var isCancelled: Bool {
    if cancellation?.isCancelled == true { cancelledByCaller = true }
    return cancelledByCaller
  }
}

/// libcurl's callbacks: each finds its `CurlTransfer` through the user pointer.
enum CurlCallbacks {
  static let write: ccurl_data_callback = { data, size, count, user in
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let length = size * count
    let bytes = data.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? []
    return transfer.body(bytes) ? length : 0
  }

  static let header: ccurl_data_callback = { data, size, count, user in
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let length = size * count
    if let data {
      let bytes = UnsafeRawBufferPointer(start: data, count: length)
      transfer.header(String(decoding: bytes, as: UTF8.self))
    }
    return length
  }

  /// Called about once a second even while idle, so a cancellation ends a quiet stream.
  static let progress: ccurl_xferinfo_callback = { user, _, _, _, _ in
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    return transfer.isCancelled ? 1 : 0
  }
}
