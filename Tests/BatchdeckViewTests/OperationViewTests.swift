import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

@Suite struct OperationViewTests {
  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")

  func render(_ state: DashboardState, width: Int = 100, height: Int = 30) -> Canvas {
    DashboardScreen(
      state: state, snapshot: DemoSnapshotFixture.snapshot, logTail: DemoSnapshotFixture.logTail,
      context: context, theme: .default
    ).render(width: width, height: height, now: DemoSnapshotFixture.now)
  }

  func state(after actions: [DashboardAction], readOnly: Bool = false) -> DashboardState {
    var state = DashboardState(readOnly: readOnly)
    for action in actions {
      _ = state.apply(action, in: DemoSnapshotFixture.snapshot, now: DemoSnapshotFixture.now)
    }
    return state
  }

  @Test func suspendDialogGolden() throws {
    let canvas = render(state(after: [.toggleSuspend]))
    try assertSnapshot(canvas.text, named: "confirm-suspend-100x30")
  }

  @Test func deleteDialogShowsDependentsAndPolicy() throws {
    let canvas = render(state(after: [.delete, .setPropagation(.foreground)]))
    try assertSnapshot(canvas.text, named: "confirm-delete-100x30")
    #expect(canvas.text.contains("Propagation: Background [Foreground] Orphan"))
    #expect(canvas.text.contains("Enter/y confirm   Esc/n cancel"))
  }

  @Test func triggerDialogNamesTheJobAndAnnotation() throws {
    let snapshot = DemoSnapshotFixture.snapshot
    let state = state(after: [.trigger])
    let name = try #require(state.confirmation?.jobNames.first)
    let cronJob = try #require(snapshot.cronJobs.first?.metadata.name)
    let text = render(state).text
    #expect(text.contains("Creates job/\(name)"))
    #expect(text.contains("from the jobTemplate of cronjob/\(cronJob)"))
    #expect(text.contains("annotation cronjob.kubernetes.io/instantiate: manual"))
  }

  @Test func dialogFitsANarrowTerminal() {
    let canvas = render(state(after: [.delete]), width: 60, height: 16)
    let rows = (0..<16).map(canvas.line)
    let top = rows.firstIndex { $0.contains("┌─ Delete ") }
    #expect(top != nil, "screen was:\n\(canvas.text)")
    #expect(rows.allSatisfy { TextWidth.of($0) == 60 })
  }

  @Test func helpListsEveryKeyOfTheTable() {
    let text = render(state(after: [.toggleHelp]), height: 40).text
    for binding in KeyBindings.dashboard.bindings + KeyBindings.confirmation.bindings {
      #expect(text.contains(binding.help), "help lacks \(binding.label)")
    }
    #expect(text.contains("s        suspend or resume CronJob/Job *"))
    #expect(text.contains("* asks before it acts"))
  }

  @Test func helpGoldenAt80x24InTwoColumns() throws {
    let canvas = render(state(after: [.toggleHelp]), width: 80, height: 24)
    try assertSnapshot(canvas.text, named: "help-80x24")
    #expect(canvas.text.contains("Any key closes this help."))
    #expect(canvas.text.contains("^k"))
  }

  @Test func readOnlyHidesOperationsFromFooterAndHelp() {
    let footer = KeyBindings.dashboard.footerHints(readOnly: true).map(\.key)
    #expect(!footer.contains("s") && !footer.contains("^d"))
    #expect(KeyBindings.dashboard.footerHints().map(\.key).contains("s"))
    let text = render(state(after: [.toggleHelp], readOnly: true), height: 40).text
    #expect(!text.contains("trigger CronJob now"))
    #expect(text.contains("Read-only mode: keys that change the cluster are hidden."))
  }

  @Test func forbiddenKeysAreMarkedInHelp() throws {
    var state = DashboardState()
    let namespace = try #require(DemoSnapshotFixture.snapshot.cronJobs.first?.metadata.namespace)
    state.learn(
      .denied(reason: "RBAC says no"),
      for: PermissionKey(verb: "delete", kind: .cronJob, namespace: namespace))
    _ = state.apply(.toggleHelp, in: DemoSnapshotFixture.snapshot)
    let text = render(state, width: 160, height: 40).text
    #expect(text.contains("unavailable: forbidden: you may not delete cronjobs"))
    _ = state.apply(.toggleHelp, in: DemoSnapshotFixture.snapshot)
    let footer = render(state, width: 160, height: 40).line(39)
    #expect(footer.contains("delete ✗"), "footer was: \(footer)")
    #expect(footer.contains("suspend ") && !footer.contains("suspend ✗"))
  }

  @Test func flashShowsWithItsLevelsRole() throws {
    var state = DashboardState()
    state.flash = Flash("boom", level: .error, now: DemoSnapshotFixture.now)
    let canvas = render(state)
    #expect(canvas.line(29).hasPrefix(" boom"))
    #expect(canvas[1, 29].style == Theme.default[.flashError])
  }

  @Test func confirmationKeysOnlyWhileADialogIsOpen() {
    let open = state(after: [.toggleSuspend])
    #expect(KeyBindings.dashboard.action(for: .character("y"), state: open) == .accept)
    #expect(KeyBindings.dashboard.action(for: .escape, state: open) == .cancel)
    #expect(KeyBindings.dashboard.action(for: .character("n"), state: open) == .cancel)
    #expect(KeyBindings.dashboard.action(for: .escape, state: DashboardState()) == .back)
    #expect(KeyBindings.dashboard.action(for: .control("d"), state: DashboardState()) == .delete)
  }
}
