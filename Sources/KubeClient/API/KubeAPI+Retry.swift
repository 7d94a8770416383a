import Foundation

extension KubeError {
  /// Whether the server asked to be called again later: 429 or a 5xx with `Retry-After`.
  public var asksToRetry: Bool {
    guard retryAfter != nil, case .api(let status) = self else { return false }
    return status.code == 429 || (500..<600).contains(status.code)
  }
}

extension KubeAPI {
  /// Runs `call`, and runs it again while the server asks for that (429, or a 5xx with
  /// `Retry-After`), as kubectl's client does: at most `maxRetries` more times, each after the
  /// wait the server named, capped at `maxWait` seconds. `onRetry` hears of each wait; the
  /// last error is thrown when the retries run out.
  ///
  /// For one-shot commands (`batchdeck get`); the dashboard's reflectors keep their data and
  /// back off on their own instead.
  public static func retryingWhenAsked<Value>(
    maxRetries: Int = 10, maxWait: Double = 10,
    sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
    onRetry: (KubeError, Double) -> Void = { _, _ in },
    _ call: () throws(KubeError) -> Value
  ) throws(KubeError) -> Value {
    var retries = 0
    while true {
      do {
        return try call()
      } catch  where error.asksToRetry && retries < maxRetries {
        let wait = min(maxWait, error.retryAfter ?? 1)
        onRetry(error, wait)
        sleep(wait)
        retries += 1
      }
    }
  }
}
