/// A place in the source text, counting lines and columns from 1.
struct YAMLMark: Sendable, Hashable {
  var line: Int
  var column: Int
}

/// A scalar as libyaml read it, before typing.
struct YAMLScalar: Sendable, Hashable {
  var text: String
  /// The resolved tag (`tag:yaml.org,2002:str` for `!!str`), or `nil` when none was written.
  var tag: String?
  /// Whether the scalar was written plain (not quoted, not a block scalar).
  var isPlain: Bool
  var mark: YAMLMark
}

/// A YAML node tree for one document; aliases are already replaced by the anchored node.
indirect enum YAMLNode: Sendable, Hashable {
  case scalar(YAMLScalar)
  case sequence([YAMLNode], YAMLMark)
  case mapping([YAMLPair], YAMLMark)

  var mark: YAMLMark {
    switch self {
    case .scalar(let scalar): return scalar.mark
    case .sequence(_, let mark): return mark
    case .mapping(_, let mark): return mark
    }
  }
}

/// One key and value of a mapping, in source order.
struct YAMLPair: Sendable, Hashable {
  var key: YAMLNode
  var value: YAMLNode
}

/// Builds node trees from parser events: a stack of open collections and the anchors seen.
///
/// Every node has a weight, the number of nodes it stands for once aliases are expanded; the
/// weight of a document is capped so that alias bombs ("billion laughs") fail early.
struct YAMLTreeBuilder {
  private enum Frame {
    case sequence(items: [YAMLNode], mark: YAMLMark, anchor: String?)
    case mapping(pairs: [YAMLPair], key: YAMLNode?, mark: YAMLMark, anchor: String?)
  }

  let file: String
  let maxWeight: Int
  let maxDepth: Int
  private var stack: [(frame: Frame, weight: Int)] = []
  private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
  private var openAnchors: Set<String> = []
  private var totalWeight = 0

  /// The root of the finished document, once its last node closed.
  private(set) var root: YAMLNode?

  init(file: String, maxWeight: Int, maxDepth: Int) {
    self.file = file
    self.maxWeight = maxWeight
    self.maxDepth = maxDepth
  }

  /// Forgets the anchors and the root: a new document starts.
  mutating func startDocument() {
    stack = []
    anchors = [:]
    openAnchors = []
    totalWeight = 0
    root = nil
  }

  mutating func scalar(_ scalar: YAMLScalar, anchor: String?) throws(YAMLError) {
    let node = YAMLNode.scalar(scalar)
    if let anchor { anchors[anchor] = (node, 1) }
    try add(node, weight: 1, at: scalar.mark)
  }

  mutating func alias(_ name: String, mark: YAMLMark) throws(YAMLError) {
    guard let target = anchors[name] else {
      let reason =
        openAnchors.contains(name)
        ? "the alias *\(name) refers to the node that contains it"
        : "the alias *\(name) refers to an anchor that was not defined before it"
      throw fail(reason, at: mark)
    }

    try add(target.node, weight: target.weight, at: mark)
  }

  mutating func startSequence(mark: YAMLMark, anchor: String?) throws(YAMLError) {
    try open(.sequence(items: [], mark: mark, anchor: anchor), mark: mark, anchor: anchor)
  }

  mutating func startMapping(mark: YAMLMark, anchor: String?) throws(YAMLError) {
    try open(.mapping(pairs: [], key: nil, mark: mark, anchor: anchor), mark: mark, anchor: anchor)
  }

  /// Closes the innermost open sequence or mapping.
  mutating func end() throws(YAMLError) {
    guard let (frame, weight) = stack.popLast() else { return }

    let node: YAMLNode
    let anchor: String?
    switch frame {
    case .sequence(let items, let mark, let name):
      node = .sequence(items, mark)
      anchor = name
    case .mapping(let pairs, _, let mark, let name):
      node = .mapping(pairs, mark)
      anchor = name
    }
    if let anchor {
      openAnchors.remove(anchor)
      anchors[anchor] = (node, weight)
    }
    try add(node, weight: weight, at: node.mark, counted: true)
  }

  private mutating func open(_ frame: Frame, mark: YAMLMark, anchor: String?) throws(YAMLError) {
    guard stack.count < maxDepth else {
      throw fail("collections are nested deeper than \(maxDepth) levels", at: mark)
    }

    totalWeight += 1
    guard totalWeight <= maxWeight else { throw fail(tooManyNodes, at: mark) }

    if let anchor {
      anchors[anchor] = nil
      openAnchors.insert(anchor)
    }
    stack.append((frame, 1))
  }

  /// Places a finished node in the innermost open collection, or makes it the root.
  /// `counted` says the node's weight was already added to the document total piece by piece.
  private mutating func add(
    _ node: YAMLNode, weight: Int, at mark: YAMLMark, counted: Bool = false
  ) throws(YAMLError) {
    if !counted {
      totalWeight += weight
      guard totalWeight <= maxWeight else {
        throw fail(tooManyNodes, at: mark)
      }
    }

    guard var (frame, frameWeight) = stack.popLast() else {
      root = node
      return
    }
    frameWeight += weight
    switch frame {
    case .sequence(var items, let mark, let anchor):
      items.append(node)
      frame = .sequence(items: items, mark: mark, anchor: anchor)
    case .mapping(var pairs, let key, let mark, let anchor):
      if let key {
        pairs.append(YAMLPair(key: key, value: node))
        frame = .mapping(pairs: pairs, key: nil, mark: mark, anchor: anchor)
      } else {
        frame = .mapping(pairs: pairs, key: node, mark: mark, anchor: anchor)
      }
    }
    stack.append((frame, frameWeight))
  }

  private var tooManyNodes: String {
    "the document expands to more than \(maxWeight) nodes (too many aliases of large nodes)"
  }

  private func fail(_ reason: String, at mark: YAMLMark) -> YAMLError {
    YAMLError(file: file, line: mark.line, column: mark.column, reason: reason)
  }
}
