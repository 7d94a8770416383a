import BatchdeckModel

/// Decoded objects of one resource by UID, with their namespace-then-name order kept across
/// updates: a change to an object already listed replaces it in place, so only additions and
/// deletions cost a sort at the next `sorted()`.
///
/// `sorted()` hands out two arrays in turn and brings the one it hands out up to date with
/// the positions changed since it last went out. A snapshot still holding the array it was
/// given keeps it unchanged (copy on write), but once consumers have moved on to the newer
/// one the older is no longer shared and is updated in place: publishing a few changed
/// objects then costs those objects, not a copy of every one.
struct SortedTable<Value: Identifiable & Sendable>: Sendable where Value.ID == String {
  private(set) var byID: [String: Value] = [:]
  /// The UIDs in order, and each one's position.
  private var order: [String] = []
  private var positions: [String: Int] = [:]
  /// The two arrays handed out in turn, and the positions where each is behind `byID`.
  private var buffers: [[Value]] = [[], []]
  private var stale: [Set<Int>] = [[], []]
  private var handedOut = 0
  private var needsSort = false
  /// Moves on whenever `sorted()` puts the values in a new order (after additions or
  /// deletions), so positions computed from an earlier order can be kept until it moves.
  private(set) var layoutVersion: UInt64 = 0
  private let metadata: @Sendable (Value) -> ObjectMeta

  init(metadata: @escaping @Sendable (Value) -> ObjectMeta) {
    self.metadata = metadata
  }

  var count: Int { byID.count }

  subscript(id: String) -> Value? { byID[id] }

  var values: Dictionary<String, Value>.Values { byID.values }

  /// Pages of a list being read, kept until its last page replaces the table.
  private var staged: [Value] = []

  /// Applies one decoded change.
  mutating func apply(_ change: TableChange<Value>) {
    switch change {
    case .replaced(let values):
      staged = []
      replace(with: values)
    case .page(let values, let isFirst, let isLast):
      if isFirst { staged = [] }
      staged.append(contentsOf: values)
      if isLast {
        replace(with: staged)
        staged = []
      }
    case .upserted(let value): upsert(value)
    case .deleted(let value): remove(id: value.id)
    }
  }

  /// Replaces everything with `values`.
  mutating func replace(with values: [Value]) {
    byID = Dictionary(values.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    needsSort = true
  }

  mutating func upsert(_ value: Value) {
    let isNew = byID.updateValue(value, forKey: value.id) == nil
    if isNew {
      needsSort = true
    } else if !needsSort, let position = positions[value.id] {
      stale[0].insert(position)
      stale[1].insert(position)
    }
  }

  mutating func remove(id: String) {
    if byID.removeValue(forKey: id) != nil { needsSort = true }
  }

  /// Every value by namespace, then name (UID breaks ties, so the order is total).
  mutating func sorted() -> [Value] {
    if needsSort {
      let keyed = byID.values.map { (metadata($0), $0) }
      let values = keyed.sorted { Self.order($0.0, $1.0) }.map(\.1)
      order = values.map(\.id)
      positions = Dictionary(
        order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      buffers = [values, values]
      stale = [[], []]
      needsSort = false
      layoutVersion &+= 1
      return values
    }
    let next = 1 - handedOut
    handedOut = next
    if !stale[next].isEmpty {
      for position in stale[next] {
        if let value = byID[order[position]] { buffers[next][position] = value }
      }
      stale[next] = []
    }
    return buffers[next]
  }

  static func order(_ lhs: ObjectMeta, _ rhs: ObjectMeta) -> Bool {
    if lhs.namespace != rhs.namespace { return lhs.namespace < rhs.namespace }
    if lhs.name != rhs.name { return lhs.name < rhs.name }
    return lhs.uid < rhs.uid
  }
}
