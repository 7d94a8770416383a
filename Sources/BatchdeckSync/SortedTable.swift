import BatchdeckModel

/// Decoded objects of one resource by UID, with their namespace-then-name order kept across
/// updates: a change to an object already listed replaces it in place, so only additions and
/// deletions cost a sort at the next `sorted()`.
struct SortedTable<Value: Identifiable & Sendable>: Sendable where Value.ID == String {
  private(set) var byID: [String: Value] = [:]
  private var ordered: [Value] = []
  private var positions: [String: Int] = [:]
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
      ordered[position] = value
    }
  }

  mutating func remove(id: String) {
    if byID.removeValue(forKey: id) != nil { needsSort = true }
  }

  /// Every value by namespace, then name (UID breaks ties, so the order is total).
  mutating func sorted() -> [Value] {
    if needsSort {
      let keyed = byID.values.map { (metadata($0), $0) }
      ordered = keyed.sorted { Self.order($0.0, $1.0) }.map(\.1)
      positions = Dictionary(
        ordered.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
      needsSort = false
      layoutVersion &+= 1
    }
    return ordered
  }

  static func order(_ lhs: ObjectMeta, _ rhs: ObjectMeta) -> Bool {
    if lhs.namespace != rhs.namespace { return lhs.namespace < rhs.namespace }
    if lhs.name != rhs.name { return lhs.name < rhs.name }
    return lhs.uid < rhs.uid
  }
}
