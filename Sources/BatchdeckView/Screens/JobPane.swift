import BatchdeckModel
import Foundation

/// The Jobs pane: kubectl's columns with a progress bar, and a detail line for the selected
/// Job (retries, deadline, ETA, indexes).
struct JobPane {
  var rows: DashboardRows
  var snapshot: ClusterSnapshot
  var focused: Bool
  /// UIDs of marked rows; their names get a `✓`.
  var marks: Set<String> = []
  /// The pane's filter and sort, for its title and column headers.
  var navigation = Navigation()

  static let columns = [
    TableColumn("NAMESPACE", priority: 2), TableColumn("NAME", flexible: true),
    TableColumn("STATUS"), TableColumn("COMPLETIONS"), TableColumn("PROGRESS", priority: 1),
    TableColumn("DURATION"), TableColumn("AGE", priority: 3),
  ]

  func draw(into canvas: inout Canvas, frame: Rect, theme: Theme, now: Date) {
    let scope = rows.drilledCronJob.map { "of cronjob/\($0.metadata.name)" } ?? "all"
    BoxWidget.draw(
      into: &canvas, frame: frame,
      title: "Jobs \(scope) \(PaneTitle.count(rows, .jobs, navigation))"
        + Marks.note(rows.jobs, marks),
      focused: focused, theme: theme)
    let jobs = rows.jobs
    let cells = { @Sendable (row: Int) -> [TableCell] in
      let job = jobs[row]
      let printed = job.printedColumns(now: now)
      return [
        TableCell(job.metadata.namespace),
        TableCell(Marks.name(printed[0], marked: marks.contains(job.id))),
        TableCell(printed[1], role: StatusRoles.job(printed[1])), TableCell(printed[2]),
        Self.progressCell(job), TableCell(printed[3]), TableCell(printed[4]),
      ]
    }
    let selected = rows.selectedJob.flatMap { job in rows.jobs.firstIndex { $0.id == job.id } }
    var table = frame.inner
    table.height -= 1
    TableWidget(
      columns: PaneTitle.sortMarked(Self.columns, by: navigation.sorts[.jobs]),
      rowCount: jobs.count, selectedRow: selected, focused: focused,
      cells: cells
    )
    .draw(
      into: &canvas, frame: table, theme: theme,
      emptyText: DashboardScreen.emptyText("Jobs", snapshot: snapshot))
    if let job = rows.selectedJob {
      canvas.draw(
        "▸ " + detail(of: job, now: now), column: table.column, row: table.row + table.height,
        style: theme[.muted], maxWidth: table.width)
    }
  }

  /// `retries 2/6 · deadline in 3m · ETA in 1m (typical 4m11s) · indexes done 0-11, …`, and
  /// for a finished Job with `ttlSecondsAfterFinished` when it is deleted.
  func detail(of job: Job, now: Date) -> String {
    let cronJob = job.cronJobOwner.flatMap { owner in
      snapshot.cronJobs.first {
        $0.metadata.namespace == job.metadata.namespace && $0.metadata.name == owner.name
      }
    }
    let typical = cronJob.flatMap { cronJob in
      CronJobHealth.assess(cronJob, runs: snapshot.runs(of: cronJob), now: now).typicalDuration
    }
    let progress = JobProgress.assess(
      job, pods: snapshot.pods(of: job), typicalDuration: typical, now: now)
    var parts = [
      "retries \(progress.retriesUsed)/\(progress.backoffLimit)"
        + (progress.countsRestarts ? " (container restarts, OnFailure)" : "")
    ]
    if let left = progress.deadlineLeft {
      parts.append(
        left > 0 ? "deadline in \(HumanDuration.format(left))" : "deadline passed")
    }
    if let end = progress.expectedEnd, let typical {
      let eta = end.timeIntervalSince(now)
      parts.append(
        (eta > 0 ? "ETA in \(HumanDuration.format(eta))" : "over its typical time")
          + " (typical \(HumanDuration.format(typical)))")
    }
    if let indexes = progress.indexes {
      parts.append(
        "indexes done \(Self.orNone(indexes.done)), running \(Self.orNone(indexes.running)), "
          + "failed \(Self.orNone(indexes.failed))")
    }
    for lingering in Diagnosis.lingeringSidecars(of: job, pods: snapshot.pods(of: job)) {
      parts.append(
        "work done, sidecar \(lingering.sidecars.joined(separator: ", ")) keeps "
          + "\(lingering.pod.metadata.name) running")
    }
    if let countdown = job.ttlCountdown(now: now) { parts.append(countdown.text) }
    if job.isManualRun { parts.append("manual run") }
    return parts.joined(separator: " · ")
  }

  private static func orNone(_ text: String) -> String { text.isEmpty ? "none" : text }

  static func progressCell(_ job: Job) -> TableCell {
    let width = 12
    let bar = ProgressBar.text(fraction: job.progress, width: width)
    let done = String(bar.prefix { $0 != " " })
    let rest = String(repeating: "·", count: max(0, width - done.count))
    let failed = job.printedStatus == "Failed"
    return TableCell(runs: [
      (done, failed ? .progressFailed : .progressDone), (rest, .progressTodo),
      (" \(Int((job.progress * 100).rounded(.down)))%", failed ? .statusFailed : .row),
    ])
  }
}
