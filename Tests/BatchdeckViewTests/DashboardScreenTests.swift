import BatchdeckModel
import Foundation
import Testing

@testable import BatchdeckView

@Suite struct DashboardScreenTests {
  let context = DashboardContext(
    cluster: "demo (simulated)", context: "demo", namespace: "all", clockNote: "×10")

  func screen(state: DashboardState = DashboardState()) -> DashboardScreen {
    DashboardScreen(
      state: state, snapshot: DemoSnapshotFixture.snapshot, logTail: DemoSnapshotFixture.logTail,
      context: context, theme: .default)
  }

  @Test func goldenAt120x40() throws {
    let canvas = screen().render(width: 120, height: 40, now: DemoSnapshotFixture.now)
    try assertSnapshot(canvas.text, named: "dashboard-120x40")
  }

  @Test func goldenDrilledAt80x24() throws {
    var state = DashboardState()
    _ = state.apply(.drillDown, in: DemoSnapshotFixture.snapshot)
    let canvas = screen(state: state).render(width: 80, height: 24, now: DemoSnapshotFixture.now)
    try assertSnapshot(canvas.text, named: "dashboard-drilled-80x24")
  }

  @Test func selectedRowAndStatusUseTheirRoles() throws {
    let canvas = screen().render(width: 120, height: 40, now: DemoSnapshotFixture.now)
    let theme = Theme.default
    let cronRow = try #require((0..<40).first { canvas.line($0).contains("log-cleanup  ") })
    #expect(canvas[5, cronRow].style == theme[.rowSelected])
    let failedRow = try #require((0..<40).first { canvas.line($0).contains("nightly-fail") })
    let column = try #require(canvas.line(failedRow).range(of: "Failed"))
    let offset = canvas.line(failedRow).distance(
      from: canvas.line(failedRow).startIndex, to: column.lowerBound)
    #expect(canvas[offset, failedRow].style.foreground == theme[.statusFailed].foreground)
  }

  @Test func controlCharactersFromTheClusterNeverReachTheCanvas() {
    let canvas = screen().render(width: 120, height: 40, now: DemoSnapshotFixture.now)
    let everything = canvas.cells.map(\.text).joined()
    #expect(!everything.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    #expect(canvas.text.contains("bad ?[31mescape? stays visible"))
  }

  @Test func tinyTerminalSaysWhatItNeeds() {
    let canvas = screen().render(width: 40, height: 10, now: DemoSnapshotFixture.now)
    #expect(canvas.line(0).hasPrefix("Terminal too small"))
    #expect(canvas.line(1).hasPrefix("need 60x16, have 40x10"))
  }

  @Test func everySizeFromMinimumRendersWithinBounds() {
    for width in stride(from: 60, through: 200, by: 35) {
      for height in stride(from: 16, through: 60, by: 11) {
        let canvas = screen().render(width: width, height: height, now: DemoSnapshotFixture.now)
        #expect(canvas.line(height - 1).contains("quit"), "footer at \(width)x\(height)")
        #expect(canvas.text.contains("CronJobs (2)"))
      }
    }
  }
}
