import Foundation
import Testing

/// The navigation keys in a real terminal (tmux at 120×40) against the demo: filter, sort,
/// the command line and the namespace picker.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct NavigationTmuxTests {
  let home = NSTemporaryDirectory() + "batchdeck-nav-e2e-\(getpid())"

  func start(_ arguments: [String] = []) throws -> TmuxSession {
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let session = try TmuxSession(
      command: [binary, "--demo"] + arguments, width: 120, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let first = try session.waitForScreen(timeout: 40) { screen in
      screen.contains("CronJobs (") && screen.contains("log-cleanup")
        && screen.contains("Jobs all (")
    }
    #expect(first.contains("Jobs all ("), "screen was:\n\(first)")
    return session
  }

  /// The text lines of the box whose title starts with `title`.
  static func box(_ title: String, in screen: String) -> [String] {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let top = lines.firstIndex(where: { $0.contains("─ \(title)") }) else { return [] }
    let rest = lines[(top + 1)...]
    let bottom = rest.firstIndex { $0.hasPrefix("└") } ?? lines.endIndex
    return Array(lines[(top + 1)..<bottom])
  }

  /// The NAME column of the Jobs pane, top to bottom.
  static func jobNames(_ screen: String) -> [String] {
    box("Jobs all", in: screen).compactMap { line in
      line.firstMatch(of: #/^│(?:default|ml-pipeline) +(\S+) /#).map { String($0.1) }
    }
  }

  static func cronJobNamespaces(_ screen: String) -> [String] {
    box("CronJobs", in: screen).compactMap { line in
      line.firstMatch(of: #/^│([a-z][a-z-]*) +\S+ +[0-9*@]/#).map { String($0.1) }
    }
  }

  @Test func slashFiltersThePaneAndEscapeClearsIt() throws {
    let session = try start()
    try session.send("/")
    try session.send("l", "o", "g", "-", "c", "l", "x")
    let typing = try session.waitForScreen { $0.contains(" /log-clx█") }
    #expect(typing.contains(" /log-clx█"), "the prompt is on the footer:\n\(typing)")
    #expect(typing.firstMatch(of: /CronJobs \(\d+\) ─/) != nil, "Enter has not applied it yet")
    try session.send("BSpace")
    try session.waitForScreen { $0.contains(" /log-cl█") }
    try session.send("Enter")
    let filtered = try session.waitForScreen {
      $0.firstMatch(of: /CronJobs \(1\/\d+\) \/log-cl/) != nil
    }
    #expect(
      filtered.firstMatch(of: /CronJobs \(1\/\d+\) \/log-cl/) != nil, "screen was:\n\(filtered)")
    let rows = Self.box("CronJobs", in: filtered).filter { $0.contains("* * * * *") }
    #expect(rows.count == 1 && rows[0].contains("log-cleanup"), "only log-cleanup:\n\(filtered)")

    try session.send("Escape")
    let cleared = try session.waitForScreen { $0.firstMatch(of: /CronJobs \(\d+\) ─/) != nil }
    #expect(cleared.firstMatch(of: /CronJobs \(\d+\) ─/) != nil, "screen was:\n\(cleared)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func shiftNSortsByNameAndAgainReverses() throws {
    let session = try start()
    try session.send("Tab")
    try session.send("N")
    let ascending = try session.waitForScreen { $0.contains("by NAME↑") && $0.contains("NAME↑ ") }
    let up = Self.jobNames(ascending)
    #expect(up.count >= 3, "screen was:\n\(ascending)")
    #expect(up == up.sorted(), "ascending: \(up)")
    try session.send("N")
    let descending = try session.waitForScreen { $0.contains("by NAME↓") }
    let down = Self.jobNames(descending)
    #expect(down.count >= 3, "screen was:\n\(descending)")
    #expect(down == down.sorted(by: >), "descending: \(down)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func theCommandLineCompletesFocusesSortsAndQuits() throws {
    let session = try start()
    try session.send(":")
    try session.send("j", "o", "Tab")
    let completed = try session.waitForScreen { $0.contains(" :jobs █") }
    #expect(completed.contains(" :jobs █"), "Tab completed the command:\n\(completed)")
    try session.send("Enter")
    try session.send(":")
    try session.send("s", "o", "r", "t", "Space", "a", "g", "e", "Space", "d", "e", "s", "c")
    try session.send("Enter")
    let sorted = try session.waitForScreen { $0.contains("Jobs all (") && $0.contains("by AGE↓") }
    #expect(
      sorted.firstMatch(of: /Jobs all \(\d+\) by AGE↓/) != nil, ":jobs focused it:\n\(sorted)")

    try session.send(":")
    try session.send("n", "o", "p", "e", "Enter")
    let unknown = try session.waitForScreen { $0.contains("unknown command :nope") }
    #expect(unknown.contains("unknown command :nope"), "screen was:\n\(unknown)")

    try session.send(":")
    try session.send("e", "v", "Space", "a", "l", "l", "Enter")
    let events = try session.waitForScreen { $0.contains("Events all (") }
    #expect(events.contains("LAST SEEN"), "screen was:\n\(events)")
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Events all (") }

    try session.send(":")
    try session.send("q", "Enter")
    #expect(session.exitStatus() == 0)
  }

  @Test func theNamespacePickerNarrowsAndZeroShowsAll() throws {
    let session = try start()
    #expect(Set(Self.cronJobNamespaces(try session.screen())).count == 2)
    try session.send("n")
    let picker = try session.waitForScreen { $0.contains("Namespace (3)") }
    #expect(picker.contains("ml-pipeline"), "screen was:\n\(picker)")
    try session.send("m", "l")
    let narrowed = try session.waitForScreen { $0.contains("Namespace (1)") }
    #expect(narrowed.contains("> ml█"), "screen was:\n\(narrowed)")
    try session.send("Enter")
    let chosen = try session.waitForScreen { $0.contains("namespace ml-pipeline") }
    #expect(chosen.contains("namespace ml-pipeline"), "the header follows:\n\(chosen)")
    let namespaces = Set(Self.cronJobNamespaces(chosen))
    #expect(namespaces == ["ml-pipeline"], "screen was:\n\(chosen)")

    try session.send("0")
    let all = try session.waitForScreen { $0.contains("namespace all") }
    #expect(Set(Self.cronJobNamespaces(all)).count == 2, "screen was:\n\(all)")

    try session.send("c")
    let note = try session.waitForScreen { $0.contains("the simulated cluster has one context") }
    #expect(note.contains("the simulated cluster has one context"), "screen was:\n\(note)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func aClickSelectsTheJobUnderItAndNoMouseLeavesTheMouseAlone() throws {
    let session = try start()
    // The mode reaches tmux with the dashboard's output, so it is polled for.
    let deadline = Date().addingTimeInterval(10)
    var flag = try session.format("#{mouse_sgr_flag}")
    while flag != "1", Date() < deadline {
      Thread.sleep(forTimeInterval: 0.1)
      flag = try session.format("#{mouse_sgr_flag}")
    }
    #expect(flag == "1", "the dashboard asks for the mouse")
    // Only ml-pipeline's Jobs, which no CronJob adds to while the test runs, so the rows
    // stay where they were seen.
    try session.send("Tab", "/")
    try session.send("m", "l", "-", "p", "i", "p", "e", "l", "i", "n", "e", "Enter")
    let screen = try session.waitForScreen { $0.contains("/ml-pipeline") }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let names = Self.jobNames(screen)
    let target = try #require(names.dropFirst(2).first, "screen was:\n\(screen)")
    let row = try #require(lines.firstIndex { $0.hasPrefix("│") && $0.contains(" \(target) ") })
    // An SGR mouse report, as a terminal sends it: button 0 pressed and released at
    // column 20, row `row` (both counted from 1).
    try session.sendLiteral("\u{1B}[<0;20;\(row + 1)M\u{1B}[<0;20;\(row + 1)m")
    let clicked = try session.waitForScreen { $0.contains("Pods of job/\(target) ") }
    #expect(clicked.contains("Pods of job/\(target) "), "screen was:\n\(clicked)")
    try session.send("q")
    #expect(session.exitStatus() == 0)

    let quiet = try start(["--no-mouse"])
    #expect(try quiet.format("#{mouse_sgr_flag}#{mouse_standard_flag}") == "00")
    try quiet.send("q")
    #expect(quiet.exitStatus() == 0)
  }
}
