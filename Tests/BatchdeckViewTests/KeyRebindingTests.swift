import BatchdeckModel
import Testing

@testable import BatchdeckView

@Suite struct KeyRebindingTests {
  @Test func keyNamesAsTheConfigWritesThem() {
    #expect(KeyName.parse("x") == .character("x"))
    #expect(KeyName.parse("N") == .character("N"))
    #expect(KeyName.parse("Ctrl-d") == .control("d"))
    #expect(KeyName.parse("C-K") == .control("k"))
    #expect(KeyName.parse("^s") == .control("s"))
    #expect(KeyName.parse("Enter") == .enter)
    #expect(KeyName.parse("space") == .character(" "))
    #expect(KeyName.parse("F5") == .function(5))
    #expect(KeyName.parse("PgDn") == .pageDown)
    #expect(KeyName.parse("Ctrl-") == nil)
    #expect(KeyName.parse("F13") == nil)
    #expect(KeyName.parse("hyper-x") == nil)
    #expect(KeyName.parse("") == nil)
  }

  @Test func aReboundActionGetsOnlyItsNewKey() {
    let (keys, problems) = KeyBindings.dashboard.rebound([
      KeyRebinding(action: "filter", key: "f", line: 3),
      KeyRebinding(action: "suspend", key: "Ctrl-s", line: 4),
    ])
    #expect(problems.isEmpty)
    let state = DashboardState()
    #expect(keys.action(for: .character("f"), state: state) == .navigation(.openFilter))
    #expect(keys.action(for: .character("/"), state: state) == nil)
    #expect(keys.action(for: .control("s"), state: state) == .toggleSuspend)
    #expect(keys.action(for: .character("s"), state: state) == nil)
    #expect(keys.bindings.first { $0.action == .toggleSuspend }?.label == "^s")
  }

  @Test func aKeyTakenFromAnotherActionLeavesIt() {
    let (keys, _) = KeyBindings.dashboard.rebound([
      KeyRebinding(action: "describe-me", key: "x", line: 1),
      KeyRebinding(action: "quit", key: "n", line: 2),
    ])
    let state = DashboardState()
    #expect(keys.action(for: .character("n"), state: state) == .quit)
    #expect(keys.action(for: .control("c"), state: state) == nil, "quit has only its new key")
  }

  @Test func badEntriesAreReportedWithLineAndKey() {
    let (keys, problems) = KeyBindings.dashboard.rebound([
      KeyRebinding(action: "launch", key: "x", line: 7),
      KeyRebinding(action: "filter", key: "Ctrl-", line: 8),
    ])
    #expect(problems.count == 2)
    #expect(problems.first?.line == 7)
    #expect(problems.first?.key == "keys.launch")
    #expect(
      problems.first?.reason.hasPrefix("unknown action \"launch\" (actions: up, down") == true)
    #expect(problems.last?.line == 8)
    #expect(problems.last?.reason == "unknown key \"Ctrl-\"")
    #expect(
      keys.action(for: .character("/"), state: DashboardState()) == .navigation(.openFilter),
      "the default stays")
  }

  @Test func everyDefaultBindingHasAConfigName() {
    for binding in KeyBindings.dashboard.bindings {
      #expect(KeyBindings.configName(of: binding.action) != nil, "\(binding.label)")
    }
    let names = KeyBindings.dashboard.bindings.compactMap { KeyBindings.configName(of: $0.action) }
    #expect(Set(names).count == names.count, "names are unique")
    #expect(names.contains("sortName") && names.contains("sortAge") && names.contains("sortStatus"))
  }
}
