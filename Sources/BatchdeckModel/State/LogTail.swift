/// The last lines of one container's log, bounded by line count and bytes.
public struct LogTail: Sendable, Hashable {
  public var namespace: String
  public var pod: String
  public var container: String
  public private(set) var lines: [String]
  public private(set) var byteCount: Int
  public let maxLines: Int
  public let maxBytes: Int
  /// Set when the log could not be read, e.g. a pod still waiting for its image.
  public var error: String?
  /// How many of the oldest lines the bounds have dropped so far.
  public private(set) var droppedLines = 0

  public init(
    namespace: String, pod: String, container: String, maxLines: Int = 2_000,
    maxBytes: Int = 1 << 20
  ) {
    self.namespace = namespace
    self.pod = pod
    self.container = container
    self.maxLines = maxLines
    self.maxBytes = maxBytes
    lines = []
    byteCount = 0
  }

  /// Lines appended since the tail began, kept or dropped: how fast the log runs.
  public private(set) var appendedCount = 0

  /// Drops every line, keeping the bounds and the count of lines appended.
  public mutating func removeAll() {
    lines = []
    byteCount = 0
  }

  /// Appends lines, dropping the oldest beyond the bounds.
  public mutating func append(_ newLines: [String]) {
    appendedCount += newLines.count
    for line in newLines {
      lines.append(line)
      byteCount += line.utf8.count
    }
    var drop = 0
    while lines.count - drop > maxLines || (byteCount > maxBytes && drop < lines.count) {
      byteCount -= lines[drop].utf8.count
      drop += 1
    }
    if drop > 0 { lines.removeFirst(drop) }
    droppedLines += drop
  }
}
