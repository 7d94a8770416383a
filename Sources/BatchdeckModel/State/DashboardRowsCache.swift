/// The rows of the main screen, built once per change of what they are derived from and
/// handed out again until the next change.
///
/// `DashboardState.rows(in:)` filters and sorts every pane on each call; the main loop asks
/// for the rows several times per pass (the frame, the footer, help, RBAC questions, the log
/// to follow), so it keeps one of these and rebuilds only when the snapshot's generation, a
/// selection, the drill-down, a filter, a sort or the namespace scope changes.
///
/// When only the selection moved, the CronJobs and Jobs panes' filtered, sorted rows are kept
/// and only the selection and the selected Job's pods are worked out again.
///
/// The snapshot's generation stands for its content: use one cache per snapshot source (a
/// `ClusterWatcher` counts a new generation for every change it publishes).
public struct DashboardRowsCache: Sendable {
  /// What `DashboardState.rows(in:)` reads, besides the snapshot's content.
  private struct Inputs: Hashable {
    var generation: UInt64
    var selectedCronJob: String?
    var selectedJob: String?
    var selectedPod: String?
    var drilledCronJob: String?
    var filters: [Pane: RowFilter]
    var sorts: [Pane: RowSort]
    var namespace: NamespaceScope?

    init(_ state: DashboardState, _ snapshot: ClusterSnapshot) {
      generation = snapshot.generation
      selectedCronJob = state.selectedCronJob
      selectedJob = state.selectedJob
      selectedPod = state.selectedPod
      drilledCronJob = state.drilledCronJob
      filters = state.navigation.filters
      sorts = state.navigation.sorts
      namespace = state.navigation.namespace
    }
  }

  /// What `DashboardState.shownTables(in:)` reads: `Inputs` without the selections.
  private struct TableInputs: Hashable {
    var generation: UInt64
    var drilledCronJob: String?
    var filters: [Pane: RowFilter]
    var sorts: [Pane: RowSort]
    var namespace: NamespaceScope?

    init(_ inputs: Inputs) {
      generation = inputs.generation
      drilledCronJob = inputs.drilledCronJob
      filters = inputs.filters
      sorts = inputs.sorts
      namespace = inputs.namespace
    }
  }

  private var inputs: Inputs?
  private var cached: DashboardRows?
  private var tableInputs: TableInputs?
  private var tables: ShownTables?
  /// How many times the rows were worked out (not handed out from the cache).
  public private(set) var builds = 0
  /// How many times the CronJobs and Jobs panes were filtered and sorted again.
  public private(set) var tableBuilds = 0

  public init() {}

  /// The rows of `state` in `snapshot`: the cached ones when nothing they depend on changed.
  public mutating func rows(for state: DashboardState, in snapshot: ClusterSnapshot)
    -> DashboardRows
  {
    let inputs = Inputs(state, snapshot)
    if let cached, inputs == self.inputs { return cached }
    let tableInputs = TableInputs(inputs)
    let tables: ShownTables
    if let kept = self.tables, tableInputs == self.tableInputs {
      tables = kept
    } else {
      tables = state.shownTables(in: snapshot)
      self.tables = tables
      self.tableInputs = tableInputs
      tableBuilds += 1
    }
    let rows = state.rows(in: snapshot, tables: tables)
    self.inputs = inputs
    cached = rows
    builds += 1
    return rows
  }
}
