import Foundation

/// The diagnosis panel: which CronJob it explains and how far it is scrolled.
public struct DiagnosisPanel: Sendable, Hashable {
  /// The UID of the CronJob the panel explains.
  public var cronJobUID: String
  /// The first diagnosis line shown (see `CronJobDiagnosis.lines(now:)`).
  public var scroll = 0

  public init(cronJobUID: String, scroll: Int = 0) {
    self.cronJobUID = cronJobUID
    self.scroll = scroll
  }
}

extension DashboardState {
  /// The diagnosis the open panel shows: the selected CronJob's, as `batchdeck diagnose`
  /// computes it; `nil` when the panel is closed or its CronJob is gone.
  ///
  /// The panel quotes no log lines (`diagnose` reads them from the API); the log pane and the
  /// `l` key show them.
  public func panelDiagnosis(in snapshot: ClusterSnapshot, now: Date) -> CronJobDiagnosis? {
    guard let panel = diagnosisPanel,
      let cronJob = snapshot.cronJobs.first(where: { $0.id == panel.cronJobUID })
    else { return nil }
    return Diagnosis.diagnose(cronJob, in: snapshot, now: now)
  }

  /// Opens the panel for the selected CronJob; from the other panes, for the CronJob drilled
  /// into or the one that owns the selected Job (a Job of no CronJob has no panel: `batchdeck
  /// diagnose job/NAME` explains it).
  mutating func openDiagnosis(rows: DashboardRows) {
    let owner = rows.selectedJob?.cronJobOwner.flatMap { owner in
      rows.cronJobs.first {
        $0.metadata.namespace == rows.selectedJob?.metadata.namespace
          && (owner.uid.isEmpty ? $0.metadata.name == owner.name : $0.metadata.uid == owner.uid)
      }
    }
    let chosen = focus == .cronJobs ? rows.selectedCronJob : rows.drilledCronJob ?? owner
    guard let cronJob = chosen else { return }
    selectedCronJob = cronJob.id
    diagnosisPanel = DiagnosisPanel(cronJobUID: cronJob.id)
  }

  /// Keys while the panel is open: movement scrolls it, `Esc` or `w` closes it, `q` quits and
  /// `?` shows the help; other keys do nothing. `nil` lets the action through.
  mutating func applyToDiagnosis(
    _ action: DashboardAction, in snapshot: ClusterSnapshot, now: Date
  ) -> DashboardOutcome? {
    guard var panel = diagnosisPanel else { return nil }
    let lineCount = panelDiagnosis(in: snapshot, now: now)?.lines(now: now).count ?? 0
    let last = max(0, lineCount - 1)
    switch action {
    case .quit, .toggleHelp: return nil
    case .back, .toggleDiagnosis:
      diagnosisPanel = nil
      return .redraw
    case .moveUp: panel.scroll -= 1
    case .moveDown: panel.scroll += 1
    case .pageUp: panel.scroll -= pageSize
    case .pageDown: panel.scroll += pageSize
    case .top: panel.scroll = 0
    case .bottom: panel.scroll = last
    default: return DashboardOutcome.none
    }
    panel.scroll = min(max(0, panel.scroll), last)
    diagnosisPanel = panel
    return .redraw
  }
}
