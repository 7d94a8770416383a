import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct RowFilterTests {
  func meta(_ namespace: String, _ name: String, _ labels: [String: String] = [:]) -> ObjectMeta {
    ObjectMeta(namespace: namespace, name: name, labels: labels)
  }

  @Test func plainTextIsACaseInsensitiveSubstringOfNameOrNamespace() throws {
    let filter = try #require(try RowFilter.parse("  Clean "))
    guard case .substring = filter.kind else {
      Issue.record("plain text became \(filter.kind)")
      return
    }
    #expect(filter.text == "Clean")
    #expect(filter.matches(meta("default", "log-cleanup")))
    #expect(filter.matches(meta("cleaning-crew", "report")))
    #expect(!filter.matches(meta("default", "report-export")))
  }

  @Test func textWithPatternCharactersIsARegularExpression() throws {
    let filter = try #require(try RowFilter.parse("^log-.*up$"))
    guard case .pattern = filter.kind else {
      Issue.record("pattern became \(filter.kind)")
      return
    }
    #expect(filter.matches(meta("default", "LOG-cleanup")))
    #expect(!filter.matches(meta("default", "my-log-cleanup")))
    #expect(!filter.matches(meta("default", "log-cleanup-2")))
  }

  @Test func aBrokenRegularExpressionIsReported() {
    #expect(throws: PromptError(message: "not a regular expression: ab[c")) {
      try RowFilter.parse("ab[c")
    }
  }

  @Test func emptyTextIsNoFilter() throws {
    #expect(try RowFilter.parse("") == nil)
    #expect(try RowFilter.parse("   ") == nil)
  }

  @Test func labelSelectorsTakeEqualityInequalityAndExistence() throws {
    let filter = try #require(try RowFilter.parse("-l app=web, tier!=db,team,!legacy"))
    guard case .labels(let requirements) = filter.kind else {
      Issue.record("selector became \(filter.kind)")
      return
    }
    #expect(
      requirements == [
        .equals(key: "app", value: "web"), .notEquals(key: "tier", value: "db"),
        .exists(key: "team"), .notExists(key: "legacy"),
      ])
    #expect(filter.matches(meta("a", "x", ["app": "web", "team": "ml"])))
    #expect(filter.matches(meta("a", "x", ["app": "web", "team": "ml", "tier": "front"])))
    #expect(!filter.matches(meta("a", "x", ["app": "web", "team": "ml", "tier": "db"])))
    #expect(!filter.matches(meta("a", "x", ["app": "web"])), "team must exist")
    #expect(!filter.matches(meta("a", "x", ["app": "web", "team": "ml", "legacy": "1"])))
    #expect(!filter.matches(meta("a", "app=web")), "labels, not the name, decide")
    let doubled = try #require(try RowFilter.parse("-l app==web"))
    #expect(doubled.matches(meta("a", "x", ["app": "web"])))
  }

  @Test func badSelectorsSayWhichTerm() {
    #expect(throws: PromptError(message: "-l needs a selector, e.g. -l app=web")) {
      try RowFilter.parse("-l")
    }
    #expect(throws: PromptError(message: "bad label selector term: =web")) {
      try RowFilter.parse("-l =web")
    }
    #expect(throws: PromptError(message: "bad label selector term: (empty)")) {
      try RowFilter.parse("-l app=web,")
    }
  }

  @Test func tenThousandRowsFilterWithOneCompiledExpression() throws {
    let names = (0..<10_000).map { meta("ns-\($0 % 7)", "job-\($0)") }
    let filter = try #require(try RowFilter.parse("job-9\\d{3}$"))
    let kept = names.filter(filter.matches)
    #expect(kept.count == 1000)
    #expect(kept.first?.name == "job-9000")
    #expect(kept.last?.name == "job-9999")
  }

  @Test func labelAnswersAreNeverRemembered() throws {
    let filter = try #require(try RowFilter.parse("-l app=web"))
    var object = ObjectMeta(namespace: "a", name: "x", uid: "u1", labels: ["app": "web"])
    #expect(filter.matches(object))
    object.labels["app"] = "db"
    #expect(!filter.matches(object), "labels change, so the selector is asked again")
    let text = try #require(try RowFilter.parse("x"))
    #expect(text.matches(object))
    let copy = text
    #expect(copy.matches(object), "copies share what was learned")
  }

  @Test func filtersCompareByTheirText() throws {
    #expect(try RowFilter.parse("a.b") == RowFilter.parse(" a.b "))
    #expect(try RowFilter.parse("a.b") != RowFilter.parse("a.c"))
  }
}

@Suite struct RowSortTests {
  let now = Date(timeIntervalSince1970: 1_796_342_400)

  func job(_ name: String, age: Double, succeeded: Int = 0, failed: Bool = false) -> Job {
    Job(
      metadata: ObjectMeta(
        namespace: "a", name: name, uid: name, creationTimestamp: now - age),
      completions: 4,
      conditions: failed ? [Condition(type: "Failed", status: "True")] : [],
      startTime: now - age, succeeded: succeeded)
  }

  @Test func sortsByNameAgeStatusAndNumbersBothWays() {
    let jobs = [
      job("b", age: 60, succeeded: 2), job("a", age: 600, succeeded: 10),
      job("c", age: 5, failed: true),
    ]
    #expect(RowSort(column: .name).apply(to: jobs).map(\.metadata.name) == ["a", "b", "c"])
    #expect(
      RowSort(column: .name, ascending: false).apply(to: jobs).map(\.metadata.name)
        == ["c", "b", "a"])
    #expect(
      RowSort(column: .age).apply(to: jobs).map(\.metadata.name) == ["c", "b", "a"],
      "youngest first, as the AGE column reads")
    #expect(
      RowSort(column: .completions).apply(to: jobs).map(\.metadata.name) == ["c", "b", "a"],
      "10 sorts after 2: numbers, not text")
    #expect(
      RowSort(column: .status).apply(to: jobs).map(\.metadata.name) == ["c", "b", "a"],
      "Failed before Running")
  }

  @Test func tiesKeepTheirOrder() {
    let jobs = [job("x", age: 10), job("y", age: 10), job("z", age: 10)]
    for ascending in [true, false] {
      #expect(
        RowSort(column: .age, ascending: ascending).apply(to: jobs).map(\.metadata.name)
          == ["x", "y", "z"])
    }
  }

  @Test func columnsAreNamedAsTheirHeaders() {
    #expect(SortColumn.named("age") == .age)
    #expect(SortColumn.named("last-schedule") == .lastSchedule)
    #expect(SortColumn.named("COMP") == .completions)
    #expect(SortColumn.named("s") == nil, "several columns start with S")
    #expect(SortColumn.named("cpu") == nil)
    #expect(SortColumn.lastSchedule.commandWord == "last-schedule")
  }
}

@Suite struct DashboardCommandTests {
  let sources = DashboardCommand.Sources(
    namespaces: ["all", "default", "ml-pipeline"], contexts: ["prod", "staging"],
    sortColumns: ["name", "age", "status"])

  @Test func commandsAndTheirAliases() throws {
    #expect(try DashboardCommand.parse("cj") == .focus(.cronJobs))
    #expect(try DashboardCommand.parse("cronjobs") == .focus(.cronJobs))
    #expect(try DashboardCommand.parse("job") == .focus(.jobs))
    #expect(try DashboardCommand.parse("po") == .focus(.pods))
    #expect(try DashboardCommand.parse("ev") == .events(all: false))
    #expect(try DashboardCommand.parse("events all") == .events(all: true))
    #expect(try DashboardCommand.parse("ns ml-pipeline") == .namespace(.named("ml-pipeline")))
    #expect(try DashboardCommand.parse("ns all") == .namespace(.all))
    #expect(try DashboardCommand.parse("ns") == .namespace(nil))
    #expect(try DashboardCommand.parse("ctx prod") == .context("prod"))
    #expect(try DashboardCommand.parse("sort age desc") == .sort(.age, ascending: false))
    #expect(try DashboardCommand.parse("sort name") == .sort(.name, ascending: nil))
    #expect(try DashboardCommand.parse("q") == .quit)
    #expect(try DashboardCommand.parse("quit") == .quit)
    #expect(try DashboardCommand.parse("  ") == DashboardCommand.Command.none)
  }

  @Test func mistakesAreSaid() {
    #expect(
      throws: PromptError(
        message: "unknown command :deploy (try cj, jobs, pods, events, ns, ctx, sort, q)")
    ) { try DashboardCommand.parse("deploy") }
    #expect(throws: PromptError(message: "no column cpu to sort by")) {
      try DashboardCommand.parse("sort cpu")
    }
    #expect(throws: PromptError(message: "sort direction up: asc or desc")) {
      try DashboardCommand.parse("sort age up")
    }
    #expect(throws: PromptError(message: ":jobs takes no argument")) {
      try DashboardCommand.parse("jobs extra")
    }
  }

  @Test func tabCompletesCommandsNamespacesContextsAndColumns() {
    #expect(DashboardCommand.complete("jo", with: sources) == ("jobs ", []))
    #expect(DashboardCommand.complete("ev", with: sources) == ("events ", []))
    let several = DashboardCommand.complete("c", with: sources)
    #expect(several.text == "c")
    #expect(several.candidates == ["cronjobs", "ctx"])
    #expect(DashboardCommand.complete("ns ml", with: sources) == ("ns ml-pipeline ", []))
    let namespaces = DashboardCommand.complete("ns ", with: sources)
    #expect(namespaces.candidates == ["all", "default", "ml-pipeline"])
    #expect(DashboardCommand.complete("ctx st", with: sources) == ("ctx staging ", []))
    #expect(DashboardCommand.complete("sort a", with: sources) == ("sort age ", []))
    #expect(DashboardCommand.complete("sort age d", with: sources) == ("sort age desc ", []))
    #expect(DashboardCommand.complete("zz", with: sources) == ("zz", []))
    #expect(DashboardCommand.complete("jobs x", with: sources) == ("jobs x", []))
  }

  @Test func sharedPrefixesExtendTheText() {
    let sources = DashboardCommand.Sources(
      namespaces: ["team-alpha", "team-beta"], contexts: [], sortColumns: [])
    let completion = DashboardCommand.complete("ns t", with: sources)
    #expect(completion.text == "ns team-")
    #expect(completion.candidates == ["team-alpha", "team-beta"])
  }
}
