import Foundation

/// Container logs the kubelet stand-in writes, per pod UID, container and attempt.
final class PodLogStore: @unchecked Sendable {
  struct Entry: Sendable, Equatable {
    var time: Date
    var text: String
  }

  struct Attempt: Sendable {
    var entries: [Entry] = []
    var running = true
  }

  private let condition = NSCondition()
  private var logs: [String: [String: [Attempt]]] = [:]
  private var version = 0

  /// Starts a new attempt (container start or restart).
  func startAttempt(pod uid: String, container: String) {
    change { logs[uid, default: [:]][container, default: []].append(Attempt()) }
  }

  func append(pod uid: String, container: String, _ entry: Entry) {
    change {
      guard var attempts = logs[uid]?[container], !attempts.isEmpty else { return }
      attempts[attempts.count - 1].entries.append(entry)
      logs[uid]?[container] = attempts
    }
  }

  /// Marks the current attempt finished, which ends `follow` streams.
  func finishAttempt(pod uid: String, container: String) {
    change {
      guard var attempts = logs[uid]?[container], !attempts.isEmpty else { return }
      attempts[attempts.count - 1].running = false
      logs[uid]?[container] = attempts
    }
  }

  func forget(pod uid: String) { change { logs[uid] = nil } }

  /// The current (`previous == false`) or prior attempt, if any.
  func attempt(pod uid: String, container: String, previous: Bool) -> Attempt? {
    condition.lock()
    defer { condition.unlock() }
    let attempts = logs[uid]?[container] ?? []
    let index = attempts.count - (previous ? 2 : 1)
    return attempts.indices.contains(index) ? attempts[index] : nil
  }

  /// How many attempts a container had.
  func attemptCount(pod uid: String, container: String) -> Int {
    condition.lock()
    defer { condition.unlock() }
    return logs[uid]?[container]?.count ?? 0
  }

  /// Blocks until anything is written or `timeout` real seconds pass.
  func waitForChange(timeout: TimeInterval) {
    condition.lock()
    let seen = version
    let deadline = Date(timeIntervalSinceNow: timeout)
    while version == seen, condition.wait(until: deadline) {}
    condition.unlock()
  }

  private func change(_ body: () -> Void) {
    condition.lock()
    body()
    version += 1
    condition.broadcast()
    condition.unlock()
  }
}
