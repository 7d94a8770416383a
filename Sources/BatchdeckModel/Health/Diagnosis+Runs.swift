import Foundation

extension DiagnosisContext {
  /// A `Forbid` CronJob blocked by an active run, and `status.active` naming a lost Job.
  func activeFindings() -> [Finding] {
    var findings: [Finding] = []
    for reference in cronJob.active
    where !jobs.contains(where: { $0.metadata.name == reference.name })
      && !snapshot.jobs.contains(where: {
        $0.metadata.uid == reference.uid && !reference.uid.isEmpty
      })
    {
      findings.append(
        Finding(
          severity: .warning, code: "active-job-missing",
          summary: "status.active names job \(reference.name), which no longer exists.",
          evidence: ["the controller reports MissingJob and removes it on its next sync"],
          fix: "Nothing to do if it clears; if it stays, check that the CronJob controller runs."))
    }
    guard health.state == .blocked, let reference = cronJob.active.first else { return findings }
    let job = jobs.first { $0.metadata.name == reference.name }
    var evidence = ["concurrencyPolicy is Forbid and job \(reference.name) is still active"]
    if let start = job?.startTime ?? job?.metadata.creationTimestamp {
      evidence.append("it has run since \(Self.time(start)) (\(Self.ago(start, now: now)))")
    }
    evidence.append(
      "\(Self.count(health.missedRuns)) scheduled runs "
        + "skipped since (JobAlreadyActive each time)")
    if let next = health.nextRun {
      evidence.append("the next run, \(Self.time(next)), is skipped too")
    }
    let pods = job.map { snapshot.pods(of: $0) } ?? []
    for pod in pods {
      let status = pod.printedStatus(now: now).status
      evidence.append(
        "pod \(pod.metadata.name): \(status)" + (pod.failureDetail.map { " (\($0))" } ?? ""))
    }
    let stuckOnPull = pods.contains {
      ["ImagePullBackOff", "ErrImagePull"].contains($0.printedStatus(now: now).status)
    }
    var fix = "Fix what keeps \(reference.name) from finishing"
    fix += stuckOnPull ? " (the image cannot be pulled)" : ""
    fix +=
      "; set spec.jobTemplate.spec.activeDeadlineSeconds so a stuck run ends, or use "
      + "concurrencyPolicy: Replace. Deleting the Job unblocks the next run."
    findings.append(
      Finding(
        severity: .critical, code: "blocked-by-active-job",
        summary: "Blocked: the previous run \(reference.name) is still active and the policy is "
          + "Forbid, so every later run is skipped.",
        evidence: evidence, fix: fix))
    return findings
  }

  /// The newest finished run failed: why, which container, with what exit code, its last lines.
  func failureFindings() -> [Finding] {
    guard let run = health.lastFinishedRun, case .failed(let reason) = run.outcome,
      let job = jobs.first(where: {
        $0.metadata.uid == run.jobUID && $0.metadata.name == run.jobName
      })
    else { return [] }
    let condition = job.conditions.first { $0.type == "Failed" && $0.isTrue }
    var evidence = [
      "job \(job.metadata.name) failed: \(reason.isEmpty ? "no reason given" : reason)"
    ]
    if let message = condition?.message, !message.isEmpty { evidence.append(message) }
    evidence.append(
      "\(job.failed) failed pod\(job.failed == 1 ? "" : "s"), backoffLimit \(job.backoffLimit)")
    let pods = snapshot.pods(of: job)
    let failing = pods.last { $0.failureDetail != nil }
    if let failing, let detail = failing.failureDetail {
      evidence.append("pod \(failing.metadata.name): \(detail)")
      for line in (logs[failing.metadata.name] ?? []).suffix(5) { evidence.append("  │ \(line)") }
    }
    if health.failureStreak > 1 {
      evidence.append("\(health.failureStreak) runs in a row failed")
    }
    let oom = failing?.failureDetail?.contains("OOMKilled") ?? false
    return [
      Finding(
        severity: .critical, code: "last-run-failed",
        summary: "The last run, \(job.metadata.name), failed"
          + (reason.isEmpty ? "." : " (\(reason))."),
        evidence: evidence, fix: Self.fix(reason: reason, oom: oom))
    ]
  }

  private static func fix(reason: String, oom: Bool) -> String {
    if oom { return "Raise the container's memory limit, or make the work use less memory." }
    switch reason {
    case "BackoffLimitExceeded":
      return "Read the failing container's log and exit code; raise backoffLimit only if the "
        + "failures are transient."
    case "DeadlineExceeded":
      return "The run took longer than activeDeadlineSeconds: raise it or make the work faster."
    case "PodFailurePolicy":
      return "A podFailurePolicy rule ended the Job: check the exit code it matched."
    default:
      return "Read the failing container's log and the Job's events."
    }
  }

  /// Warning events from the CronJob controller and Normal ones that explain a skip.
  func eventFindings() -> [Finding] {
    let interesting = [
      "FailedCreate", "TooManyMissedTimes", "MissSchedule", "UnexpectedJob", "UnknownTimeZone",
      "InvalidSchedule", "UnparseableSchedule", "UnParseableCronJobSchedule", "FailedDelete",
      "FailedGet", "FailedNeedsStart",
    ]
    let events = snapshot.events.filter {
      $0.involvedObject.kind == "CronJob" && $0.involvedObject.name == name
        && $0.metadata.namespace == cronJob.metadata.namespace
        && ($0.type == "Warning" || interesting.contains($0.reason))
    }
    let byReason = Dictionary(grouping: events, by: \.reason)
    return byReason.keys.sorted().compactMap { reason in
      guard let group = byReason[reason],
        let newest = group.max(by: {
          ($0.lastTimestamp ?? .distantPast) < ($1.lastTimestamp ?? .distantPast)
        })
      else { return nil }
      let count = group.reduce(0) { $0 + $1.count }
      let when = newest.lastTimestamp.map { ", last \(Self.ago($0, now: now))" } ?? ""
      return Finding(
        severity: reason == "FailedCreate" ? .critical : .warning, code: "event-\(reason)",
        summary: "The controller reported \(reason): \(newest.message)",
        evidence: ["\(count) event\(count == 1 ? "" : "s")\(when)"],
        fix: reason == "FailedCreate"
          ? "Jobs cannot be created: check quotas, admission webhooks and RBAC of the controller."
          : nil)
    }
  }
}
