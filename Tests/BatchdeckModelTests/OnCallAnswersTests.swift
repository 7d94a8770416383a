import Foundation
import Testing

@testable import BatchdeckModel

/// TTL countdowns, history limits, sidecars, look-alike Jobs, and the diagnosis leading with
/// the finding behind the state word, on objects written here at a fixed "now".
@Suite struct OnCallAnswersTests {
  let now = Date(timeIntervalSince1970: 1_800_003_600)  // 2027-01-15T09:00:00Z
  let owner = OwnerReference(kind: "CronJob", name: "sweep", uid: "cj")

  func job(
    _ name: String, start: Double?, complete: Double? = nil, failed: Double? = nil,
    ttl: Int? = nil, owner: OwnerReference? = nil
  ) -> Job {
    var conditions: [Condition] = []
    if let complete {
      conditions.append(
        Condition(type: "Complete", status: "True", lastTransitionTime: now - complete))
    }
    if let failed {
      conditions.append(
        Condition(
          type: "Failed", status: "True", reason: "BackoffLimitExceeded",
          lastTransitionTime: now - failed))
    }
    return Job(
      metadata: ObjectMeta(
        namespace: "ops", name: name, uid: "uid-\(name)", creationTimestamp: start.map { now - $0 },
        controller: owner),
      ttlSecondsAfterFinished: ttl, conditions: conditions, startTime: start.map { now - $0 },
      active: complete == nil && failed == nil ? 1 : 0)
  }

  func cronJob(
    active: [String] = [], lastRun: Double = 120, policy: String = "Allow", suspend: Bool = false
  ) -> CronJob {
    CronJob(
      metadata: ObjectMeta(
        namespace: "ops", name: "sweep", uid: "cj", creationTimestamp: now - 864_000),
      schedule: "*/10 * * * *", suspend: suspend, concurrencyPolicy: policy,
      active: active.map { OwnerReference(kind: "Job", name: $0, uid: "uid-\($0)") },
      lastScheduleTime: now - lastRun)
  }

  // MARK: TTL

  @Test func ttlCountsFromTheFinishConditionNotCompletionTime() throws {
    var done = job("done", start: 200, complete: 100, ttl: 250)
    done.completionTime = now - 5  // must not be used
    #expect(done.ttlCountdown(now: now) == .deletesIn(150, at: now + 150))
    #expect(done.ttlCountdown(now: now)?.text == "auto-delete in 2m30s")
    let failed = job("failed", start: 4000, failed: 3000, ttl: 3600)
    #expect(failed.ttlCountdown(now: now)?.text == "auto-delete in 10m")
  }

  @Test func ttlZeroIsDueAndAFutureFinishIsDeferred() {
    let zero = job("zero", start: 30, complete: 1, ttl: 0)
    #expect(zero.ttlCountdown(now: now) == .due(since: now - 1))
    let skewed = job("skewed", start: 30, complete: -90, ttl: 60)
    #expect(skewed.ttlCountdown(now: now) == .deferred(finishedAt: now + 90))
    #expect(
      skewed.ttlCountdown(now: now)?.text
        == "finished in the future (clock skew?) — deletion deferred")
    #expect(job("running", start: 30, ttl: 60).ttlCountdown(now: now) == nil)
    #expect(job("no-ttl", start: 30, complete: 1).ttlCountdown(now: now) == nil)
  }

  @Test func jobDiagnosisReportsTheTTL() throws {
    let skewed = job("skewed", start: 30, complete: -90, ttl: 60)
    let diagnosis = Diagnosis.diagnose(
      job: skewed, in: ClusterSnapshot(jobs: [skewed]), now: now)
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "ttl-deferred")
    #expect(finding.severity == .warning)
    #expect(finding.evidence.contains { $0.contains("90s after now") })
  }

  // MARK: history limits

  @Test func historyLimitsKeepTheNewestByStartTime() {
    var sweep = cronJob()
    sweep.successfulJobsHistoryLimit = 2
    sweep.failedJobsHistoryLimit = 1
    let jobs = [
      job("sweep-a", start: 5000, complete: 4900, owner: owner),
      job("sweep-b", start: 4000, complete: 3900, owner: owner),
      job("sweep-c", start: 3000, complete: 2900, owner: owner),
      job("sweep-never-started", start: nil, complete: 10, owner: owner),
      job("sweep-f1", start: 9000, failed: 8000, owner: owner),
      job("sweep-f2", start: 7000, failed: 6000, owner: owner),
      job("sweep-running", start: 60, owner: owner),
    ]
    let cleanup = HistoryCleanup.assess(sweep, jobs: jobs)
    // Without a start time a Job sorts last, so it counts as the newest.
    #expect(cleanup.keptSuccessful == ["sweep-never-started", "sweep-c"])
    #expect(cleanup.keptFailed == ["sweep-f2"])
    #expect(cleanup.pendingDeletion == ["sweep-a", "sweep-b", "sweep-f1"])
    #expect(cleanup.summary == "history: 2/2 successful, 1/1 failed (3 pending cleanup)")
  }

  @Test func anOldFailedRunKeptByTheLimitIsExplainedNotBlamed() throws {
    let jobs = [
      job("sweep-old-fail", start: 86_400 * 10, failed: 86_400 * 10 - 60, owner: owner),
      job("sweep-ok", start: 600, complete: 550, owner: owner),
    ]
    let diagnosis = Diagnosis.diagnose(cronJob(), in: ClusterSnapshot(jobs: jobs), now: now)
    #expect(diagnosis.health.state == .ok)
    let kept = try #require(diagnosis.findings.first { $0.code == "history-failed-kept" })
    #expect(kept.severity == .info)
    #expect(kept.summary.contains("sweep-old-fail (10d old)"))
    #expect(try #require(kept.fix).contains("failedJobsHistoryLimit to 0"))
    #expect(!diagnosis.findings.contains { $0.severity == .critical })
  }

  // MARK: ownership

  @Test func lookalikeAndUntrackedJobsAreNamed() throws {
    let oldOwner = OwnerReference(kind: "CronJob", name: "sweep", uid: "old")
    let manual = {
      var job = job("sweep-manual-abcde", start: 60, owner: owner)
      job.metadata.annotations["cronjob.kubernetes.io/instantiate"] = "manual"
      return job
    }()
    let jobs = [
      job("sweep-29999000", start: 120, owner: owner),
      manual,
      job("sweep-drill", start: 9000, complete: 8000),
      job("sweep-29990000", start: 90_000, complete: 89_000, owner: oldOwner),
      job(
        "sweep-other-1", start: 100, complete: 50,
        owner: OwnerReference(kind: "CronJob", name: "sweep-other", uid: "x")),
    ]
    let diagnosis = Diagnosis.diagnose(
      cronJob(active: ["sweep-29999000"], policy: "Forbid"), in: ClusterSnapshot(jobs: jobs),
      now: now)
    #expect(diagnosis.health.state == .running)
    let lookalikes = try #require(diagnosis.findings.first { $0.code == "lookalike-jobs" })
    #expect(lookalikes.evidence.count == 2, "\(lookalikes.evidence)")
    #expect(lookalikes.evidence.contains("job sweep-drill has no owner reference"))
    #expect(lookalikes.evidence.contains { $0.contains("sweep-29990000 belongs to an earlier") })
    let unexpected = try #require(diagnosis.findings.first { $0.code == "unexpected-job" })
    #expect(unexpected.summary.contains("sweep-manual-abcde"))
    #expect(unexpected.evidence.contains { $0.contains("does not block the schedule") })
  }

  @Test func scheduledTimeFromSecondsOfVeryOldControllers() {
    let minutes = job("sweep-29999990", start: 10, owner: owner)
    #expect(RunRecord(job: minutes).scheduledTime == Date(timeIntervalSince1970: 29_999_990 * 60))
    let seconds = job("sweep-1799999400", start: 10, owner: owner)
    #expect(RunRecord(job: seconds).scheduledTime == Date(timeIntervalSince1970: 1_799_999_400))
    var annotated = job("sweep-manual", start: 10, owner: owner)
    annotated.metadata.annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"] =
      "2027-01-15T10:00:00+01:00"
    #expect(RunRecord(job: annotated).scheduledTime == now)
  }

  // MARK: sidecars

  func meshPod(backupEnded: Bool) -> Pod {
    Pod(
      metadata: ObjectMeta(
        namespace: "ops", name: "sweep-1-pod", labels: ["batch.kubernetes.io/job-name": "sweep-1"]),
      containers: [
        ContainerSpec(name: "work", image: "w"), ContainerSpec(name: "envoy", image: "e"),
      ],
      phase: "Running",
      conditions: [Condition(type: "Ready", status: "False")],
      containerStatuses: [
        ContainerStatus(
          name: "work",
          state: backupEnded
            ? .terminated(Termination(exitCode: 0, reason: "Completed", finishedAt: now - 300))
            : .running(startedAt: now - 600)),
        ContainerStatus(
          name: "envoy", ready: true, started: true, state: .running(startedAt: now - 600)),
      ])
  }

  @Test func aRegularSidecarThatOutlivesTheWorkIsNamed() throws {
    var sweep = job("sweep-1", start: 600)
    sweep.metadata.uid = ""
    sweep.containers = [ContainerSpec(name: "work", image: "w")]
    let snapshot = ClusterSnapshot(jobs: [sweep], pods: [meshPod(backupEnded: true)])
    #expect(snapshot.pods(of: sweep).count == 1, "matched by the batch.kubernetes.io label")
    let diagnosis = Diagnosis.diagnose(job: sweep, in: snapshot, now: now)
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "sidecar-keeps-job-running")
    #expect(finding.summary.contains("work finished 2027-01-15T08:55Z (exit 0)"))
    #expect(finding.summary.contains("sidecar envoy is still running"))
    #expect(finding.evidence.first == "pod sweep-1-pod: NotReady 1/2")
    #expect(try #require(finding.fix).contains("native sidecar"))

    let working = ClusterSnapshot(jobs: [sweep], pods: [meshPod(backupEnded: false)])
    #expect(Diagnosis.diagnose(job: sweep, in: working, now: now).findings.isEmpty)
  }

  @Test func aNativeSidecarStoppedAtShutdownIsNoFailure() {
    let pod = Pod(
      metadata: ObjectMeta(namespace: "ops", name: "p"),
      containers: [ContainerSpec(name: "work", image: "w")],
      initContainers: [InitContainerSpec(name: "proxy", isSidecar: true)], phase: "Succeeded",
      conditions: [Condition(type: "Initialized", status: "True")],
      containerStatuses: [
        ContainerStatus(
          name: "work", state: .terminated(Termination(exitCode: 0, reason: "Completed")))
      ],
      initContainerStatuses: [
        ContainerStatus(
          name: "proxy", state: .terminated(Termination(exitCode: 143, reason: "Error")))
      ])
    #expect(pod.failureDetail == nil)
    #expect(pod.printedStatus(now: now).status == "Completed")
    var crashed = pod
    crashed.containerStatuses = [
      ContainerStatus(name: "work", state: .running(startedAt: now - 10))
    ]
    crashed.phase = "Running"
    #expect(crashed.failureDetail == "proxy: Error, exit 143", "a sidecar dying mid-run is")
  }

  // MARK: the state word and the top finding

  @Test func theFindingBehindTheStateLeads() throws {
    let failedRun = job("sweep-29999980", start: 1200, failed: 1000, owner: owner)
    var suspended = cronJob(lastRun: 1200)
    suspended.suspend = true
    let cases: [(CronJob, [Job], CronJobState)] = [
      (suspended, [failedRun], .suspended),
      (cronJob(), [failedRun], .failing),
      (
        cronJob(active: ["sweep-29999990"]), [job("sweep-29999990", start: 60, owner: owner)],
        .running
      ),
      (cronJob(lastRun: 2000), [], .late),
      (cronJob(lastRun: 86_400 * 2), [failedRun], .missed),
    ]
    for (cronJob, jobs, state) in cases {
      let diagnosis = Diagnosis.diagnose(cronJob, in: ClusterSnapshot(jobs: jobs), now: now)
      #expect(diagnosis.health.state == state)
      let top = try #require(diagnosis.findings.first, "\(state)")
      #expect(state.findingCodes.contains(top.code), "\(state): top is \(top.code)")
    }
  }

  @Test func aStateWithoutItsOwnFindingGetsOneFromItsReason() throws {
    var remembered = RunRecord(job: job("sweep-gone", start: 1200, failed: 1000, owner: owner))
    remembered.isRemembered = true
    var snapshot = ClusterSnapshot()
    snapshot.rememberedRuns["cj"] = [remembered]
    let diagnosis = Diagnosis.diagnose(cronJob(), in: snapshot, now: now)
    #expect(diagnosis.health.state == .failing)
    let top = try #require(diagnosis.findings.first)
    #expect(top.code == "failing")
    #expect(top.severity == .critical)
    #expect(top.summary.hasPrefix("Failing: sweep-gone failed"))
  }

  // MARK: the dashboard panel's state

  @Test func panelOpensScrollsWithinItsLinesAndCloses() throws {
    let jobs = [job("sweep-29999990", start: 60, owner: owner)]
    let snapshot = ClusterSnapshot(cronJobs: [cronJob(active: ["sweep-29999990"])], jobs: jobs)
    var state = DashboardState()
    #expect(state.apply(.toggleDiagnosis, in: snapshot, now: now) == .redraw)
    #expect(state.diagnosisPanel == DiagnosisPanel(.cronJob("cj")))
    let lines = try #require(state.panelContent(in: snapshot, now: now)).lines
    _ = state.apply(.moveDown, in: snapshot, now: now)
    #expect(state.diagnosisPanel?.scroll == 1)
    _ = state.apply(.bottom, in: snapshot, now: now)
    #expect(state.diagnosisPanel?.scroll == lines.count - 1)
    _ = state.apply(.pageDown, in: snapshot, now: now)
    #expect(state.diagnosisPanel?.scroll == lines.count - 1, "never past the last line")
    #expect(state.apply(.drillDown, in: snapshot, now: now) == .none)
    #expect(state.focus == .cronJobs, "other keys do nothing while it is open")
    _ = state.apply(.back, in: snapshot, now: now)
    #expect(state.diagnosisPanel == nil)
    _ = state.apply(.toggleDiagnosis, in: snapshot, now: now)
    _ = state.apply(.toggleDiagnosis, in: snapshot, now: now)
    #expect(state.diagnosisPanel == nil, "w closes it too")
    #expect(state.apply(.quit, in: snapshot, now: now) == .quit)
  }
}

extension OnCallAnswersTests {
  @Test func panelFromTheJobsPaneExplainsTheSelectedJob() throws {
    let standalone = job("adhoc", start: 60)
    let snapshot = ClusterSnapshot(cronJobs: [cronJob()], jobs: [standalone])
    var state = DashboardState()
    state.focus = .jobs
    state.selectedJob = standalone.id
    _ = state.apply(.toggleDiagnosis, in: snapshot, now: now)
    #expect(state.diagnosisPanel == DiagnosisPanel(.job("uid-adhoc")))
    let content = try #require(state.panelContent(in: snapshot, now: now))
    #expect(content.title == "Why job/adhoc is Running")
    #expect(content.lines.first?.text == "job/adhoc in namespace ops: Running")
    state.focus = .cronJobs
    state.diagnosisPanel = nil
    _ = state.apply(.toggleDiagnosis, in: snapshot, now: now)
    #expect(state.diagnosisPanel == DiagnosisPanel(.cronJob("cj")))
  }
}

extension OnCallAnswersTests {
  @Test func cronJobDiagnosisListsTheTTLOfItsFinishedRuns() throws {
    let jobs = [
      job("sweep-29999980", start: 1300, complete: 1200, ttl: 1800, owner: owner),
      job("sweep-29999990", start: 700, complete: 600, ttl: 1800, owner: owner),
      job("sweep-skewed", start: 100, complete: -30, ttl: 1800, owner: owner),
    ]
    let diagnosis = Diagnosis.diagnose(cronJob(), in: ClusterSnapshot(jobs: jobs), now: now)
    let countdown = try #require(diagnosis.findings.first { $0.code == "ttl-countdown" })
    #expect(
      countdown.evidence == [
        "job sweep-29999990: auto-delete in 20m", "job sweep-29999980: auto-delete in 10m",
      ], "newest first")
    let deferred = try #require(diagnosis.findings.first { $0.code == "ttl-deferred" })
    #expect(deferred.summary.contains("sweep-skewed finished in the future"))
  }
}

extension OnCallAnswersTests {
  @Test func aFailedRunIsFoundByNameWhenJobsCarryNoUID() throws {
    var older = job("sweep-29999970", start: 1900, complete: 1800, owner: owner)
    var failed = job("sweep-29999980", start: 1300, failed: 1200, owner: owner)
    older.metadata.uid = ""
    failed.metadata.uid = ""
    // Created last (a re-created object, say), so it is the first Job of the CronJob's.
    older.metadata.creationTimestamp = now - 100
    let diagnosis = Diagnosis.diagnose(
      cronJob(), in: ClusterSnapshot(jobs: [older, failed]), now: now)
    let finding = try #require(diagnosis.findings.first)
    #expect(finding.code == "last-run-failed")
    #expect(finding.summary.contains("sweep-29999980"))
  }
}
