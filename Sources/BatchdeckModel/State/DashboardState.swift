import Foundation

/// The panes of the main screen, in Tab order.
public enum Pane: Int, Sendable, CaseIterable {
  case cronJobs, jobs, pods, logs
}

/// What a key asks the dashboard to do; views map keys to these.
public enum DashboardAction: Sendable, Hashable {
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  case nextPane, previousPane
  case drillDown, back
  /// Jump to the log of the latest run: of the selected CronJob, Job or Pod.
  case showLogs
  case quit
  /// Suspend or resume the selected (or marked) CronJobs or Jobs, after a confirmation.
  case toggleSuspend
  /// Run the selected CronJob now, after a confirmation.
  case trigger
  /// Delete the selected (or marked) objects, after a confirmation.
  case delete
  /// Delete the selected (or marked) pods with a zero grace period, after a confirmation.
  case kill
  /// Mark or unmark the selected row.
  case toggleMark
  /// Show or hide the key help.
  case toggleHelp
  /// Show or hide the diagnosis panel of the selected CronJob (the `w` key: why).
  case toggleDiagnosis
  /// Accept the open confirmation.
  case accept
  /// Dismiss the open confirmation.
  case cancel
  /// The next propagation policy in the delete dialog.
  case cyclePropagation
  /// A chosen propagation policy in the delete dialog.
  case setPropagation(DeletePropagation)
  /// Open `kubectl describe` of the selected object.
  case describe
  /// Open the selected object as YAML.
  case showYAML
  /// A key of the open full-screen view.
  case view(ViewAction)
  /// Filter, sort, command line, pickers and the events view.
  case navigation(NavigationAction)
}

/// What the main loop must do after an action.
public enum DashboardOutcome: Sendable, Hashable {
  case redraw
  case quit
  case none
  /// The user confirmed these operations: hand them to the action runner.
  case perform([ClusterOperation])
  /// Write the open log view's lines to this file (relative to the working folder).
  case saveLog(path: String)
}

/// The selection, focus and drill-down of the main screen: a value, changed only by `apply`.
///
/// Selections are kept by object UID, never by row text, so they survive refreshes and
/// re-sorting.
public struct DashboardState: Sendable, Hashable {
  public var focus: Pane = .cronJobs
  public var selectedCronJob: String?
  public var selectedJob: String?
  public var selectedPod: String?
  /// When set, the Jobs pane lists only this CronJob's Jobs (Enter on a CronJob).
  public var drilledCronJob: String?
  /// Rows a page-up or page-down moves; set by the view from the pane height.
  public var pageSize = 10
  /// The UIDs of marked rows (`Space`); operations act on the focused pane's marked rows.
  public var marks: Set<String> = []
  /// The question open over the screen, if any; keys answer it until it closes.
  public var confirmation: Confirmation?
  /// The message above the footer, until it expires.
  public var flash: Flash?
  /// Whether the key help is shown over the screen.
  public var showingHelp = false
  /// The diagnosis panel, while it is open (`DashboardState+Diagnosis.swift`).
  public var diagnosisPanel: DiagnosisPanel?
  /// Whether actions that change the cluster are turned off (`--readonly`).
  public var readOnly = false
  /// RBAC answers learned so far, by verb, kind and namespace.
  public var permissions: [PermissionKey: Permission] = [:]
  /// The full-screen view open over the dashboard (describe, YAML, logs), if any.
  public var detail: DetailView?
  /// Filters, sorts, the open prompt or picker, the events view and the namespace scope.
  public var navigation = Navigation()
  /// Counts triggers, so two in the same millisecond get different Job names.
  var triggerCount: UInt64 = 0

  public init(readOnly: Bool = false) {
    self.readOnly = readOnly
  }

  /// The rows each pane shows for this state and snapshot.
  public func rows(in snapshot: ClusterSnapshot) -> DashboardRows {
    rows(in: snapshot, tables: shownTables(in: snapshot))
  }

  /// The CronJobs and Jobs panes' rows, scoped, filtered and sorted, before any selection:
  /// the costly part of `rows(in:)`, which `DashboardRowsCache` keeps while only the
  /// selection moves.
  func shownTables(in snapshot: ClusterSnapshot) -> ShownTables {
    let drilled = drilledCronJob.flatMap { uid in snapshot.cronJobs.first { $0.id == uid } }
    return ShownTables(
      drilledCronJob: drilled, cronJobs: navigation.shown(snapshot.cronJobs),
      jobs: navigation.shown(drilled.map { snapshot.jobs(of: $0) } ?? snapshot.jobs))
  }

  /// `rows(in:)` from tables `shownTables(in:)` built for this snapshot and state.
  func rows(in snapshot: ClusterSnapshot, tables: ShownTables) -> DashboardRows {
    let drilled = tables.drilledCronJob
    let cronJobs = tables.cronJobs
    let jobs = tables.jobs
    let job = jobs.rows.first { $0.id == selectedJob } ?? jobs.rows.first
    let pods = navigation.shown(job.map { snapshot.pods(of: $0) } ?? [])
    let pod = pods.rows.first { $0.id == selectedPod } ?? pods.rows.last
    return DashboardRows(
      cronJobs: cronJobs.rows, drilledCronJob: drilled, jobs: jobs.rows, pods: pods.rows,
      selectedCronJob: cronJobs.rows.first { $0.id == selectedCronJob } ?? cronJobs.rows.first,
      selectedJob: job, selectedPod: pod,
      totals: [.cronJobs: cronJobs.total, .jobs: jobs.total, .pods: pods.total])
  }

  /// Applies an action; returns what the loop must do next.
  ///
  /// While a confirmation is open only its keys count; `now` stamps flash messages.
  public mutating func apply(
    _ action: DashboardAction, in snapshot: ClusterSnapshot, now: Date = Date()
  ) -> DashboardOutcome {
    if confirmation != nil { return answer(action) }
    if showingHelp, action != .quit {
      showingHelp = false
      return .redraw
    }
    if diagnosisPanel != nil, let outcome = applyToDiagnosis(action, in: snapshot, now: now) {
      return outcome
    }
    let rows = rows(in: snapshot)
    switch action {
    case .quit:
      return .quit
    case .toggleSuspend, .trigger, .delete, .kill:
      begin(action, rows: rows, in: snapshot, now: now)
    case .toggleMark: toggleMark(rows: rows)
    case .toggleHelp: showingHelp = true
    case .toggleDiagnosis: openDiagnosis(rows: rows)
    case .accept, .cancel, .cyclePropagation, .setPropagation, .view:
      return .none
    case .describe: openDetail(.describe, rows: rows, in: snapshot)
    case .showYAML: openDetail(.yaml, rows: rows, in: snapshot)
    case .moveUp: move(by: -1, rows: rows)
    case .moveDown: move(by: 1, rows: rows)
    case .pageUp: move(by: -pageSize, rows: rows)
    case .pageDown: move(by: pageSize, rows: rows)
    case .top: move(by: Int.min / 2, rows: rows)
    case .bottom: move(by: Int.max / 2, rows: rows)
    case .nextPane: focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count) ?? .cronJobs
    case .previousPane:
      let count = Pane.allCases.count
      focus = Pane(rawValue: (focus.rawValue + count - 1) % count) ?? .cronJobs
    case .drillDown: drillDown(rows: rows, in: snapshot)
    case .showLogs:
      openDetail(.logs, rows: rows, in: snapshot)
      showLogs(rows: rows, in: snapshot)
    case .back: goBack()
    case .navigation(let navigation): return apply(navigation: navigation, in: snapshot, now: now)
    }
    return .redraw
  }

  private mutating func toggleMark(rows: DashboardRows) {
    let uid: String?
    switch focus {
    case .cronJobs: uid = rows.selectedCronJob?.id
    case .jobs: uid = rows.selectedJob?.id
    case .pods, .logs: uid = rows.selectedPod?.id
    }
    guard let uid else { return }
    if marks.remove(uid) == nil { marks.insert(uid) }
  }

  private mutating func drillDown(rows: DashboardRows, in snapshot: ClusterSnapshot) {
    switch focus {
    case .cronJobs:
      guard let cronJob = rows.selectedCronJob else { return }
      drilledCronJob = cronJob.id
      selectedCronJob = cronJob.id
      selectedJob = nil
      focus = .jobs
    case .jobs:
      guard let job = rows.selectedJob else { return }
      selectedJob = job.id
      selectedPod = nil
      focus = .pods
    case .pods:
      guard let pod = rows.selectedPod else { return }
      selectedPod = pod.id
      focus = .logs
    case .logs:
      openDetail(.logs, rows: rows, in: snapshot)
    }
  }

  private mutating func showLogs(rows: DashboardRows, in snapshot: ClusterSnapshot) {
    switch focus {
    case .cronJobs:
      guard let cronJob = rows.selectedCronJob,
        let latest = snapshot.jobs(of: cronJob).first
      else { return }
      drilledCronJob = cronJob.id
      selectedCronJob = cronJob.id
      selectedJob = latest.id
      selectedPod = snapshot.pods(of: latest).last?.id
    case .jobs:
      guard let job = rows.selectedJob else { return }
      selectedJob = job.id
      selectedPod = snapshot.pods(of: job).last?.id
    case .pods, .logs:
      guard rows.selectedPod != nil else { return }
    }
    focus = .logs
  }

  private mutating func goBack() {
    switch focus {
    case .logs: focus = .pods
    case .pods: focus = .jobs
    case .jobs:
      if drilledCronJob != nil {
        drilledCronJob = nil
        selectedJob = nil
      }
      focus = .cronJobs
    case .cronJobs:
      drilledCronJob = nil
    }
  }

  private mutating func move(by offset: Int, rows: DashboardRows) {
    switch focus {
    case .cronJobs:
      selectedCronJob = Self.step(rows.cronJobs, from: rows.selectedCronJob?.id, by: offset)
    case .jobs:
      selectedJob = Self.step(rows.jobs, from: rows.selectedJob?.id, by: offset)
      selectedPod = nil
    case .pods:
      selectedPod = Self.step(rows.pods, from: rows.selectedPod?.id, by: offset)
    case .logs:
      break
    }
  }

  private static func step<T: Identifiable>(_ items: [T], from id: String?, by offset: Int)
    -> String? where T.ID == String
  {
    guard !items.isEmpty else { return nil }
    let current = items.firstIndex { $0.id == id } ?? 0
    let target = min(max(0, current.addingReportingOverflow(offset).partialValue), items.count - 1)
    return items[target].id
  }
}

/// The CronJobs and Jobs panes' rows before selection, each with its count before the `/`
/// filter; see `DashboardState.shownTables(in:)`.
struct ShownTables: Sendable {
  var drilledCronJob: CronJob?
  var cronJobs: (rows: [CronJob], total: Int)
  var jobs: (rows: [Job], total: Int)
}

/// The rows each pane shows, with the resolved selection of each.
public struct DashboardRows: Sendable, Hashable {
  public var cronJobs: [CronJob]
  public var drilledCronJob: CronJob?
  public var jobs: [Job]
  public var pods: [Pod]
  public var selectedCronJob: CronJob?
  public var selectedJob: Job?
  public var selectedPod: Pod?
  /// How many rows each pane has before its `/` filter, for `(shown/total)` titles.
  public var totals: [Pane: Int] = [:]
}
