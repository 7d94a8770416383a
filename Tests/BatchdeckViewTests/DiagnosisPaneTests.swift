import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

/// The `w` panel: the selected CronJob's diagnosis over the lower panes, agreeing with the
/// CronJob's row.
@Suite struct DiagnosisPaneTests {
  static let now = DemoSnapshotFixture.now
  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")

  /// A `Forbid` CronJob blocked for 40 minutes by a run whose image cannot be pulled, and a
  /// healthy one.
  static var snapshot: ClusterSnapshot {
    let now = Self.now
    let owner = OwnerReference(kind: "CronJob", name: "report-export", uid: "uid-report")
    let jobOwner = OwnerReference(kind: "Job", name: "report-export-29939960", uid: "uid-job")
    let cronJobs = [
      CronJob(
        metadata: ObjectMeta(
          namespace: "default", name: "report-export", uid: "uid-report",
          creationTimestamp: now - 7200),
        schedule: "*/10 * * * *", concurrencyPolicy: "Forbid",
        active: [OwnerReference(kind: "Job", name: "report-export-29939960", uid: "uid-job")],
        lastScheduleTime: now - 2400),
      CronJob(
        metadata: ObjectMeta(
          namespace: "default", name: "tidy", uid: "uid-tidy", creationTimestamp: now - 7200),
        schedule: "0 * * * *", lastScheduleTime: now),
    ]
    let jobs = [
      Job(
        metadata: ObjectMeta(
          namespace: "default", name: "report-export-29939960", uid: "uid-job",
          creationTimestamp: now - 2400, controller: owner),
        startTime: now - 2399, active: 1)
    ]
    let pods = [
      Pod(
        metadata: ObjectMeta(
          namespace: "default", name: "report-export-29939960-k2x9p", uid: "uid-pod",
          creationTimestamp: now - 2399, controller: jobOwner),
        containers: [ContainerSpec(name: "export", image: "registry.invalid/export:1")],
        containerStatuses: [
          ContainerStatus(
            name: "export",
            state: .waiting(
              reason: "ImagePullBackOff",
              message: "Back-off pulling image \"registry.invalid/export:1\"\u{1B}[2J"))
        ])
    ]
    let sources = Dictionary(
      uniqueKeysWithValues: ["cronjobs", "jobs", "pods", "events"].map {
        ($0, SourceStatus(lastSynced: now - 1))
      })
    return ClusterSnapshot(cronJobs: cronJobs, jobs: jobs, pods: pods, sources: sources)
  }

  func screen(scroll: Int = 0) -> DashboardScreen {
    var state = DashboardState()
    _ = state.apply(.toggleDiagnosis, in: Self.snapshot, now: Self.now)
    for _ in 0..<scroll { _ = state.apply(.moveDown, in: Self.snapshot, now: Self.now) }
    return DashboardScreen(
      state: state, snapshot: Self.snapshot, logTail: nil, context: context, theme: .default)
  }

  @Test func goldenAt80x24() throws {
    try assertSnapshot(
      screen().render(width: 80, height: 24, now: Self.now).text, named: "diagnosis-80x24")
  }

  @Test func goldenAt120x40() throws {
    try assertSnapshot(
      screen().render(width: 120, height: 40, now: Self.now).text, named: "diagnosis-120x40")
  }

  @Test func theRowsStateWordAndThePanelsTopFindingAgree() throws {
    let canvas = screen().render(width: 120, height: 40, now: Self.now)
    let text = canvas.text
    let row = try #require((0..<40).map(canvas.line).first { $0.contains("report-export  ") })
    #expect(row.contains(" blocked "), "row: \(row)")
    #expect(text.contains("Why cronjob/report-export is blocked"))
    let firstFinding = try #require(
      (0..<40).map(canvas.line).first { $0.contains("CRITICAL ") || $0.contains("WARNING ") })
    #expect(firstFinding.contains("CRITICAL Blocked: the previous run report-export-29939960"))
    #expect(text.contains("ImagePullBackOff"))
    #expect(text.contains("fix: Fix what keeps report-export-29939960 from finishing"))
    #expect(!text.contains("\u{1B}"), "cluster text is sanitised")
  }

  @Test func scrollingMovesByLinesAndKeepsTheLastPageFull() throws {
    let top = screen().render(width: 80, height: 24, now: Self.now)
    let scrolled = screen(scroll: 3).render(width: 80, height: 24, now: Self.now)
    let panelTop = try #require((0..<24).first { top.line($0).contains("Why cronjob/") })
    #expect(top.line(panelTop + 1).contains("cronjob/report-export in namespace default: blocked"))
    #expect(!scrolled.line(panelTop + 1).contains("in namespace default: blocked"))
    let far = screen(scroll: 500).render(width: 80, height: 24, now: Self.now)
    let bottom = try #require((0..<24).last { far.line($0).hasPrefix("└─ ↑↓ scroll") })
    let match = try #require(far.line(bottom).firstMatch(of: /rows (\d+)-(\d+) of (\d+)/))
    let (first, last, total) = (Int(match.1), Int(match.2), Int(match.3))
    #expect(last == total, "scrolled to the end: \(far.line(bottom))")
    #expect(
      (last ?? 0) - (first ?? 0) + 1 == bottom - panelTop - 1, "the last page is full")
    #expect(far.line(bottom - 1).contains("unblocks the next run."))
  }

  @Test func wrapBreaksAtSpacesAndCutsLongWords() {
    #expect(DiagnosisPane.wrap("one two three", width: 7) == ["one two", "three"])
    #expect(DiagnosisPane.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(DiagnosisPane.wrap("", width: 4) == [""])
  }
}

extension DiagnosisPaneTests {
  @Test func jobDetailLineShowsTheTTLAndALingeringSidecar() throws {
    let now = Self.now
    let finished = Job(
      metadata: ObjectMeta(namespace: "default", name: "migrate", uid: "uid-migrate"),
      ttlSecondsAfterFinished: 300,
      conditions: [Condition(type: "Complete", status: "True", lastTransitionTime: now - 160)],
      startTime: now - 200, completionTime: now - 160, succeeded: 1)
    var meshed = Job(
      metadata: ObjectMeta(namespace: "default", name: "backup", uid: "uid-backup"),
      startTime: now - 900, active: 1)
    meshed.containers = [ContainerSpec(name: "backup", image: "b")]
    let pod = Pod(
      metadata: ObjectMeta(
        namespace: "default", name: "backup-x1", uid: "uid-x1",
        labels: ["batch.kubernetes.io/job-name": "backup"]),
      containers: [
        ContainerSpec(name: "backup", image: "b"), ContainerSpec(name: "proxy", image: "p"),
      ],
      phase: "Running",
      containerStatuses: [
        ContainerStatus(
          name: "backup", state: .terminated(Termination(exitCode: 0, reason: "Completed"))),
        ContainerStatus(name: "proxy", ready: true, state: .running(startedAt: now - 900)),
      ])
    let snapshot = ClusterSnapshot(jobs: [meshed, finished], pods: [pod])
    var state = DashboardState()
    state.focus = .jobs
    state.selectedJob = "uid-migrate"
    let pane = JobPane(
      rows: state.rows(in: snapshot), snapshot: snapshot, focused: true)
    #expect(pane.detail(of: finished, now: now).hasSuffix("auto-delete in 2m20s"))
    #expect(
      pane.detail(of: meshed, now: now).contains("work done, sidecar proxy keeps backup-x1 running")
    )

    state.selectedJob = "uid-backup"
    _ = state.apply(.toggleDiagnosis, in: snapshot, now: now)
    let panel = DashboardScreen(
      state: state, snapshot: snapshot, logTail: nil, context: context, theme: .default
    ).render(width: 120, height: 40, now: now).text
    #expect(panel.contains("Why job/backup is Running"))
    #expect(panel.contains("WARNING Main container backup finished (exit 0) but sidecar proxy"))
    #expect(panel.contains("fix: Run the sidecar as a native sidecar"))
  }
}

extension DiagnosisPaneTests {
  @Test func cronJobDetailLineShowsJobsPendingCleanup() throws {
    let now = Self.now
    let owner = OwnerReference(kind: "CronJob", name: "curator", uid: "uid-curator")
    var curator = CronJob(
      metadata: ObjectMeta(namespace: "logging", name: "curator", uid: "uid-curator"),
      schedule: "0 0 * * *", lastScheduleTime: now - 3600)
    curator.successfulJobsHistoryLimit = 1
    let jobs = (1...3).map { day in
      Job(
        metadata: ObjectMeta(
          namespace: "logging", name: "curator-\(day)", uid: "uid-\(day)",
          creationTimestamp: now - Double(day) * 86_400, controller: owner),
        conditions: [Condition(type: "Complete", status: "True")],
        startTime: now - Double(day) * 86_400, succeeded: 1)
    }
    let screen = DashboardScreen(
      state: DashboardState(), snapshot: ClusterSnapshot(cronJobs: [curator], jobs: jobs),
      logTail: nil, context: context, theme: .default)
    let canvas = screen.render(width: 200, height: 40, now: now)
    let detail = try #require((0..<40).map(canvas.line).first { $0.contains("▸ at 00:00") })
    #expect(detail.contains("history: 1/1 successful, 0/1 failed (2 pending cleanup)"), "\(detail)")
  }
}
