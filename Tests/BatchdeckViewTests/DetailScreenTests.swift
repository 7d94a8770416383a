import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

/// Golden screens of the describe, YAML and log views, and their key tables.
@Suite struct DetailScreenTests {
  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")
  let snapshot: ClusterSnapshot = {
    var snapshot = DemoSnapshotFixture.snapshot
    let now = DemoSnapshotFixture.now
    snapshot.events = [
      Event(
        metadata: ObjectMeta(namespace: "default", name: "e1", uid: "e1"),
        involvedObject: OwnerReference(
          kind: "CronJob", name: "log-cleanup", uid: "uid-log-cleanup"),
        reason: "SuccessfulCreate", message: "Created job log-cleanup-29939040", count: 3,
        firstTimestamp: now - 200, lastTimestamp: now - 20, source: "cronjob-controller"),
      Event(
        metadata: ObjectMeta(namespace: "default", name: "e2", uid: "e2"),
        involvedObject: OwnerReference(
          kind: "CronJob", name: "log-cleanup", uid: "uid-log-cleanup"),
        reason: "Evil\u{1B}[2J", message: "control \u{1B}]0;title\u{07} text", type: "Warning",
        firstTimestamp: now - 10, lastTimestamp: now - 10, source: "cronjob-controller"),
    ]
    return snapshot
  }()

  /// A state with `kind` open on the first CronJob (or the first Job for logs).
  func state(_ kind: DetailKind, focus: Pane = .cronJobs) -> DashboardState {
    var state = DashboardState()
    state.focus = focus
    let action: DashboardAction =
      switch kind {
      case .describe: .describe
      case .yaml: .showYAML
      case .logs: .showLogs
      }
    _ = state.apply(action, in: snapshot)
    return state
  }

  func render(
    _ state: DashboardState, lines: [String], problem: String? = nil, width: Int, height: Int,
    container: String = "", pods: Int = 1, dropped: Int = 0
  ) throws -> Canvas {
    var state = state
    let view = try #require(state.detail)
    state.detail?.pageSize = DetailScreen.textRows(height: height)
    return DetailScreen(
      state: state, view: state.detail ?? view, lines: lines,
      title: DetailScreen.title(
        for: view, container: container, pods: pods, droppedLines: dropped),
      problem: problem, context: context, theme: .default
    ).render(width: width, height: height, now: DemoSnapshotFixture.now)
  }

  var yamlLines: [String] {
    [
      "apiVersion: batch/v1", "kind: CronJob", "metadata:", "  name: log-cleanup",
      "  namespace: default", "  uid: uid-log-cleanup", "spec:", "  schedule: '* * * * *'",
      "  jobTemplate:", "    spec:", "      template:", "        spec:", "          containers:",
      "          - name: cleanup", "            image: busybox:1.36", "            args:",
      "            - |-", "              echo \"Sweeping old logs\"", "              sleep 12",
      "status:", "  lastScheduleTime: \"2026-12-03T23:59:40Z\"",
    ]
  }

  var logLines: [String] {
    (1...40).map { index in
      "log-cleanup-29939040-x7k2p line \(index): "
        + (index % 7 == 0 ? "ERROR disk almost full on /var/log/app (\(index * 3)%)" : "ok")
    } + ["bad \u{1B}[31mescape\u{07} stays visible"]
  }

  @Test func describeGoldensAt80x24AndWide() throws {
    let state = state(.describe)
    let view = try #require(state.detail)
    let lines = try #require(view.describeLines(in: snapshot, now: DemoSnapshotFixture.now))
    #expect(lines.contains { $0.hasPrefix("Events:") })
    let small = try render(state, lines: lines, width: 80, height: 24)
    try assertSnapshot(small.text, named: "describe-cronjob-80x24")
    var scrolled = state
    _ = scrolled.applyView(.bottom, content: DetailContent(lines: lines), now: Date())
    let wide = try render(scrolled, lines: lines, width: 140, height: 40)
    try assertSnapshot(wide.text, named: "describe-cronjob-140x40")
    #expect(!wide.text.contains("\u{1B}"))
    #expect(wide.text.contains("Evil?[2J"))
  }

  @Test func yamlGoldensWithASearchAt80x24AndWide() throws {
    var state = state(.yaml)
    let content = DetailContent(lines: yamlLines)
    for key in ["/", "i", "m", "a", "g", "e"] {
      let action = try #require(
        KeyBindings.dashboard.action(for: .character(Character(key)), state: state))
      _ = state.applyView(
        try #require(Self.viewAction(action)), content: content, now: Date())
    }
    let prompt = try render(state, lines: yamlLines, width: 80, height: 24)
    #expect(prompt.line(23).hasPrefix(" /image█"))
    _ = state.applyView(.submit, content: content, now: Date())
    #expect(state.detail?.match == 14)
    let small = try render(state, lines: yamlLines, width: 80, height: 24)
    try assertSnapshot(small.text, named: "yaml-cronjob-80x24")
    let row = try #require((0..<24).first { small.line($0).contains("image: busybox") })
    let column = try #require(small.line(row).range(of: "image"))
    let offset = small.line(row).distance(from: small.line(row).startIndex, to: column.lowerBound)
    #expect(small[offset, row].style == Theme.default[.rowSelected])
    let wide = try render(state, lines: yamlLines, width: 140, height: 40)
    try assertSnapshot(wide.text, named: "yaml-cronjob-140x40")
  }

  @Test func logGoldensFollowingAndWrappedWithHighlights() throws {
    var state = state(.logs, focus: .pods)
    #expect(state.detail?.target.kind == .pod)
    let content = DetailContent(lines: logLines, containers: ["cleanup"])
    let small = try render(
      state, lines: logLines, width: 80, height: 24, container: "cleanup", dropped: 120)
    try assertSnapshot(small.text, named: "logs-pod-80x24")
    #expect(small.text.contains("bad ?[31mescape? stays visible"))
    #expect(small.text.contains("41 of 41 · following"))
    _ = state.applyView(.toggleWrap, content: content, now: Date())
    _ = state.applyView(.startSearch, content: content, now: Date())
    for character in "error" {
      _ = state.applyView(.type(character), content: content, now: Date())
    }
    _ = state.applyView(.submit, content: content, now: Date())
    #expect(state.detail?.follow == false)
    #expect(state.detail?.match == 27, "the first match from the lines shown")
    _ = state.applyView(.nextMatch, content: content, now: Date())
    #expect(state.detail?.match == 34)
    let wide = try render(
      state, lines: logLines, problem: "container \"cleanup\" is waiting to start", width: 60,
      height: 20, container: "cleanup")
    try assertSnapshot(wide.text, named: "logs-pod-wrapped-60x20")
    let large = try render(state, lines: logLines, width: 160, height: 40, container: "cleanup")
    try assertSnapshot(large.text, named: "logs-pod-160x40")
  }

  @Test func aJobsLogNamesItsPodsAndTheViewHelpListsItsTable() throws {
    var state = state(.logs, focus: .jobs)
    #expect(
      state.detail?.target
        == ObjectRef(
          kind: .job, namespace: "default", name: "log-cleanup-29939040",
          uid: "uid-log-cleanup-29939040"))
    let plain = try render(state, lines: logLines, width: 80, height: 24, pods: 1)
    #expect(plain.line(1).contains("Logs job/log-cleanup-29939040 · 1 pod"))
    _ = state.apply(.toggleHelp, in: snapshot)
    let canvas = try render(state, lines: logLines, width: 80, height: 24, pods: 1)
    try assertSnapshot(canvas.text, named: "logs-help-80x24")
    for binding in KeyBindings.logView.bindings {
      #expect(canvas.text.contains(binding.help), "help lists \(binding.help)")
    }
  }

  @Test func eachViewDispatchesFromTheTableItsFooterShows() throws {
    for kind in DetailKind.allCases {
      let state = state(kind, focus: .pods)
      let table = KeyBindings.view(kind)
      for binding in table.bindings {
        for key in binding.keys {
          #expect(KeyBindings.dashboard.action(for: key, state: state) == binding.action)
        }
      }
      let canvas = try render(state, lines: ["x"], width: 200, height: 24)
      for binding in table.bindings where binding.showInFooter {
        #expect(canvas.line(23).contains(" \(binding.label)  \(binding.help) "))
      }
    }
    #expect(KeyBindings.logView.action(for: .control("s")) == .view(.startSave))
    #expect(KeyBindings.describeView.action(for: .control("s")) == nil)
    #expect(KeyBindings.yamlView.action(for: .character("m")) == .view(.toggleManagedFields))
  }

  @Test func escapeAndQGoBackToTheDashboard() throws {
    for key in [Key.escape, .character("q")] {
      var state = state(.describe)
      let action = try #require(KeyBindings.dashboard.action(for: key, state: state))
      #expect(action == .view(.close))
      _ = state.applyView(.close, content: DetailContent(lines: []), now: Date())
      #expect(state.detail == nil)
    }
  }

  static func viewAction(_ action: DashboardAction) -> ViewAction? {
    if case .view(let viewAction) = action { return viewAction }
    return nil
  }
}
