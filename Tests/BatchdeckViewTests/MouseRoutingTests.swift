import BatchdeckModel
import Testing

@testable import BatchdeckView

@Suite struct MouseRoutingTests {
  let snapshot = DemoSnapshotFixture.snapshot

  func route(_ kind: MouseEvent.Kind, column: Int, row: Int, state: DashboardState)
    -> DashboardAction?
  {
    MouseRouting.action(
      for: MouseEvent(kind, column: column, row: row), state: state, snapshot: snapshot,
      width: 120, height: 40)
  }

  /// The screen row on which `text` is drawn at 120x40.
  func row(of text: String, state: DashboardState) throws -> Int {
    let canvas = DashboardScreen(
      state: state, snapshot: snapshot, logTail: nil,
      context: DashboardContext(cluster: "c", context: "x", namespace: "all"), theme: .default
    ).render(width: 120, height: 40, now: DemoSnapshotFixture.now)
    return try #require((0..<40).first { canvas.line($0).contains(text) })
  }

  @Test func aClickFocusesThePaneAndSelectsTheRowUnderIt() throws {
    var state = DashboardState()
    let line = try row(of: "nightly-fail  ", state: state)
    let action = try #require(route(.click, column: 20, row: line, state: state))
    #expect(action == .navigation(.select(.jobs, row: 2)))
    _ = state.apply(action, in: snapshot)
    #expect(state.focus == .jobs)
    #expect(state.rows(in: snapshot).selectedJob?.metadata.name == "nightly-fail")
  }

  @Test func aClickOnAPaneHeaderOnlyFocusesIt() throws {
    var state = DashboardState()
    let title = try row(of: "─ Jobs all", state: state)
    let action = try #require(route(.click, column: 10, row: title, state: state))
    _ = state.apply(action, in: snapshot)
    #expect(state.focus == .jobs)
    #expect(state.selectedJob == nil)
  }

  @Test func theWheelMovesThePaneUnderThePointer() throws {
    var state = DashboardState()
    let line = try row(of: "batch-processor", state: state)
    let action = try #require(route(.wheelDown, column: 5, row: line, state: state))
    #expect(action == .navigation(.scroll(.jobs, by: 1)))
    _ = state.apply(action, in: snapshot)
    #expect(state.focus == .jobs)
    #expect(state.rows(in: snapshot).selectedJob?.metadata.name == "batch-processor")
  }

  @Test func dialogsAndPromptsIgnoreTheMouse() {
    var state = DashboardState()
    state.showingHelp = true
    #expect(route(.click, column: 5, row: 5, state: state) == nil)
    state.showingHelp = false
    state.navigation.prompt = Prompt(kind: .filter)
    #expect(route(.click, column: 5, row: 5, state: state) == nil)
    state.navigation.prompt = nil
    #expect(route(.click, column: 5, row: 0, state: state) == nil, "the header is no pane")
  }
}
