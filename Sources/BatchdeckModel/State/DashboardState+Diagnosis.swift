import Foundation

/// The diagnosis panel: what it explains and how far it is scrolled.
public struct DiagnosisPanel: Sendable, Hashable {
  /// What a panel explains, by UID.
  public enum Subject: Sendable, Hashable {
    case cronJob(String)
    case job(String)
  }

  public var subject: Subject
  /// The first diagnosis line shown (see `DiagnosisPanelContent.lines`).
  public var scroll = 0

  public init(_ subject: Subject, scroll: Int = 0) {
    self.subject = subject
    self.scroll = scroll
  }
}

/// What the open panel shows: its title and the diagnosis lines.
public struct DiagnosisPanelContent: Sendable, Hashable {
  /// `Why cronjob/NAME is STATE`, with the state word of the CronJob's row (or the Job's
  /// STATUS).
  public var title: String
  public var lines: [DiagnosisLine]
}

extension DashboardState {
  /// The diagnosis the open panel shows, as `batchdeck diagnose` computes it for the CronJob
  /// or Job; `nil` when the panel is closed or its object is gone.
  ///
  /// The panel quotes no log lines (`diagnose` reads them from the API); the log pane and the
  /// `l` key show them.
  public func panelContent(in snapshot: ClusterSnapshot, now: Date) -> DiagnosisPanelContent? {
    switch diagnosisPanel?.subject {
    case .cronJob(let uid):
      guard let cronJob = snapshot.cronJobs.first(where: { $0.id == uid }) else { return nil }
      let diagnosis = Diagnosis.diagnose(cronJob, in: snapshot, now: now)
      return DiagnosisPanelContent(
        title: "Why cronjob/\(diagnosis.name) is \(diagnosis.health.state.rawValue)",
        lines: diagnosis.lines(now: now))
    case .job(let uid):
      guard let job = snapshot.jobs.first(where: { $0.id == uid }) else { return nil }
      let diagnosis = Diagnosis.diagnose(job: job, in: snapshot, now: now)
      return DiagnosisPanelContent(
        title: "Why job/\(diagnosis.name) is \(diagnosis.status)", lines: diagnosis.lines)
    case nil:
      return nil
    }
  }

  /// Opens the panel: in the CronJobs pane for the selected CronJob, in the other panes for
  /// the selected Job.
  mutating func openDiagnosis(rows: DashboardRows) {
    if focus == .cronJobs {
      guard let cronJob = rows.selectedCronJob else { return }
      selectedCronJob = cronJob.id
      diagnosisPanel = DiagnosisPanel(.cronJob(cronJob.id))
    } else {
      guard let job = rows.selectedJob else { return }
      selectedJob = job.id
      diagnosisPanel = DiagnosisPanel(.job(job.id))
    }
  }

  /// Keys while the panel is open: movement scrolls it, `Esc` or `w` closes it, `q` quits and
  /// `?` shows the help; other keys do nothing. `nil` lets the action through.
  mutating func applyToDiagnosis(
    _ action: DashboardAction, in snapshot: ClusterSnapshot, now: Date
  ) -> DashboardOutcome? {
    guard var panel = diagnosisPanel else { return nil }
    let lineCount = panelContent(in: snapshot, now: now)?.lines.count ?? 0
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
