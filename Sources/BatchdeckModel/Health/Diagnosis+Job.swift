import Foundation

/// Everything the diagnosis of one Job says.
public struct JobDiagnosis: Sendable, Hashable {
  public var namespace: String
  public var name: String
  /// kubectl's STATUS for the Job (`Running`, `Complete`, `Failed`, ...).
  public var status: String
  /// Most severe first.
  public var findings: [Finding]
}

extension Diagnosis {
  /// Diagnoses one Job at `now` from its pods: a sidecar that keeps it running, why it failed,
  /// and when its `ttlSecondsAfterFinished` deletes it.
  public static func diagnose(job: Job, in snapshot: ClusterSnapshot, now: Date) -> JobDiagnosis {
    let pods = snapshot.pods(of: job)
    var findings = sidecarFindings(job, pods: pods, now: now)
    if let failed = job.conditions.first(where: { $0.type == "Failed" && $0.isTrue }) {
      var evidence = [failed.message].filter { !$0.isEmpty }
      evidence.append(
        "\(job.failed) failed pod\(job.failed == 1 ? "" : "s"), backoffLimit \(job.backoffLimit)")
      if let pod = pods.last(where: { $0.failureDetail != nil }), let detail = pod.failureDetail {
        evidence.append("pod \(pod.metadata.name): \(detail)")
      }
      findings.append(
        Finding(
          severity: .critical, code: "job-failed",
          summary: "The Job failed" + (failed.reason.isEmpty ? "." : " (\(failed.reason))."),
          evidence: evidence))
    }
    if let finding = ttlFinding(job, now: now) { findings.append(finding) }
    let ordered = findings.enumerated().sorted { lhs, rhs in
      lhs.element.severity == rhs.element.severity
        ? lhs.offset < rhs.offset : lhs.element.severity > rhs.element.severity
    }.map(\.element)
    return JobDiagnosis(
      namespace: job.metadata.namespace, name: job.metadata.name, status: job.printedStatus,
      findings: ordered)
  }

  /// A pod of a running Job whose own containers have all ended while another regular
  /// container (a sidecar such as a service-mesh proxy) still runs: the pod never terminates,
  /// so the Job never completes. Native sidecars (init containers with
  /// `restartPolicy: Always`) are stopped by the kubelet and are not lingering.
  public struct LingeringSidecar: Sendable, Hashable {
    public var pod: Pod
    /// The Job's own containers, each with how it ended.
    public var finished: [(name: String, end: Termination)]
    /// The names of the containers still running.
    public var sidecars: [String]

    public static func == (lhs: LingeringSidecar, rhs: LingeringSidecar) -> Bool {
      lhs.pod == rhs.pod && lhs.sidecars == rhs.sidecars
        && lhs.finished.map(\.name) == rhs.finished.map(\.name)
        && lhs.finished.map(\.end) == rhs.finished.map(\.end)
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(pod)
      hasher.combine(sidecars)
    }
  }

  /// The pods of `job` kept alive by a sidecar after the work ended (see `LingeringSidecar`).
  public static func lingeringSidecars(of job: Job, pods: [Pod]) -> [LingeringSidecar] {
    guard !job.isFinished else { return [] }
    let ownNames = Set(job.containers.map(\.name))
    let isMain = { (name: String) in ownNames.isEmpty || ownNames.contains(name) }
    return pods.compactMap { pod in
      guard pod.phase == "Running" else { return nil }
      var finished: [(name: String, end: Termination)] = []
      var running: [String] = []
      for status in pod.containerStatuses {
        switch status.state {
        case .terminated(let end): finished.append((status.name, end))
        case .running: running.append(status.name)
        case .waiting, .unknown: break
        }
      }
      let mains = finished.filter { isMain($0.name) }
      let sidecars = running.filter { ownNames.isEmpty || !ownNames.contains($0) }
      let everyMainEnded = pod.containers.filter { isMain($0.name) }.allSatisfy { spec in
        finished.contains { $0.name == spec.name }
      }
      guard !mains.isEmpty, !sidecars.isEmpty, everyMainEnded else { return nil }
      return LingeringSidecar(pod: pod, finished: mains, sidecars: sidecars)
    }
  }

  static func sidecarFindings(_ job: Job, pods: [Pod], now: Date) -> [Finding] {
    lingeringSidecars(of: job, pods: pods).map { lingering in
      let mainText = lingering.finished.map { name, end in
        "\(name) finished"
          + (end.finishedAt.map { " \(DiagnosisContext.time($0))" } ?? "")
          + " (exit \(end.exitCode))"
      }.joined(separator: ", ")
      let sidecarNames = lingering.sidecars.joined(separator: ", ")
      let printed = lingering.pod.printedStatus(now: now)
      let since = lingering.finished.compactMap(\.end.finishedAt).max()
      return Finding(
        severity: .warning, code: "sidecar-keeps-job-running",
        summary: "Main container \(mainText) but sidecar \(sidecarNames) is still running: "
          + "the pod never terminates, so job \(job.metadata.name) never completes.",
        evidence: [
          "pod \(lingering.pod.metadata.name): \(printed.status) \(printed.ready)",
          "\(sidecarNames) is a regular container, not a native sidecar "
            + "(an init container with restartPolicy: Always)",
        ]
          + (since.map {
            [
              "the work ended \(DiagnosisContext.ago($0, now: now)); the Job still counts as "
                + "active"
            ]
          } ?? []),
        fix: "Run the sidecar as a native sidecar (Kubernetes 1.29+), or stop it when the work "
          + "ends (e.g. the mesh's quit endpoint), or turn sidecar injection off for Jobs.")
    }
  }

  /// When `ttlSecondsAfterFinished` deletes a finished Job, or why it is deferred.
  static func ttlFinding(_ job: Job, now: Date) -> Finding? {
    guard let countdown = job.ttlCountdown(now: now), let ttl = job.ttlSecondsAfterFinished,
      let finished = job.finishTransitionTime
    else { return nil }
    let evidence = [
      "ttlSecondsAfterFinished is \(ttl); the clock starts when the Job finished, "
        + "\(DiagnosisContext.time(finished)) (its \(job.printedStatus) condition)"
    ]
    switch countdown {
    case .deletesIn(_, let at):
      return Finding(
        severity: .info, code: "ttl-countdown",
        summary: "Job \(job.metadata.name) is deleted with its pods at "
          + "\(DiagnosisContext.time(at)): \(countdown.text).",
        evidence: evidence)
    case .due:
      return Finding(
        severity: .info, code: "ttl-countdown",
        summary: "Job \(job.metadata.name)'s TTL has run out: the TTL controller deletes it "
          + "with its pods now.",
        evidence: evidence)
    case .deferred:
      return Finding(
        severity: .warning, code: "ttl-deferred",
        summary: "Job \(job.metadata.name) \(countdown.text).",
        evidence: evidence + [
          "that is \(HumanDuration.format(finished.timeIntervalSince(now))) after now: the TTL "
            + "controller logs a warning and waits"
        ],
        fix: "Check the clocks of the nodes and the control plane (NTP).")
    }
  }
}
