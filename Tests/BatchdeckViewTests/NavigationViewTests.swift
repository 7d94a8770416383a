import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

@Suite struct NavigationViewTests {
  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")
  let now = DemoSnapshotFixture.now

  var snapshot: ClusterSnapshot {
    var snapshot = DemoSnapshotFixture.snapshot
    func event(
      _ name: String, about object: String, kind: String, reason: String, message: String,
      type: String = "Normal", ago: Double, count: Int = 1
    ) -> Event {
      Event(
        metadata: DemoSnapshotFixture.meta("default", name, age: ago),
        involvedObject: OwnerReference(kind: kind, name: object, uid: "uid-\(object)"),
        reason: reason, message: message, type: type, count: count,
        lastTimestamp: now - ago)
    }
    snapshot.events = [
      event(
        "e1", about: "log-cleanup", kind: "CronJob", reason: "SuccessfulCreate",
        message: "Created job log-cleanup-29939040", ago: 20),
      event(
        "e2", about: "log-cleanup", kind: "CronJob", reason: "SawCompletedJob",
        message: "Saw completed job: log-cleanup-29939039, status: Complete", ago: 25),
      event(
        "e3", about: "log-cleanup", kind: "CronJob", reason: "MissSchedule",
        message: "Missed scheduled time to start a job", type: "Warning", ago: 3600, count: 3),
      event(
        "e4", about: "nightly-fail", kind: "Job", reason: "BackoffLimitExceeded",
        message: "Job has reached the specified backoff limit", type: "Warning", ago: 600),
    ]
    return snapshot
  }

  func render(_ state: DashboardState, width: Int = 80, height: Int = 24) -> Canvas {
    DashboardScreen(
      state: state, snapshot: snapshot, logTail: DemoSnapshotFixture.logTail, context: context,
      theme: .default
    ).render(width: width, height: height, now: now)
  }

  /// Feeds keys through the key table, as the loop does.
  func press(_ keys: [Key], _ state: inout DashboardState) {
    for key in keys {
      guard let action = KeyBindings.dashboard.action(for: key, state: state) else { continue }
      _ = state.apply(action, in: snapshot, now: now)
    }
  }

  func typing(_ text: String) -> [Key] { text.map { Key.character($0) } }

  @Test func thePromptShowsOnTheFooterWhileTyping() throws {
    var state = DashboardState()
    press([.character("/")] + typing("emb"), &state)
    let canvas = render(state)
    #expect(canvas.line(23).hasPrefix(" /emb█"))
    try assertSnapshot(canvas.text, named: "filter-prompt-80x24")
  }

  @Test func aLongPromptKeepsItsEndInView() {
    var state = DashboardState()
    press([.character("/")] + typing(String(repeating: "a", count: 90) + "xyz"), &state)
    let footer = render(state).line(23)
    #expect(footer.hasPrefix(" /…aaa"))
    #expect(footer.contains("axyz█"), "\(footer)")
    #expect(PromptLine.tail(of: "abc", width: 5) == "abc")
    #expect(PromptLine.tail(of: "abcdef", width: 4) == "…def")
  }

  @Test func lettersTypedInThePromptAreTextNotKeys() {
    var state = DashboardState()
    press([.character("/")] + typing("qs?N"), &state)
    #expect(state.navigation.prompt?.text == "qs?N")
    #expect(state.confirmation == nil && !state.showingHelp)
    press([.backspace, .enter], &state)
    #expect(state.focusedFilter?.text == "qs?", "a pattern character makes it a regex")
  }

  @Test func aFilteredSortedPaneSaysSoInItsTitleAndHeader() throws {
    var state = DashboardState()
    press(
      [.tab] + [.character("/")] + typing("^(batch|nightly)") + [
        .enter, .character("A"), .character("A"),
      ], &state)
    let canvas = render(state, width: 120, height: 40)
    let text = canvas.text
    #expect(text.contains("Jobs all (2/3) /^(batch|nightly) by AGE↓"), "\(text)")
    #expect(text.contains("AGE↓"))
    try assertSnapshot(text, named: "filtered-sorted-120x40")
  }

  @Test func escapeDropsTheFilterBeforeGoingBack() {
    var state = DashboardState()
    press([.character("/")] + typing("log") + [.enter], &state)
    #expect(render(state).text.contains("CronJobs (1/2) /log"))
    _ = state.apply(.drillDown, in: snapshot, now: now)
    state.focus = .cronJobs
    press([.escape], &state)
    #expect(state.focusedFilter == nil)
    #expect(state.drilledCronJob != nil, "the first Esc only dropped the filter")
    press([.escape], &state)
    #expect(state.drilledCronJob == nil)
  }

  @Test func tabCompletionListsCandidatesOnTheFooter() {
    var state = DashboardState()
    press([.character(":")] + typing("ns ") + [.tab], &state)
    #expect(render(state).line(23).hasPrefix(" :ns █  all  default  ml-pipeline"))
  }

  @Test func unknownCommandsSaySoOnTheFooter() {
    var state = DashboardState()
    press([.character(":")] + typing("deploy") + [.enter], &state)
    #expect(render(state).line(23).contains("unknown command :deploy"))
  }

  @Test func theNamespacePickerNarrowsAndTheHeaderFollows() throws {
    var state = DashboardState()
    press([.character("n")], &state)
    try assertSnapshot(render(state).text, named: "namespace-picker-80x24")
    press(typing("ml") + [.enter], &state)
    let canvas = render(state, width: 120, height: 40)
    #expect(canvas.line(0).contains("namespace ml-pipeline"))
    #expect(canvas.text.contains("CronJobs (1)"))
    press([.character("0")], &state)
    #expect(render(state, width: 120, height: 40).line(0).contains("namespace all"))
  }

  @Test func theContextPickerAndCompletionAt120x40() throws {
    var state = DashboardState()
    state.navigation.context = "staging"
    state.navigation.contexts = ["production", "staging", "kind-local"]
    press([.character("c"), .down], &state)
    try assertSnapshot(render(state, width: 120, height: 40).text, named: "context-picker-120x40")
    press([.escape, .character(":"), .character("c"), .tab], &state)
    let canvas = render(state, width: 120, height: 40)
    #expect(canvas.line(39).hasPrefix(" :c█  cronjobs  ctx"), "\(canvas.line(39))")
    try assertSnapshot(canvas.text, named: "command-completion-120x40")
  }

  @Test func theHeaderSaysReadOnly() {
    let canvas = render(DashboardState(readOnly: true), width: 120, height: 40)
    #expect(canvas.line(0).contains("│ read-only │"))
  }

  @Test func eventsOfTheSelectedCronJobWarningsFirst() throws {
    var state = DashboardState()
    press([.character(":")] + typing("ev") + [.enter], &state)
    let canvas = render(state, width: 120, height: 40)
    let text = canvas.text
    #expect(text.contains("Events of cronjob/log-cleanup (3)"))
    let order = ["MissSchedule", "SuccessfulCreate", "SawCompletedJob"].compactMap {
      text.range(of: $0)?.lowerBound
    }
    #expect(order.count == 3 && order == order.sorted(), "warnings first, then newest")
    #expect(!text.contains("BackoffLimitExceeded"))
    #expect(text.contains("60m (x3)"))
    try assertSnapshot(text, named: "events-120x40")
    press([.character("s")], &state)
    #expect(state.confirmation == nil, "operation keys do nothing over the events view")
    press([.escape], &state)
    #expect(state.navigation.events == nil)
  }

  @Test func everyEventAt80x24() throws {
    var state = DashboardState()
    press([.character(":")] + typing("events all") + [.enter], &state)
    let text = render(state).text
    #expect(text.contains("Events all (4)"))
    try assertSnapshot(text, named: "events-all-80x24")
  }

  @Test func readOnlyHelpStillFitsAt80x24() {
    var state = DashboardState(readOnly: true)
    state.showingHelp = true
    let text = render(state).text
    #expect(text.contains("Any key closes this help."), "\(text)")
    #expect(text.contains("namespace picker"))
  }

  @Test func helpListsTheNavigationKeys() {
    let text = render(DashboardState(), width: 120, height: 40)
    var state = DashboardState()
    state.showingHelp = true
    let help = render(state, width: 120, height: 40).text
    #expect(!text.text.contains("Navigation"))
    for binding in KeyBindings.navigation {
      #expect(help.contains("\(binding.label)  ") && help.contains(binding.help))
    }
  }
}
