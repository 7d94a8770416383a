import Foundation

/// A column a pane can be sorted by, named as its header is.
///
/// Every kubectl column sorts (CronJobs: NAMESPACE, NAME, SCHEDULE, SUSPEND, ACTIVE,
/// LAST SCHEDULE, AGE; Jobs: NAMESPACE, NAME, STATUS, COMPLETIONS, PROGRESS, DURATION, AGE;
/// Pods: NAME, READY, STATUS, RESTARTS, AGE). Batchdeck's computed columns (STATE, NEXT RUN,
/// LAST RUN, DETAIL) do not: they need a health assessment per row, which the screen only
/// makes for the rows on screen. STATUS on the CronJobs pane sorts by SUSPEND and ACTIVE.
public enum SortColumn: String, Sendable, Hashable, CaseIterable {
  case namespace = "NAMESPACE"
  case name = "NAME"
  case schedule = "SCHEDULE"
  case suspend = "SUSPEND"
  case active = "ACTIVE"
  case lastSchedule = "LAST SCHEDULE"
  case status = "STATUS"
  case completions = "COMPLETIONS"
  case progress = "PROGRESS"
  case duration = "DURATION"
  case ready = "READY"
  case restarts = "RESTARTS"
  case age = "AGE"

  /// The columns that sort on a pane's rows.
  public static func columns(of pane: Pane) -> [SortColumn] {
    switch pane {
    case .cronJobs: [.namespace, .name, .schedule, .suspend, .active, .lastSchedule, .age]
    case .jobs: [.namespace, .name, .status, .completions, .progress, .duration, .age]
    case .pods, .logs: [.name, .ready, .status, .restarts, .age]
    }
  }

  /// The column for a word typed after `:sort`: its header or a prefix of it, any case,
  /// with `-` or `_` for the space (`last-schedule`).
  public static func named(_ word: String) -> SortColumn? {
    let wanted = word.uppercased().replacingOccurrences(of: "-", with: " ")
      .replacingOccurrences(of: "_", with: " ")
    guard !wanted.isEmpty else { return nil }
    if let exact = allCases.first(where: { $0.rawValue == wanted }) { return exact }
    let matches = allCases.filter { $0.rawValue.hasPrefix(wanted) }
    return matches.count == 1 ? matches[0] : nil
  }

  /// How the column is written after `:sort`, lower case with `-` for the space.
  public var commandWord: String {
    rawValue.lowercased().replacingOccurrences(of: " ", with: "-")
  }
}

/// How a pane's rows are ordered: a column and a direction. Without one, rows keep the
/// snapshot's order (namespace, then name; Jobs of a CronJob newest first).
///
/// Rows are sorted again on every `DashboardState.rows(in:)`: keys are read from the objects
/// once per row per sort (nothing is printed), then compared; the sort is stable.
public struct RowSort: Sendable, Hashable {
  /// The column sorted by.
  public var column: SortColumn
  /// Smallest first (youngest first for AGE), else largest first.
  public var ascending: Bool

  public init(column: SortColumn, ascending: Bool = true) {
    self.column = column
    self.ascending = ascending
  }

  /// A sort key: numbers compare as numbers, text as text, missing values first.
  enum Key: Comparable {
    case missing
    case number(Double)
    case text(String)
  }

  /// `rows` ordered by `key`, ties kept in their current order (a stable sort).
  func ordered<T>(_ rows: [T], key: (T) -> Key) -> [T] {
    let keyed = rows.enumerated().map { (key: key($0.element), index: $0.offset, row: $0.element) }
    let ascending = self.ascending
    return keyed.sorted { lhs, rhs in
      if lhs.key != rhs.key { return ascending ? lhs.key < rhs.key : lhs.key > rhs.key }
      return lhs.index < rhs.index
    }.map(\.row)
  }

  private static func date(_ value: Date?) -> Key {
    value.map { .number($0.timeIntervalSince1970) } ?? .missing
  }

  /// Age sorts youngest first when ascending, as the AGE column reads (`5s` before `3d`).
  private static func age(_ metadata: ObjectMeta) -> Key {
    metadata.creationTimestamp.map { .number(-$0.timeIntervalSince1970) } ?? .missing
  }

  /// CronJobs in this order; columns a CronJob lacks keep the current order.
  public func apply(to cronJobs: [CronJob]) -> [CronJob] {
    ordered(cronJobs) { cronJob in
      switch column {
      case .namespace: .text(cronJob.metadata.namespace)
      case .name: .text(cronJob.metadata.name)
      case .schedule: .text(cronJob.schedule)
      case .suspend, .status: .number(cronJob.isSuspended ? 1 : 0)
      case .active: .number(Double(cronJob.active.count))
      case .lastSchedule: Self.date(cronJob.lastScheduleTime)
      case .age: Self.age(cronJob.metadata)
      default: .missing
      }
    }
  }

  /// Jobs in this order; columns a Job lacks keep the current order.
  public func apply(to jobs: [Job]) -> [Job] {
    ordered(jobs) { job in
      switch column {
      case .namespace: .text(job.metadata.namespace)
      case .name: .text(job.metadata.name)
      case .status: .text(job.printedStatus)
      case .completions: .number(Double(job.succeeded))
      case .progress: .number(job.progress)
      case .duration:
        job.startTime.map { start in
          // A running Job's duration grows; it sorts by its start, longest first.
          .number((job.completionTime ?? .distantFuture).timeIntervalSince(start))
        } ?? .missing
      case .age: Self.age(job.metadata)
      default: .missing
      }
    }
  }

  /// Pods in this order; columns a Pod lacks keep the current order.
  public func apply(to pods: [Pod]) -> [Pod] {
    ordered(pods) { pod in
      switch column {
      case .namespace: .text(pod.metadata.namespace)
      case .name: .text(pod.metadata.name)
      case .ready: .number(Double(pod.containerStatuses.count(where: \.ready)))
      case .status: .text(pod.reason.isEmpty ? pod.phase : pod.reason)
      case .restarts:
        .number(
          Double(
            (pod.containerStatuses + pod.initContainerStatuses).reduce(0) {
              $0 + $1.restartCount
            }))
      case .age: Self.age(pod.metadata)
      default: .missing
      }
    }
  }
}
