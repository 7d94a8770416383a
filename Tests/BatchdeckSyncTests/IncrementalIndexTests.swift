import APIMachinery
import BatchdeckModel
import ClusterSimulator
import Foundation
import KubeClient
import Synchronization
import Testing

@testable import BatchdeckSync

/// The index kept up to date event by event (in-place updates, kept owner groupings, lists
/// read in pages) gives the snapshot a full rebuild from the same objects gives.
@Suite struct IncrementalIndexTests {
  let now = Date(timeIntervalSince1970: 1_800_000_000)

  /// A small scale cluster with every object given a UID, by kind.
  func cluster() -> (cronJobs: [JSONValue], jobs: [JSONValue], pods: [JSONValue]) {
    let scenario = ScaleScenario(cronJobs: 6, jobs: 40, pods: 60, namespaces: 3, seed: 11)
    var cronJobs: [JSONValue] = []
    var jobs: [JSONValue] = []
    var pods: [JSONValue] = []
    for (index, object) in scenario.objects(now: now).enumerated() {
      var copy = object
      copy[path: ["metadata", "uid"]] = .string("uid-\(index)")
      switch object["kind"]?.stringValue {
      case "CronJob": cronJobs.append(copy)
      case "Job": jobs.append(copy)
      default: pods.append(copy)
      }
    }
    return (cronJobs, jobs, pods)
  }

  /// A snapshot built from scratch out of `objects`, as after a first list.
  func rebuilt(_ objects: [String: [String: JSONValue]]) -> ClusterSnapshot {
    var index = ObjectIndex()
    index.apply(.replaced(Array((objects["CronJob"] ?? [:]).values)), to: .cronJobs)
    index.apply(.replaced(Array((objects["Job"] ?? [:]).values)), to: .jobs)
    index.apply(.replaced(Array((objects["Pod"] ?? [:]).values)), to: .pods)
    return index.snapshot()
  }

  func expectSameContent(_ kept: ClusterSnapshot, _ fresh: ClusterSnapshot) {
    #expect(kept.cronJobs == fresh.cronJobs)
    #expect(kept.jobs == fresh.jobs)
    #expect(kept.pods == fresh.pods)
    #expect(kept.ownership == SnapshotOwnership(jobs: kept.jobs, pods: kept.pods))
    for cronJob in fresh.cronJobs {
      #expect(kept.jobs(of: cronJob) == fresh.jobs(of: cronJob))
    }
    for job in fresh.jobs {
      #expect(kept.pods(of: job) == fresh.pods(of: job))
    }
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func randomEventsMatchAFullRebuild(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    func pick(_ count: Int) -> Int { Int(random.next() % UInt64(max(1, count))) }
    let (cronJobs, jobs, pods) = cluster()
    var objects: [String: [String: JSONValue]] = [:]
    for object in cronJobs + jobs + pods {
      objects[object["kind"]?.stringValue ?? "", default: [:]][uid(object)] = object
    }
    var index = ObjectIndex()
    index.apply(.replaced(cronJobs), to: .cronJobs)
    index.apply(.replaced(jobs), to: .jobs)
    index.apply(.replaced(pods), to: .pods)
    _ = index.snapshot()
    var added = 0
    for step in 0..<400 {
      let kind = ["Job", "Pod"][pick(2)]
      let resource: APIResource = kind == "Job" ? .jobs : .pods
      let present = Array(objects[kind, default: [:]].values).sorted { uid($0) < uid($1) }
      switch pick(10) {
      case 0...5:  // change a status in place, the churn's usual event
        guard var object = present.randomElement(using: &random) else { continue }
        object[path: ["status", "phase"]] = .string(["Running", "Succeeded"][pick(2)])
        object[path: ["status", "ready"]] = .int(Int64(pick(3)))
        object[path: ["metadata", "resourceVersion"]] = .string("\(step)")
        objects[kind]?[uid(object)] = object
        index.apply(.upserted(object), to: resource)
      case 6:  // a new object, under a name that sorts anywhere
        guard var object = present.randomElement(using: &random) else { continue }
        added += 1
        object[path: ["metadata", "uid"]] = .string("new-\(added)")
        object[path: ["metadata", "name"]] = .string("n\(pick(100))-\(added)")
        objects[kind]?[uid(object)] = object
        index.apply(.upserted(object), to: resource)
      case 7:  // a deletion
        guard let object = present.randomElement(using: &random) else { continue }
        objects[kind]?[uid(object)] = nil
        index.apply(.deleted(object), to: resource)
      case 8:  // a new owner: the grouping must change although the order does not
        guard var object = present.randomElement(using: &random) else { continue }
        let owners = kind == "Job" ? cronJobs : jobs
        let owner = owners[pick(owners.count)]
        object[path: ["metadata", "ownerReferences"]] = [
          [
            "kind": kind == "Job" ? "CronJob" : "Job", "name": owner["metadata"]?["name"] ?? "",
            "uid": .string(uid(owner)), "controller": true,
          ]
        ]
        objects[kind]?[uid(object)] = object
        index.apply(.upserted(object), to: resource)
      default:  // publish in between, as the publisher does several times a second
        expectSameContent(index.snapshot(), rebuilt(objects))
      }
    }
    expectSameContent(index.snapshot(), rebuilt(objects))
  }

  @Test func pagesReplaceTheTableOnlyAtTheLastPage() {
    let (_, _, pods) = cluster()
    var index = ObjectIndex()
    index.apply(.replaced(Array(pods.prefix(5))), to: .pods)
    #expect(index.snapshot().pods.count == 5)
    // A list that breaks off after its first page leaves the table as it was...
    index.apply(.listPage(Array(pods[10..<30]), isFirst: true, isLast: false), to: .pods)
    #expect(index.snapshot().pods.count == 5)
    // ...and its pages do not leak into the next list.
    index.apply(.listPage(Array(pods[30..<40]), isFirst: true, isLast: false), to: .pods)
    index.apply(.listPage(Array(pods[40..<45]), isFirst: false, isLast: true), to: .pods)
    let snapshot = index.snapshot()
    #expect(Set(snapshot.pods.map(\.id)) == Set(pods[30..<45].map { uid($0) }))
    index.apply(.listPage(Array(pods[0..<3]), isFirst: true, isLast: false), to: .pods)
    index.apply(.replaced(Array(pods[50..<52])), to: .pods)
    #expect(Set(index.snapshot().pods.map(\.id)) == Set(pods[50..<52].map { uid($0) }))
  }

  @Test func aListInSeveralPagesArrivesPageByPage() throws {
    let (_, _, pods) = cluster()
    func page(_ range: Range<Int>, next: String) -> String {
      let items = pods[range].map(\.jsonText).joined(separator: ",")
      let token = next.isEmpty ? "" : #","continue":"\#(next)""#
      return #"{"kind":"PodList","metadata":{"resourceVersion":"50"\#(token)},"items":[\#(items)]}"#
    }
    let pages = [page(0..<25, next: "p2"), page(25..<50, next: "p3"), page(50..<60, next: "")]
    let updates = Mutex<[String]>([])
    let transport = ScriptedTransport { request in
      guard request.queryValue("watch") == nil else { return (200, []) }
      switch request.queryValue("continue") {
      case nil: return (200, [pages[0]])
      case "p2": return (200, [pages[1]])
      default: return (200, [pages[2]])
      }
    }
    let reflector = ResourceReflector(
      api: KubeAPI(transport: transport), resource: .pods, namespace: nil, logger: .disabled
    ) { update in
      let text: String
      switch update {
      case .listPage(let items, let isFirst, let isLast):
        text = "page \(items.count) \(isFirst ? "first" : "") \(isLast ? "last" : "")"
      case .replaced(let items): text = "replaced \(items.count)"
      default: text = "other"
      }
      updates.withLock { $0.append(text) }
    }
    let token = CancellationToken()
    let thread = Thread { reflector.run(cancellation: token) }
    thread.start()
    #expect(eventually { updates.withLock { $0.count >= 3 } })
    token.cancel()
    let seen = updates.withLock { Array($0.prefix(3)) }
    #expect(seen == ["page 25 first ", "page 25  ", "page 10  last"])

    var index = ObjectIndex()
    let decoded = pods.chunked(into: 25).enumerated().map { number, chunk in
      ReflectorUpdate.listPage(chunk, isFirst: number == 0, isLast: number == 2)
    }
    for update in decoded { index.apply(update, to: .pods) }
    #expect(index.snapshot().pods.count == pods.count)
  }

  func uid(_ object: JSONValue) -> String { object[path: ["metadata", "uid"]]?.stringValue ?? "" }
}

extension Array {
  fileprivate func chunked(into size: Int) -> [[Element]] {
    stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
  }
}
