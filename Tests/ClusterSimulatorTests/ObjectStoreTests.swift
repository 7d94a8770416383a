import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

@Suite struct ObjectStoreTests {
  @Test func resourceVersionIncreasesOnEveryWrite() throws {
    let simulator = try makeSimulator()
    let first = try simulator.store.create(
      .secrets, ["metadata": ["name": "a", "namespace": "default"]])
    let second = try simulator.store.create(
      .secrets, ["metadata": ["name": "b", "namespace": "default"]])
    let firstRV = try #require(first.string("metadata", "resourceVersion").flatMap(Int.init))
    let secondRV = try #require(second.string("metadata", "resourceVersion").flatMap(Int.init))
    #expect(secondRV == firstRV + 1)
    var changed = first
    changed["data"] = ["k": "dg=="]
    let updated = try simulator.store.update(.secrets, changed)
    #expect(updated.string("metadata", "resourceVersion") == String(secondRV + 1))
    #expect(try simulator.store.update(.secrets, updated) == updated)
    #expect(simulator.store.revision == Int64(secondRV + 1))
  }

  @Test func jobDefaultsAndGeneratedLabels() throws {
    let simulator = try makeSimulator(objects: [jobManifest("pi")])
    let job = try #require(simulator.job("pi"))
    #expect(job.int("spec", "parallelism") == 1)
    #expect(job.int("spec", "completions") == 1)
    #expect(job.int("spec", "backoffLimit") == 6)
    #expect(job.string("spec", "completionMode") == "NonIndexed")
    #expect(job.bool("spec", "suspend") == false)
    #expect(job.int("metadata", "generation") == 1)
    let labels = try #require(job[path: ["spec", "template", "metadata", "labels"]])
    #expect(labels.string("batch.kubernetes.io/controller-uid") == job.uid)
    #expect(labels.string("job-name") == "pi")
    #expect(
      job.string("spec", "selector", "matchLabels", "batch.kubernetes.io/controller-uid") == job.uid
    )
    #expect(job.string("metadata", "labels", "batch.kubernetes.io/job-name") == "pi")
  }

  @Test func cronJobDefaults() throws {
    let simulator = try makeSimulator(objects: [cronJobManifest("hello")])
    let cronJob = try #require(simulator.store.get(.cronjobs, "default", "hello"))
    #expect(cronJob.string("spec", "concurrencyPolicy") == "Allow")
    #expect(cronJob.int("spec", "successfulJobsHistoryLimit") == 3)
    #expect(cronJob.int("spec", "failedJobsHistoryLimit") == 1)
    #expect(cronJob.bool("spec", "suspend") == false)
  }

  @Test func generateNameIsDeterministicAndUsesTheSafeAlphabet() throws {
    func names(seed: UInt64) throws -> [String] {
      let simulator = try makeSimulator(seed: seed)
      return try (0..<5).map { _ in
        try simulator.store.create(
          .secrets, ["metadata": ["generateName": "pi-", "namespace": "default"]]
        ).name
      }
    }
    let first = try names(seed: 3)
    #expect(first == (try names(seed: 3)))
    #expect(first != (try names(seed: 4)))
    for name in first {
      #expect(name.hasPrefix("pi-") && name.count == 8)
      #expect(name.dropFirst(3).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    }
  }

  @Test func backgroundDeleteOfCronJobRemovesJobsAndPods() throws {
    let simulator = try makeSimulator(objects: [
      cronJobManifest(
        "tick", template: podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"]))
    ])
    simulator.run(for: 45)
    #expect(simulator.store.list(.jobs).items.count == 1)
    #expect(simulator.store.list(.pods).items.count == 1)
    try simulator.store.delete(.cronjobs, "default", "tick", propagation: .background)
    simulator.run(for: 40)
    #expect(simulator.store.list(.cronjobs).items.isEmpty)
    #expect(simulator.store.list(.jobs).items.isEmpty)
    #expect(simulator.store.list(.pods).items.isEmpty)
  }

  @Test func orphanDeleteKeepsPodsWithoutOwner() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest("keep", template: podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"]))
    ])
    simulator.run(for: 5)
    try simulator.store.delete(.jobs, "default", "keep", propagation: .orphan)
    simulator.run(for: 5)
    let pods = simulator.store.list(.pods).items
    #expect(pods.count == 1)
    #expect(pods.first?.array("metadata", "ownerReferences").isEmpty == true)
  }

  @Test func foregroundDeleteWaitsForDependents() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest("fg", template: podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"]))
    ])
    simulator.run(for: 5)
    let deleting = try simulator.store.delete(.jobs, "default", "fg", propagation: .foreground)
    #expect(deleting.isDeleting)
    #expect(deleting.array("metadata", "finalizers").contains("foregroundDeletion"))
    simulator.run(for: 10)
    #expect(simulator.job("fg") == nil)
    #expect(simulator.store.list(.pods).items.isEmpty)
  }

  @Test func tooOldRevisionIsReported() throws {
    let simulator = Simulator(clock: .manual(start: testStart))
    let store = ObjectStore(clock: simulator.clock, seed: 1, changeWindow: 4)
    for index in 0..<20 {
      _ = try store.create(
        .secrets, ["metadata": ["name": .string("s\(index)"), "namespace": "x"]])
    }
    #expect(store.changes(after: 2) == nil)
    #expect(store.changes(after: store.revision - 1)?.count == 1)
  }
}
