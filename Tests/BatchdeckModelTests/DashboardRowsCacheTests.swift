import Foundation
import Testing

@testable import BatchdeckModel

/// The rows cache hands out exactly what `DashboardState.rows(in:)` builds, and builds again
/// only when the snapshot's generation or a state field the rows derive from changes.
@Suite struct DashboardRowsCacheTests {
  let now = Date(timeIntervalSince1970: 1_796_342_400)

  func snapshot(generation: UInt64, extra: Bool = false) -> ClusterSnapshot {
    func meta(_ namespace: String, _ name: String, age: Double) -> ObjectMeta {
      ObjectMeta(
        namespace: namespace, name: name, uid: "uid-\(name)", creationTimestamp: now - age)
    }
    var cronJobs = [
      CronJob(metadata: meta("a", "hourly", age: 50), schedule: "@hourly"),
      CronJob(metadata: meta("a", "nightly", age: 500), schedule: "0 2 * * *", suspend: true),
      CronJob(metadata: meta("b", "weekly", age: 5), schedule: "@weekly"),
    ]
    if extra {
      cronJobs.append(CronJob(metadata: meta("b", "yearly", age: 9), schedule: "@yearly"))
    }
    return ClusterSnapshot(cronJobs: cronJobs, generation: generation)
  }

  @Test func handsOutTheSameRowsAsBuildingThemUntilAnInputChanges() throws {
    var cache = DashboardRowsCache()
    var state = DashboardState()
    let first = snapshot(generation: 1)
    #expect(cache.rows(for: state, in: first) == state.rows(in: first))
    #expect(cache.rows(for: state, in: first) == state.rows(in: first))
    #expect(cache.builds == 1, "asking again with nothing changed reuses the rows")

    // Fields the rows do not read (focus, help, flash, page size) keep the cached rows.
    state.focus = .jobs
    state.showingHelp = true
    state.pageSize = 3
    _ = cache.rows(for: state, in: first)
    #expect(cache.builds == 1)

    state.selectedCronJob = "uid-weekly"
    #expect(cache.rows(for: state, in: first) == state.rows(in: first))
    #expect(cache.rows(for: state, in: first).selectedCronJob?.metadata.name == "weekly")
    #expect(cache.builds == 2, "a new selection rebuilds")
    #expect(cache.tableBuilds == 1, "but does not filter and sort the tables again")

    state.navigation.filters[.cronJobs] = try RowFilter.parse("ly")
    state.navigation.sorts[.cronJobs] = RowSort(column: .name, ascending: false)
    let sorted = cache.rows(for: state, in: first)
    #expect(sorted == state.rows(in: first))
    #expect(sorted.cronJobs.map(\.metadata.name) == ["weekly", "nightly", "hourly"])
    #expect(cache.builds == 3, "a filter or sort rebuilds")
    #expect(cache.tableBuilds == 2)
    state.selectedJob = "uid-none"
    state.selectedPod = "uid-none"
    #expect(cache.rows(for: state, in: first) == state.rows(in: first))
    #expect(cache.builds == 4 && cache.tableBuilds == 2)

    state.navigation.namespace = .named("a")
    #expect(
      cache.rows(for: state, in: first).cronJobs.map(\.metadata.name) == ["nightly", "hourly"])
    #expect(cache.builds == 5 && cache.tableBuilds == 3, "the namespace scope rebuilds")

    state.navigation.namespace = nil
    let second = snapshot(generation: 2, extra: true)
    let rebuilt = cache.rows(for: state, in: second)
    #expect(rebuilt == state.rows(in: second))
    #expect(rebuilt.cronJobs.map(\.metadata.name) == ["yearly", "weekly", "nightly", "hourly"])
    #expect(cache.builds == 6 && cache.tableBuilds == 4, "a new generation rebuilds")
  }

  @Test func theDrillDownRebuilds() {
    var cache = DashboardRowsCache()
    var state = DashboardState()
    let shot = snapshot(generation: 7)
    _ = cache.rows(for: state, in: shot)
    state.drilledCronJob = "uid-hourly"
    let rows = cache.rows(for: state, in: shot)
    #expect(rows.drilledCronJob?.metadata.name == "hourly")
    #expect(rows == state.rows(in: shot))
    #expect(cache.builds == 2 && cache.tableBuilds == 2)
  }
}
