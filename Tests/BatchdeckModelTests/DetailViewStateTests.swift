import Foundation
import Testing

@testable import BatchdeckModel

/// Opening the describe, YAML and log views, and their keys: scrolling, search, follow,
/// container choice and the save prompt.
@Suite struct DetailViewStateTests {
  static let now = Date(timeIntervalSince1970: 1_796_342_400)

  let snapshot: ClusterSnapshot = {
    let owner = OwnerReference(kind: "CronJob", name: "hourly", uid: "cj1")
    let cronJobs = [
      CronJob(
        metadata: ObjectMeta(namespace: "a", name: "hourly", uid: "cj1"), schedule: "0 * * * *")
    ]
    let jobs = [
      Job(
        metadata: ObjectMeta(
          namespace: "a", name: "hourly-1", uid: "j1", creationTimestamp: now - 7200,
          controller: owner),
        conditions: [Condition(type: "Complete", status: "True")]),
      Job(
        metadata: ObjectMeta(
          namespace: "a", name: "hourly-2", uid: "j2", creationTimestamp: now - 3600,
          controller: owner),
        conditions: [Condition(type: "Complete", status: "True")]),
    ]
    let jobRef = OwnerReference(kind: "Job", name: "hourly-2", uid: "j2")
    let pods = ["x", "y"].map { suffix in
      Pod(
        metadata: ObjectMeta(
          namespace: "a", name: "hourly-2-\(suffix)", uid: "p\(suffix)", controller: jobRef),
        containers: [
          ContainerSpec(name: "main", image: "busybox"),
          ContainerSpec(name: "sidecar", image: "envoy"),
        ])
    }
    return ClusterSnapshot(cronJobs: cronJobs, jobs: jobs, pods: pods)
  }()

  let lines = (0..<100).map { $0 % 10 == 3 ? "line \($0) has a Needle" : "line \($0)" }

  func opened(_ kind: DetailKind, focus: Pane) -> DashboardState {
    var state = DashboardState()
    state.focus = focus
    state.selectedJob = "j2"
    let action: DashboardAction =
      switch kind {
      case .describe: .describe
      case .yaml: .showYAML
      case .logs: .showLogs
      }
    _ = state.apply(action, in: snapshot)
    state.detail?.pageSize = 10
    return state
  }

  @Test func describeAndYAMLOpenOnTheFocusedPanesSelection() {
    #expect(opened(.describe, focus: .cronJobs).detail?.target.name == "hourly")
    #expect(opened(.yaml, focus: .jobs).detail?.target.kind == .job)
    let pod = opened(.describe, focus: .pods).detail?.target
    #expect(pod?.kind == .pod)
    #expect(pod?.name == "hourly-2-y")
    #expect(DashboardState().detail == nil)
  }

  @Test func logsOfACronJobAreItsLatestRunFinishedOrNot() throws {
    let state = opened(.logs, focus: .cronJobs)
    let view = try #require(state.detail)
    #expect(view.kind == .logs)
    #expect(view.target == ObjectRef(kind: .job, namespace: "a", name: "hourly-2", uid: "j2"))
    #expect(view.logPods(in: snapshot).map(\.metadata.name) == ["hourly-2-x", "hourly-2-y"])
    #expect(view.containers(in: snapshot) == ["main", "sidecar"])
    #expect(state.focus == .logs, "the dashboard behind shows the same pod")
  }

  @Test func enterOnTheLogPaneOpensTheLogView() {
    var state = DashboardState()
    state.focus = .logs
    state.selectedJob = "j2"
    _ = state.apply(.drillDown, in: snapshot)
    #expect(state.detail?.kind == .logs)
    #expect(state.detail?.target.kind == .pod)
  }

  @Test func searchFindsWrapsAroundAndSaysWhenNothingMatches() throws {
    var state = opened(.describe, focus: .cronJobs)
    let content = DetailContent(lines: lines)
    _ = state.applyView(.startSearch, content: content, now: Self.now)
    for character in "neEdlx" {
      _ = state.applyView(.type(character), content: content, now: Self.now)
    }
    _ = state.applyView(.erase, content: content, now: Self.now)
    #expect(state.detail?.prompt == .search("neEdl"))
    _ = state.applyView(.submit, content: content, now: Self.now)
    #expect(state.detail?.prompt == nil)
    #expect(state.detail?.match == 3)
    _ = state.applyView(.previousMatch, content: content, now: Self.now)
    #expect(state.detail?.match == 93, "N from the first match wraps to the last")
    _ = state.applyView(.nextMatch, content: content, now: Self.now)
    #expect(state.detail?.match == 3)
    #expect(state.detail?.top == 0)
    _ = state.applyView(.bottom, content: content, now: Self.now)
    _ = state.applyView(.nextMatch, content: content, now: Self.now)
    #expect(state.detail?.match == 13)
    _ = state.applyView(.startSearch, content: content, now: Self.now)
    for character in "zebra" {
      _ = state.applyView(.type(character), content: content, now: Self.now)
    }
    _ = state.applyView(.submit, content: content, now: Self.now)
    #expect(state.detail?.note == "no match for zebra")
    #expect(state.detail?.match == nil)
  }

  @Test func scrollingStopsFollowingAndTheEndFollowsAgain() throws {
    var state = opened(.logs, focus: .pods)
    let content = DetailContent(lines: lines)
    #expect(state.detail?.firstLine(count: 100, height: 10) == 90)
    _ = state.applyView(.pageUp, content: content, now: Self.now)
    #expect(state.detail?.follow == false)
    #expect(state.detail?.firstLine(count: 100, height: 10) == 80)
    _ = state.applyView(.scrollUp, content: content, now: Self.now)
    #expect(state.detail?.top == 79)
    _ = state.applyView(.bottom, content: content, now: Self.now)
    #expect(state.detail?.follow == true)
    _ = state.applyView(.toggleFollow, content: content, now: Self.now)
    #expect(state.detail?.follow == false)
    #expect(state.detail?.firstLine(count: 200, height: 10) == 90, "paused keeps its place")
  }

  @Test func optionsTheLogRequestCarries() throws {
    var state = opened(.logs, focus: .pods)
    let content = DetailContent(lines: [], containers: ["main", "sidecar"])
    _ = state.applyView(.toggleTimestamps, content: content, now: Self.now)
    _ = state.applyView(.togglePrevious, content: content, now: Self.now)
    _ = state.applyView(.nextContainer, content: content, now: Self.now)
    let view = try #require(state.detail)
    #expect(view.timestamps && view.previous)
    #expect(view.container == "sidecar")
    let pod = try #require(snapshot.pods.first)
    #expect(view.container(of: pod) == "sidecar")
    _ = state.applyView(.nextContainer, content: content, now: Self.now)
    #expect(state.detail?.container == "main")
    _ = state.applyView(
      .nextContainer, content: DetailContent(lines: [], containers: ["main"]), now: Self.now)
    #expect(state.detail?.note == "the pod has one container")
  }

  @Test func savingAsksForAPathWithADefaultAndHandsItToTheLoop() {
    var state = opened(.logs, focus: .pods)
    let content = DetailContent(lines: lines)
    _ = state.applyView(.startSave, content: content, now: Self.now)
    #expect(state.detail?.prompt == .save("hourly-2-y-20261204T000000Z.log"))
    _ = state.applyView(.cancelPrompt, content: content, now: Self.now)
    #expect(state.detail?.prompt == nil)
    _ = state.applyView(.startSave, content: content, now: Self.now)
    for _ in 0..<4 { _ = state.applyView(.erase, content: content, now: Self.now) }
    for character in ".txt" {
      _ = state.applyView(.type(character), content: content, now: Self.now)
    }
    let outcome = state.applyView(.submit, content: content, now: Self.now)
    #expect(outcome == .saveLog(path: "hourly-2-y-20261204T000000Z.txt"))
  }

  @Test func closeGoesBackToTheDashboardAsItWas() {
    var state = opened(.yaml, focus: .jobs)
    let before = state.focus
    _ = state.applyView(.close, content: DetailContent(lines: []), now: Self.now)
    #expect(state.detail == nil)
    #expect(state.focus == before)
  }
}
