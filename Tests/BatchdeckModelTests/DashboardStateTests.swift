import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct DashboardStateTests {
  let snapshot: ClusterSnapshot = {
    let owner = OwnerReference(kind: "CronJob", name: "hourly", uid: "cj1")
    let cronJobs = [
      CronJob(
        metadata: ObjectMeta(namespace: "a", name: "hourly", uid: "cj1"), schedule: "0 * * * *"),
      CronJob(
        metadata: ObjectMeta(namespace: "a", name: "nightly", uid: "cj2"), schedule: "0 2 * * *"),
    ]
    let jobs = [
      Job(metadata: ObjectMeta(namespace: "a", name: "hourly-1", uid: "j1", controller: owner)),
      Job(metadata: ObjectMeta(namespace: "a", name: "solo", uid: "j2")),
    ]
    let pods = [
      Pod(
        metadata: ObjectMeta(
          namespace: "a", name: "hourly-1-abcde", uid: "p1",
          controller: OwnerReference(kind: "Job", name: "hourly-1", uid: "j1"))),
      Pod(
        metadata: ObjectMeta(
          namespace: "a", name: "solo-xyz12", uid: "p2",
          controller: OwnerReference(kind: "Job", name: "solo", uid: "j2"))),
    ]
    return ClusterSnapshot(cronJobs: cronJobs, jobs: jobs, pods: pods)
  }()

  @Test func drillDownFiltersJobsAndBackRestores() {
    var state = DashboardState()
    #expect(state.rows(in: snapshot).jobs.count == 2)
    _ = state.apply(.drillDown, in: snapshot)
    #expect(state.focus == .jobs)
    let rows = state.rows(in: snapshot)
    #expect(rows.jobs.map(\.metadata.name) == ["hourly-1"])
    #expect(rows.pods.map(\.metadata.name) == ["hourly-1-abcde"])
    _ = state.apply(.back, in: snapshot)
    #expect(state.focus == .cronJobs)
    #expect(state.rows(in: snapshot).jobs.count == 2)
  }

  @Test func movementIsClampedAndFollowsSelectionByID() {
    var state = DashboardState()
    _ = state.apply(.moveDown, in: snapshot)
    _ = state.apply(.moveDown, in: snapshot)
    #expect(state.selectedCronJob == "cj2")
    _ = state.apply(.top, in: snapshot)
    #expect(state.selectedCronJob == "cj1")
    state.focus = .jobs
    _ = state.apply(.bottom, in: snapshot)
    #expect(state.rows(in: snapshot).selectedPod?.metadata.name == "solo-xyz12")
  }

  @Test func tabCyclesAndQuitEnds() {
    var state = DashboardState()
    for _ in Pane.allCases { _ = state.apply(.nextPane, in: snapshot) }
    #expect(state.focus == .cronJobs)
    _ = state.apply(.previousPane, in: snapshot)
    #expect(state.focus == .logs)
    #expect(state.apply(.quit, in: snapshot) == .quit)
  }

  @Test func logTailIsBounded() {
    var tail = LogTail(namespace: "a", pod: "p", container: "c", maxLines: 3, maxBytes: 10)
    tail.append(["aaaa", "bbbb", "cccc"])
    #expect(tail.lines == ["bbbb", "cccc"])
    tail.append(["d", "e", "f"])
    #expect(tail.lines == ["d", "e", "f"])
    #expect(tail.byteCount == 3)
  }
}

@Suite struct ShowLogsTests {
  @Test func fromACronJobRowToItsLatestRunsLog() {
    let owner = OwnerReference(kind: "CronJob", name: "hourly", uid: "cj")
    let base = Date(timeIntervalSince1970: 1_800_000_000)
    let jobs = (1...3).map { index in
      Job(
        metadata: ObjectMeta(
          namespace: "a", name: "hourly-\(index)", uid: "j\(index)",
          creationTimestamp: base + Double(index) * 3600, controller: owner))
    }
    let pods = ["j2", "j3"].map { uid in
      Pod(
        metadata: ObjectMeta(
          namespace: "a", name: "pod-\(uid)", uid: "p-\(uid)",
          controller: OwnerReference(kind: "Job", name: "", uid: uid)))
    }
    let snapshot = ClusterSnapshot(
      cronJobs: [
        CronJob(
          metadata: ObjectMeta(namespace: "a", name: "hourly", uid: "cj"), schedule: "@hourly")
      ], jobs: jobs, pods: pods)
    var state = DashboardState()
    _ = state.apply(.showLogs, in: snapshot)
    #expect(state.focus == .logs)
    let rows = state.rows(in: snapshot)
    #expect(rows.selectedJob?.metadata.name == "hourly-3")
    #expect(rows.selectedPod?.metadata.name == "pod-j3")
  }

  @Test func nothingToShowKeepsTheFocus() {
    var state = DashboardState()
    _ = state.apply(.showLogs, in: ClusterSnapshot())
    #expect(state.focus == .cronJobs)
  }
}
