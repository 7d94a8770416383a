import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct NavigationStateTests {
  let now = Date(timeIntervalSince1970: 1_796_342_400)

  var snapshot: ClusterSnapshot {
    func meta(_ namespace: String, _ name: String, age: Double, labels: [String: String] = [:])
      -> ObjectMeta
    {
      ObjectMeta(
        namespace: namespace, name: name, uid: "uid-\(name)", creationTimestamp: now - age,
        labels: labels)
    }
    let cronJobs = [
      CronJob(metadata: meta("a", "hourly", age: 50, labels: ["team": "ops"]), schedule: "@hourly"),
      CronJob(metadata: meta("a", "nightly", age: 500), schedule: "0 2 * * *", suspend: true),
      CronJob(metadata: meta("b", "weekly", age: 5, labels: ["team": "ml"]), schedule: "@weekly"),
    ]
    let events = [
      Event(
        metadata: meta("a", "e1", age: 30),
        involvedObject: OwnerReference(kind: "CronJob", name: "hourly", uid: "uid-hourly"),
        reason: "SuccessfulCreate", message: "Created job hourly-1", lastTimestamp: now - 30),
      Event(
        metadata: meta("a", "e2", age: 300),
        involvedObject: OwnerReference(kind: "CronJob", name: "hourly", uid: "uid-hourly"),
        reason: "MissSchedule", message: "Missed run", type: "Warning", lastTimestamp: now - 300),
      Event(
        metadata: meta("a", "e3", age: 10),
        involvedObject: OwnerReference(kind: "CronJob", name: "hourly", uid: "uid-hourly"),
        reason: "SawCompletedJob", message: "Saw completed job", lastTimestamp: now - 10),
      Event(
        metadata: meta("b", "e4", age: 1),
        involvedObject: OwnerReference(kind: "CronJob", name: "weekly", uid: "uid-weekly"),
        reason: "SuccessfulCreate", message: "Created job weekly-1", lastTimestamp: now - 1),
    ]
    return ClusterSnapshot(cronJobs: cronJobs, events: events)
  }

  func type(_ text: String, into state: inout DashboardState) {
    for character in text { _ = state.apply(.navigation(.type(character)), in: snapshot, now: now) }
  }

  @Test func slashTypesAFilterThatEnterApplies() {
    var state = DashboardState()
    _ = state.apply(.navigation(.openFilter), in: snapshot, now: now)
    #expect(state.isTyping)
    type("nightx", into: &state)
    _ = state.apply(.navigation(.erase), in: snapshot, now: now)
    #expect(state.navigation.prompt?.text == "night")
    #expect(state.rows(in: snapshot).cronJobs.count == 3, "nothing filters before Enter")
    _ = state.apply(.navigation(.submit), in: snapshot, now: now)
    #expect(!state.isTyping)
    let rows = state.rows(in: snapshot)
    #expect(rows.cronJobs.map(\.metadata.name) == ["nightly"])
    #expect(rows.totals[.cronJobs] == 3)
    #expect(rows.selectedCronJob?.metadata.name == "nightly", "the selection stays on a shown row")
    _ = state.apply(.navigation(.clearFilter), in: snapshot, now: now)
    #expect(state.rows(in: snapshot).cronJobs.count == 3)
  }

  @Test func escapeLeavesTheFilterAsItWas() {
    var state = DashboardState()
    _ = state.apply(.navigation(.openFilter), in: snapshot, now: now)
    type("-l team=ml", into: &state)
    _ = state.apply(.navigation(.submit), in: snapshot, now: now)
    #expect(state.rows(in: snapshot).cronJobs.map(\.metadata.name) == ["weekly"])
    _ = state.apply(.navigation(.openFilter), in: snapshot, now: now)
    #expect(state.navigation.prompt?.text == "-l team=ml", "the prompt starts from the filter")
    type("x", into: &state)
    _ = state.apply(.navigation(.dismiss), in: snapshot, now: now)
    #expect(state.focusedFilter?.text == "-l team=ml")
  }

  @Test func aBadFilterKeepsThePromptOpenWithTheReason() {
    var state = DashboardState()
    _ = state.apply(.navigation(.openFilter), in: snapshot, now: now)
    type("(", into: &state)
    _ = state.apply(.navigation(.submit), in: snapshot, now: now)
    #expect(state.navigation.prompt?.error == "not a regular expression: (")
    #expect(state.focusedFilter == nil)
  }

  @Test func filtersBelongToTheirPane() {
    var state = DashboardState()
    state.navigation.filters[.jobs] = try? RowFilter.parse("zzz")
    #expect(state.rows(in: snapshot).cronJobs.count == 3)
    state.focus = .logs
    #expect(state.focusedFilter == nil)
    state.navigation.filters[.pods] = try? RowFilter.parse("p")
    #expect(state.focusedFilter?.text == "p", "the log pane counts as its pod's")
  }

  @Test func shiftKeysSortAndFlip() {
    var state = DashboardState()
    _ = state.apply(.navigation(.sortBy(.age)), in: snapshot, now: now)
    #expect(
      state.rows(in: snapshot).cronJobs.map(\.metadata.name) == ["weekly", "hourly", "nightly"])
    _ = state.apply(.navigation(.sortBy(.age)), in: snapshot, now: now)
    #expect(
      state.rows(in: snapshot).cronJobs.map(\.metadata.name) == ["nightly", "hourly", "weekly"])
    _ = state.apply(.navigation(.sortBy(.status)), in: snapshot, now: now)
    #expect(state.navigation.sorts[.cronJobs] == RowSort(column: .suspend, ascending: true))
    #expect(state.rows(in: snapshot).cronJobs.last?.metadata.name == "nightly")
  }

  @Test func sortingByAColumnThePaneLacksSaysWhichItHas() {
    var state = DashboardState()
    _ = state.apply(.navigation(.sortBy(.restarts)), in: snapshot, now: now)
    #expect(state.navigation.sorts[.cronJobs] == nil)
    #expect(state.flash?.text.hasPrefix("CronJobs do not sort by RESTARTS") == true)
  }

  func command(_ text: String, _ state: inout DashboardState) -> DashboardOutcome {
    _ = state.apply(.navigation(.openCommandLine), in: snapshot, now: now)
    type(text, into: &state)
    return state.apply(.navigation(.submit), in: snapshot, now: now)
  }

  @Test func theCommandLineFocusesSortsAndQuits() {
    var state = DashboardState()
    _ = command("pods", &state)
    #expect(state.focus == .pods)
    _ = command("cj", &state)
    _ = command("sort name desc", &state)
    #expect(state.navigation.sorts[.cronJobs] == RowSort(column: .name, ascending: false))
    #expect(command("q", &state) == .quit)
  }

  @Test func unknownCommandsSaySoOnTheFooter() {
    var state = DashboardState()
    _ = command("deploy", &state)
    #expect(state.flash?.text.hasPrefix("unknown command :deploy") == true)
    #expect(!state.isTyping)
  }

  @Test func tabCompletesInThePrompt() {
    var state = DashboardState()
    _ = state.apply(.navigation(.openCommandLine), in: snapshot, now: now)
    type("ns ", into: &state)
    _ = state.apply(.navigation(.complete), in: snapshot, now: now)
    #expect(state.navigation.prompt?.candidates == ["all", "a", "b"])
    type("b", into: &state)
    _ = state.apply(.navigation(.complete), in: snapshot, now: now)
    #expect(state.navigation.prompt?.text == "ns b ")
    _ = state.apply(.navigation(.submit), in: snapshot, now: now)
    #expect(state.navigation.namespace == .named("b"))
    #expect(state.takeRequest() == .switchNamespace(.named("b")))
    #expect(state.takeRequest() == nil, "a request is taken once")
    #expect(state.rows(in: snapshot).cronJobs.map(\.metadata.name) == ["weekly"])
  }

  @Test func theNamespacePickerNarrowsByTyping() {
    var state = DashboardState()
    _ = state.apply(.navigation(.pickNamespace), in: snapshot, now: now)
    #expect(state.navigation.picker?.items == ["all", "a", "b"])
    type("b", into: &state)
    #expect(state.navigation.picker?.shown == ["b"])
    _ = state.apply(.navigation(.submit), in: snapshot, now: now)
    #expect(state.navigation.picker == nil)
    #expect(state.namespaceDisplay(watching: "all") == "b")
    _ = state.apply(.navigation(.allNamespaces), in: snapshot, now: now)
    #expect(state.namespaceDisplay(watching: "all") == "all")
    #expect(state.rows(in: snapshot).cronJobs.count == 3)
  }

  @Test func theContextPickerAsksTheLoopToSwitch() {
    var state = DashboardState()
    state.navigation.context = "prod"
    state.navigation.contexts = ["prod", "staging"]
    _ = state.apply(.navigation(.pickContext), in: snapshot, now: now)
    _ = state.apply(.navigation(.moveDown), in: snapshot, now: now)
    #expect(state.navigation.picker?.choice == "staging")
    _ = state.apply(.navigation(.submit), in: snapshot, now: now)
    #expect(state.takeRequest() == .switchContext("staging"))
    _ = command("ctx nowhere", &state)
    #expect(state.flash?.text == "no context nowhere in the kubeconfig")
    #expect(state.takeRequest() == nil)
  }

  @Test func aSingleContextSourceSaysWhyItCannotSwitch() {
    var state = DashboardState()
    state.navigation.contextNote = "the simulated cluster has one context (sim)"
    _ = state.apply(.navigation(.pickContext), in: snapshot, now: now)
    #expect(state.navigation.picker == nil)
    #expect(state.flash?.text == "the simulated cluster has one context (sim)")
  }

  @Test func eventsOfTheSelectionWarningsFirstThenNewest() {
    var state = DashboardState()
    _ = command("events", &state)
    let view = state.navigation.events
    #expect(view?.target?.name == "hourly")
    let events = EventList.events(in: snapshot, about: view?.target)
    #expect(events.map(\.metadata.name) == ["e2", "e3", "e1"])
    #expect(
      EventList.cells(of: events[0], now: now)
        == ["5m", "Warning", "MissSchedule", "cronjob/hourly", "Missed run"])
    _ = state.apply(.navigation(.dismiss), in: snapshot, now: now)
    state.marks = ["uid-weekly"]
    _ = command("ev", &state)
    #expect(state.navigation.events?.target?.name == "hourly", "the selection, not the marks")
    _ = state.apply(.navigation(.dismiss), in: snapshot, now: now)
    _ = command("events all", &state)
    #expect(state.navigation.events?.target == nil)
    #expect(
      EventList.events(in: snapshot, about: nil).map(\.metadata.name) == ["e2", "e4", "e3", "e1"])
  }
}
