import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

/// The controller's warnings for schedules a cluster may hold from before validation, and for
/// Jobs it did not create (KUBERNETES.md 5.2, 5.9, 5.10).
@Suite struct CronJobWarningTests {
  private func warnings(_ simulator: Simulator) -> [(reason: String, message: String, count: Int64)]
  {
    simulator.store.list(.events).items.filter { $0.string("type") == "Warning" }.map {
      ($0.string("reason") ?? "", $0.string("message") ?? "", $0.int("count") ?? 0)
    }
  }

  private func loadStored(_ objects: [JSONValue]) throws -> Simulator {
    let simulator = Simulator(clock: .manual(start: testStart))
    try simulator.load(objects: [namespace("default")] + objects, asStored: true)
    return simulator
  }

  @Test func storedObjectsSkipCreateValidationButCreatesDoNot() throws {
    #expect(throws: SimulatorError.self) {
      try makeSimulator(objects: [cronJobManifest("boot", schedule: "@reboot")])
    }
    let simulator = try loadStored([cronJobManifest("boot", schedule: "@reboot")])
    simulator.run(for: 5)
    let found = warnings(simulator)
    #expect(found.map(\.reason) == ["UnparseableSchedule"])
    #expect(
      found.first?.message == #"unparseable schedule: "@reboot" : unrecognized descriptor: @reboot"#
    )
    #expect(found.first?.count == 1)
    #expect(simulator.store.list(.jobs).items.isEmpty)
  }

  @Test func aScheduleThatNeverMatchesIsInvalid() throws {
    let simulator = try loadStored([cronJobManifest("never", schedule: "0 0 31 2 *")])
    simulator.run(for: 3)
    #expect(
      warnings(simulator).map(\.message) == [
        "invalid schedule: 0 0 31 2 * : time difference between two schedules is less than 1 second"
      ])
  }

  @Test func aTimeZonePrefixWarnsAndStillRuns() throws {
    let simulator = try loadStored([cronJobManifest("tz", schedule: "CRON_TZ=UTC * * * * *")])
    simulator.run(for: 61)
    #expect(warnings(simulator).map(\.reason) == ["UnsupportedSchedule"])
    #expect(simulator.store.list(.jobs).items.count == 1)
  }

  @Test func aJobOwnedButNotStartedByTheControllerIsUnexpected() throws {
    var manual = jobManifest("hello-manual")
    manual[path: ["metadata", "ownerReferences"]] = [
      ["apiVersion": "batch/v1", "kind": "CronJob", "name": "hello", "controller": true]
    ]
    let simulator = try makeSimulator(objects: [
      cronJobManifest("hello", schedule: "0 0 1 1 *"), manual,
    ])
    simulator.run(for: 2)
    let found = warnings(simulator)
    #expect(found.map(\.reason) == ["UnexpectedJob"])
    #expect(
      found.first?.message == "Saw a job that the controller did not create or forgot: hello-manual"
    )
  }
}
