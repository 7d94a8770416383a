import APIMachinery
import BatchdeckModel
import ClusterSimulator
import Foundation
import KubeClient
import Testing

@testable import BatchdeckSync

/// The grouped lookups and the incrementally sorted index give what the plain scans give.
@Suite struct OwnershipIndexTests {
  let now = Date(timeIntervalSince1970: 1_800_000_000)

  /// A small scale cluster plus the awkward cases: owner references without UIDs, a Pod
  /// found only by its `job-name` label, a CronJob recreated under the same name.
  func objects() -> [JSONValue] {
    let scenario = ScaleScenario(cronJobs: 5, jobs: 30, pods: 40, namespaces: 2, seed: 7)
    var objects = scenario.objects(now: now).enumerated().map { index, object in
      var copy = object
      copy[path: ["metadata", "uid"]] = .string("uid-\(index)")
      return copy
    }
    // Every other Job's owner reference carries its CronJob's UID, as a cluster sends it.
    for index in stride(from: scenario.cronJobs, to: scenario.cronJobs + scenario.jobs, by: 2) {
      let owner = (index - scenario.cronJobs) % scenario.cronJobs
      objects[index][path: ["metadata", "ownerReferences"]] = [
        [
          "kind": "CronJob", "name": .string(scenario.cronJobName(owner)),
          "uid": .string("uid-\(owner)"), "controller": true,
        ]
      ]
    }
    var ownerless = objects[scenario.cronJobs + 3]
    ownerless[path: ["metadata", "name"]] = "manual-by-name"
    ownerless[path: ["metadata", "uid"]] = "uid-by-name"
    ownerless[path: ["metadata", "ownerReferences"]] = [
      ["kind": "CronJob", "name": .string(scenario.cronJobName(3)), "controller": true]
    ]
    var labelled = objects[scenario.cronJobs + scenario.jobs]
    labelled[path: ["metadata", "name"]] = "labelled-pod"
    labelled[path: ["metadata", "uid"]] = "uid-labelled"
    labelled[path: ["metadata", "ownerReferences"]] = nil
    objects += [ownerless, labelled]
    return objects
  }

  func index() -> ObjectIndex {
    var index = ObjectIndex()
    let all = objects()
    let byKind = Dictionary(grouping: all) { $0["kind"]?.stringValue ?? "" }
    index.apply(.replaced(byKind["CronJob"] ?? []), to: .cronJobs)
    index.apply(.replaced(byKind["Job"] ?? []), to: .jobs)
    index.apply(.replaced(byKind["Pod"] ?? []), to: .pods)
    return index
  }

  @Test func groupedLookupsMatchTheScans() throws {
    var index = index()
    let indexed = index.snapshot()
    #expect(indexed.ownership != nil)
    var plain = indexed
    plain.jobs = indexed.jobs
    #expect(plain.ownership == nil)
    #expect(plain == indexed)
    for cronJob in indexed.cronJobs {
      #expect(indexed.jobs(of: cronJob) == plain.jobs(of: cronJob))
      #expect(indexed.runs(of: cronJob) == plain.runs(of: cronJob))
    }
    for job in indexed.jobs {
      #expect(indexed.pods(of: job) == plain.pods(of: job))
    }
    let byName = try #require(indexed.jobs.first { $0.metadata.name == "manual-by-name" })
    let owner = try #require(indexed.cronJobs.first { $0.metadata.name == "report-3" })
    #expect(indexed.jobs(of: owner).contains(byName))
    let labelledJob = try #require(indexed.jobs.first { !indexed.pods(of: $0).isEmpty })
    #expect(!indexed.pods(of: labelledJob).isEmpty)
  }

  @Test func updatesInPlaceKeepTheSortedOrder() {
    var index = index()
    _ = index.snapshot()
    var pods = objects().filter { $0["kind"]?.stringValue == "Pod" }
    pods[4][path: ["status", "phase"]] = "Running"
    index.apply(.upserted(pods[4]), to: .pods)
    var added = pods[5]
    added[path: ["metadata", "name"]] = "aaa-new"
    added[path: ["metadata", "uid"]] = "uid-new"
    index.apply(.upserted(added), to: .pods)
    index.apply(.deleted(pods[6]), to: .pods)
    let snapshot = index.snapshot()
    let expected = index.pods.values.sorted { SortedTable<Pod>.order($0.metadata, $1.metadata) }
    #expect(snapshot.pods == expected)
    #expect(snapshot.pods.count == pods.count)
    #expect(
      snapshot.pods.first { $0.id == pods[4][path: ["metadata", "uid"]]?.stringValue }?.phase
        == "Running")
    #expect(snapshot.pods.contains { $0.metadata.name == "aaa-new" })
  }
}
