import APIMachinery
import Foundation
import Logging

/// Deletes finished Jobs `ttlSecondsAfterFinished` after their Complete/Failed condition,
/// with Foreground propagation (KUBERNETES.md 7.13).
final class TTLAfterFinishedController: @unchecked Sendable {
  let store: ObjectStore
  let logger: Logger

  init(store: ObjectStore, logger: Logger) {
    self.store = store
    self.logger = logger
  }

  func sync(now: Date) {
    for job in store.list(.jobs).items where !job.isDeleting {
      guard let ttl = job.int("spec", "ttlSecondsAfterFinished"),
        let finished = JobController.finishedCondition(job)?.time("lastTransitionTime"),
        now >= finished.addingTimeInterval(Double(ttl))
      else { continue }
      logger.debug("TTL expired for job \(job.namespace)/\(job.name)")
      _ = try? store.delete(.jobs, job.namespace, job.name, propagation: .foreground)
    }
  }
}
