import Foundation

extension DiagnosisContext {
  /// The running state, with each active Job, its pods that are failing or stuck, and a
  /// sidecar that keeps it from finishing.
  func runningFindings() -> [Finding] {
    guard health.state == .running else { return [] }
    var evidence: [String] = []
    var findings: [Finding] = []
    for reference in cronJob.active {
      guard let job = jobs.first(where: { $0.metadata.name == reference.name }) else { continue }
      let start = job.startTime ?? job.metadata.creationTimestamp
      evidence.append(
        "job \(job.metadata.name): \(job.printedStatus)"
          + (start.map { " since \(Self.time($0)) (\(Self.ago($0, now: now)))" } ?? ""))
      let pods = snapshot.pods(of: job)
      for pod in pods where pod.failureDetail != nil {
        let status = pod.printedStatus(now: now).status
        evidence.append(
          "pod \(pod.metadata.name): \(status)" + (pod.failureDetail.map { " (\($0))" } ?? ""))
      }
      findings += Diagnosis.sidecarFindings(job, pods: pods, now: now)
    }
    if let typical = health.typicalDuration {
      evidence.append("runs that succeeded took \(HumanDuration.format(typical)) typically")
    }
    let names = cronJob.active.map(\.name).joined(separator: ", ")
    return [
      Finding(
        severity: .info, code: "running", summary: "Running: \(names) is active.",
        evidence: evidence)
    ] + findings
  }

  /// Jobs that look like this CronJob's runs but are not (no owner reference, or owned by an
  /// earlier CronJob of the same name), and owned Jobs the controller does not track.
  func ownershipFindings() -> [Finding] {
    var findings: [Finding] = []
    let ownNames = Set(jobs.map(\.metadata.name))
    let lookalikes = snapshot.jobs.filter { job in
      guard job.metadata.namespace == cronJob.metadata.namespace,
        job.metadata.name.hasPrefix(name + "-"), !ownNames.contains(job.metadata.name)
      else { return false }
      guard let owner = job.metadata.controller else { return true }
      return owner.kind == "CronJob" && owner.name == name
    }
    if !lookalikes.isEmpty {
      let evidence = lookalikes.map { job -> String in
        guard let owner = job.metadata.controller else {
          return "job \(job.metadata.name) has no owner reference"
        }
        if owner.kind == "CronJob", owner.name == name {
          return "job \(job.metadata.name) belongs to an earlier CronJob named \(name) "
            + "(uid \(owner.uid), this one is \(cronJob.metadata.uid))"
        }
        return "job \(job.metadata.name) is controlled by \(owner.kind.lowercased())/\(owner.name)"
      }
      findings.append(
        Finding(
          severity: .info, code: "lookalike-jobs",
          summary: "\(lookalikes.count) Job\(lookalikes.count == 1 ? "" : "s") named like this "
            + "CronJob's runs \(lookalikes.count == 1 ? "is" : "are") not its runs: not counted, "
            + "and never deleted by its history limits.",
          evidence: evidence))
    }
    let activeNames = Set(cronJob.active.map(\.name))
    for job in jobs where !job.isFinished && !activeNames.contains(job.metadata.name) {
      let manual = job.isManualRun
      findings.append(
        Finding(
          severity: manual ? .info : .warning, code: "unexpected-job",
          summary: "Job \(job.metadata.name) is running but not in status.active"
            + (manual ? " (made by hand)." : "."),
          evidence: [
            "the controller warns UnexpectedJob: Saw a job that the controller did not create "
              + "or forgot: \(job.metadata.name)",
            "it is not counted in ACTIVE"
              + (cronJob.concurrencyPolicy == "Forbid" ? " and does not block the schedule" : ""),
          ]))
    }
    return findings
  }

  /// Finished Jobs over the history limits, and an old failed Job the limits keep on purpose.
  func historyFindings() -> [Finding] {
    let cleanup = HistoryCleanup.assess(cronJob, jobs: jobs)
    var findings: [Finding] = []
    if !cleanup.pendingDeletion.isEmpty {
      let count = cleanup.pendingDeletion.count
      findings.append(
        Finding(
          severity: .info, code: "history-pending-cleanup",
          summary: "\(count) finished Job\(count == 1 ? " is" : "s are") over the history "
            + "limits; the controller deletes \(count == 1 ? "it" : "them") on its next sync.",
          evidence: [
            cleanup.summary,
            "to be deleted (oldest first): " + cleanup.pendingDeletion.joined(separator: ", "),
            "kept: " + (cleanup.keptSuccessful + cleanup.keptFailed).joined(separator: ", "),
          ]))
    }
    let newestSuccess = jobs.filter { $0.conditions.isTrue("Complete") }.compactMap(\.startTime)
      .max()
    if let failedName = cleanup.keptFailed.first,
      let failed = jobs.first(where: { $0.metadata.name == failedName }),
      let newestSuccess, let start = failed.startTime, start < newestSuccess
    {
      findings.append(
        Finding(
          severity: .info, code: "history-failed-kept",
          summary:
            "Failed job \(failedName) (\(HumanDuration.age(of: failed.metadata.creationTimestamp ?? start, now: now)) old) "
            + "is kept on purpose, not stuck.",
          evidence: [
            "failedJobsHistoryLimit is \(cleanup.failedLimit)"
              + (cleanup.failedLimit == 1 ? " (the API server's default)" : "")
              + ": the newest failed run stays until a newer one fails",
            "later runs succeeded, the newest started \(Self.time(newestSuccess))",
          ],
          fix: "Set spec.failedJobsHistoryLimit to 0 to drop failed runs."))
    }
    return findings
  }

  /// Finished runs with `ttlSecondsAfterFinished`: when each is deleted; a finish time in
  /// the future gets its own warning.
  func ttlFindings() -> [Finding] {
    var countdowns: [String] = []
    var findings: [Finding] = []
    for job in jobs {
      guard let countdown = job.ttlCountdown(now: now) else { continue }
      if case .deferred = countdown, let finding = Diagnosis.ttlFinding(job, now: now) {
        findings.append(finding)
      } else {
        countdowns.append("job \(job.metadata.name): \(countdown.text)")
      }
    }
    guard !countdowns.isEmpty else { return findings }
    return [
      Finding(
        severity: .info, code: "ttl-countdown",
        summary: "Finished runs are deleted with their pods after ttlSecondsAfterFinished, "
          + "so fewer Jobs stay than the history limits allow.",
        evidence: countdowns)
    ] + findings
  }
}
