import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

/// The main loop builds the rows once and hands them to the screen, help, footer and mouse;
/// each must show exactly what it shows when it builds the rows itself.
@Suite struct PrecomputedRowsTests {
  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")
  let snapshot = DemoSnapshotFixture.snapshot

  func canvases(_ state: DashboardState, width: Int = 160, height: Int = 40) -> (Canvas, Canvas) {
    let built = DashboardScreen(
      state: state, snapshot: snapshot, logTail: DemoSnapshotFixture.logTail, context: context,
      theme: .default
    ).render(width: width, height: height, now: DemoSnapshotFixture.now)
    let handed = DashboardScreen(
      state: state, snapshot: snapshot, rows: state.rows(in: snapshot),
      logTail: DemoSnapshotFixture.logTail, context: context, theme: .default
    ).render(width: width, height: height, now: DemoSnapshotFixture.now)
    return (built, handed)
  }

  func deniedState() throws -> DashboardState {
    var state = DashboardState()
    let namespace = try #require(snapshot.cronJobs.first?.metadata.namespace)
    state.learn(
      .denied(reason: "RBAC says no"),
      for: PermissionKey(verb: "delete", kind: .cronJob, namespace: namespace))
    return state
  }

  @Test func theFooterAndHelpMarkForbiddenKeysFromHandedRows() throws {
    var state = try deniedState()
    let (footerBuilt, footerHanded) = canvases(state)
    #expect(footerHanded == footerBuilt)
    #expect(footerHanded.line(39).contains("delete ✗"))
    _ = state.apply(.toggleHelp, in: snapshot)
    let (helpBuilt, helpHanded) = canvases(state)
    #expect(helpHanded == helpBuilt)
    #expect(helpHanded.text.contains("unavailable: forbidden: you may not delete cronjobs"))
  }

  @Test func aFilteredSortedDrilledStateDrawsTheSame() throws {
    var state = DashboardState()
    _ = state.apply(.moveDown, in: snapshot)
    _ = state.apply(.drillDown, in: snapshot)
    state.navigation.sorts[.jobs] = RowSort(column: .name, ascending: false)
    state.navigation.filters[.cronJobs] = try RowFilter.parse("a")
    let (built, handed) = canvases(state, width: 200, height: 60)
    #expect(handed == built)
    #expect(
      state.permissionQuestions(rows: state.rows(in: snapshot))
        == state.permissionQuestions(in: snapshot))
    #expect(!state.permissionQuestions(in: snapshot).isEmpty)
  }

  @Test func theMouseRoutesTheSameFromHandedRows() {
    var state = DashboardState()
    _ = state.apply(.moveDown, in: snapshot)
    let rows = state.rows(in: snapshot)
    var routed = 0
    for row in 0..<30 {
      for kind in [MouseEvent.Kind.click, .wheelDown] {
        let event = MouseEvent(kind, column: 10, row: row)
        if MouseRouting.action(for: event, state: state, rows: rows, width: 100, height: 30)
          != nil
        {
          routed += 1
        }
        #expect(
          MouseRouting.action(for: event, state: state, rows: rows, width: 100, height: 30)
            == MouseRouting.action(
              for: event, state: state, snapshot: snapshot, width: 100, height: 30))
      }
    }
    #expect(routed > 0, "some of the points land on a pane")
  }
}
