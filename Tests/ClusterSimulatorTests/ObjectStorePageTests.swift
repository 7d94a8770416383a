import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

/// A page of a list read from the store's ordered keys holds the same objects, in the same
/// order, as filtering the whole list the way the server once did for every page.
@Suite struct ObjectStorePageTests {
  /// The old way: the whole list, then `after`, the selector and the limit.
  func expected(
    _ store: ObjectStore, namespace: String?, after: String?, limit: Int?,
    matching: ((JSONValue) -> Bool)?
  ) -> (names: [String], more: Bool, remaining: Int) {
    var items = store.list(.secrets, namespace: namespace).items
    if let after { items = items.filter { ObjectStore.key($0.namespace, $0.name) > after } }
    if let matching { items = items.filter(matching) }
    let shown = limit.map { Array(items.prefix($0)) } ?? items
    return (shown.map(\.name), items.count > shown.count, items.count - shown.count)
  }

  func check(_ store: ObjectStore) {
    let evenOnly: (JSONValue) -> Bool = { ($0.string("data", "n").flatMap(Int.init) ?? 1) % 2 == 0 }
    for namespace in [nil, "a", "b", "zz"] {
      for after in [nil, "a/s03", "a/s19", "b/s00", "b/s10", "", "~"] {
        for limit in [nil, 1, 3, 7, 100] {
          for matching in [nil, evenOnly] {
            let page = store.page(
              .secrets, namespace: namespace, after: after, limit: limit, matching: matching)
            let old = expected(
              store, namespace: namespace, after: after, limit: limit, matching: matching)
            let label = "\(namespace ?? "all") after \(after ?? "-") limit \(limit ?? 0)"
            #expect(page.items.map(\.name) == old.names, "\(label)")
            #expect(page.more == old.more, "\(label)")
            if matching == nil, page.more { #expect(page.remaining == old.remaining, "\(label)") }
            #expect(page.revision == store.revision)
          }
        }
      }
    }
  }

  @Test func pagesMatchFilteringTheWholeList() throws {
    let simulator = Simulator(clock: .manual(start: testStart))
    let store = ObjectStore(clock: simulator.clock, seed: 1)
    for index in [7, 3, 12, 0, 19, 5, 10, 1] {
      for namespace in ["b", "a"] {
        _ = try store.create(
          .secrets,
          [
            "metadata": [
              "name": .string(String(format: "s%02d", index)), "namespace": .string(namespace),
            ],
            "data": ["n": .string(String(index))],
          ])
      }
    }
    check(store)
    #expect(
      store.page(.secrets, namespace: nil, after: nil, limit: 3, matching: nil).items.map(\.name)
        == ["s00", "s01", "s03"])

    // Adding and removing objects is seen by the next page (the ordered keys are rebuilt).
    _ = try store.create(
      .secrets,
      ["metadata": ["name": "s02", "namespace": "a"], "data": ["n": "2"]])
    let gone = try #require(store.get(.secrets, "b", "s07"))
    store.remove(.secrets, key: ObjectStore.key("b", "s07"), last: gone)
    check(store)
    let first = store.page(.secrets, namespace: "a", after: nil, limit: 3, matching: nil)
    #expect(first.items.map(\.name) == ["s00", "s01", "s02"])
    let b = store.page(.secrets, namespace: "b", after: nil, limit: nil, matching: nil)
    #expect(!b.items.map(\.name).contains("s07"))

    // An update keeps the key set, and the page shows the new object.
    var changed = try #require(store.get(.secrets, "a", "s00"))
    changed["data"] = ["n": "100"]
    _ = try store.update(.secrets, changed)
    let updated = store.page(.secrets, namespace: "a", after: nil, limit: 1, matching: nil)
    #expect(updated.items.first?.string("data", "n") == "100")
  }
}
