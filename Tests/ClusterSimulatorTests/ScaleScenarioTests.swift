import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

@Suite struct ScaleScenarioTests {
  let scenario = ScaleScenario(
    cronJobs: 7, jobs: 40, pods: 45, namespaces: 3, churnPerSecond: 10, seed: 42)
  let now = Date(timeIntervalSince1970: 1_800_000_000)

  @Test func loadsTheCountsAskedFor() throws {
    let simulator = Simulator(clock: .manual(start: now))
    try simulator.load(scale: scenario)
    #expect(simulator.store.list(.cronjobs).items.count == 7)
    #expect(simulator.store.list(.jobs).items.count == 40)
    #expect(simulator.store.list(.pods).items.count == 45)
    let namespaces = Set(simulator.store.list(.pods).items.map(\.namespace))
    #expect(namespaces == ["team-0", "team-1", "team-2"])
  }

  @Test func ownersResolveToTheLoadedObjects() throws {
    let simulator = Simulator(clock: .manual(start: now))
    try simulator.load(scale: scenario)
    let cronJobUIDs = Set(simulator.store.list(.cronjobs).items.map(\.uid))
    let jobUIDs = Set(simulator.store.list(.jobs).items.map(\.uid))
    for job in simulator.store.list(.jobs).items {
      #expect(
        cronJobUIDs.contains(job.array("metadata", "ownerReferences").first?.string("uid") ?? ""))
    }
    for pod in simulator.store.list(.pods).items {
      #expect(jobUIDs.contains(pod.array("metadata", "ownerReferences").first?.string("uid") ?? ""))
    }
  }

  @Test func sameSeedSameObjectsOtherSeedOtherNames() {
    #expect(scenario.objects(now: now) == scenario.objects(now: now))
    var other = scenario
    other.seed = 43
    #expect(other.objects(now: now).map(\.name) != scenario.objects(now: now).map(\.name))
  }

  @Test func podsAreSeveralKilobytes() {
    let pod = scenario.pod(0, now: now)
    let size = pod.serialized().count
    #expect(size > 3_000)
  }

  @Test func churnChangesPodsAndJobsDeterministically() throws {
    func run() throws -> [String] {
      let simulator = Simulator(clock: .manual(start: now))
      try simulator.load(scale: scenario)
      let before = simulator.store.revision
      let churn = ScaleChurn(simulator: simulator, scenario: scenario)
      churn.step(changes: 20)
      #expect(churn.changeCount == 20)
      #expect(simulator.store.revision > before)
      #expect(simulator.store.list(.pods).items.count == 45)
      return simulator.store.list(.pods).items.map { $0.string("status", "phase") ?? "" }
    }
    let first = try run()
    #expect(first.contains("Running"))
    #expect(try run() == first)
  }
}
