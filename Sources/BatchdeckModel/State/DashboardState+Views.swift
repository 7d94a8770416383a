import Foundation

extension DashboardState {
  /// Opens `kind` for the selected object of the focused pane; the log view of a CronJob is
  /// its latest run's (finished runs included).
  mutating func openDetail(_ kind: DetailKind, rows: DashboardRows, in snapshot: ClusterSnapshot) {
    let target: ObjectRef?
    switch (focus, kind) {
    case (.cronJobs, .logs):
      target = rows.selectedCronJob.flatMap { snapshot.jobs(of: $0).first }.map(Self.ref(job:))
    case (.cronJobs, _): target = rows.selectedCronJob.map(Self.ref(cronJob:))
    case (.jobs, _): target = rows.selectedJob.map(Self.ref(job:))
    case (.pods, _), (.logs, _): target = rows.selectedPod.map(Self.ref(pod:))
    }
    guard let target else { return }
    detail = DetailView(kind: kind, target: target)
  }

  static func ref(cronJob: CronJob) -> ObjectRef {
    ObjectRef(
      kind: .cronJob, namespace: cronJob.metadata.namespace, name: cronJob.metadata.name,
      uid: cronJob.id)
  }

  static func ref(job: Job) -> ObjectRef {
    ObjectRef(kind: .job, namespace: job.metadata.namespace, name: job.metadata.name, uid: job.id)
  }

  static func ref(pod: Pod) -> ObjectRef {
    ObjectRef(kind: .pod, namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.id)
  }

  /// Applies a key of the open view, given what it shows; `now` names a saved log file.
  public mutating func applyView(_ action: ViewAction, content: DetailContent, now: Date)
    -> DashboardOutcome
  {
    guard var view = detail else { return .none }
    defer { if detail != nil { detail = view } }
    if let prompt = view.prompt { return answer(prompt, action, &view, content: content) }
    view.note = nil
    let count = content.lines.count
    let shown = view.firstLine(count: count, height: view.pageSize)
    func scroll(to line: Int) {
      view.top = min(max(0, line), max(0, count - view.pageSize))
      view.follow = false
    }
    switch action {
    case .scrollUp: scroll(to: shown - 1)
    case .scrollDown: scroll(to: shown + 1)
    case .pageUp: scroll(to: shown - view.pageSize)
    case .pageDown: scroll(to: shown + view.pageSize)
    case .top: scroll(to: 0)
    case .bottom:
      scroll(to: count)
      if view.kind == .logs { view.follow = true }
    case .startSearch: view.prompt = .search("")
    case .nextMatch: find(&view, in: content.lines, forward: true, from: (view.match ?? shown) + 1)
    case .previousMatch:
      find(&view, in: content.lines, forward: false, from: (view.match ?? shown) - 1)
    case .toggleFollow:
      view.follow.toggle()
      if !view.follow { view.top = shown }
    case .toggleWrap: view.wrap.toggle()
    case .toggleTimestamps: view.timestamps.toggle()
    case .togglePrevious: view.previous.toggle()
    case .nextContainer:
      guard content.containers.count > 1 else {
        view.note = "the pod has one container"
        return .redraw
      }
      let index = content.containers.firstIndex { $0 == view.container } ?? 0
      view.container = content.containers[(index + 1) % content.containers.count]
    case .startSave: view.prompt = .save(Self.defaultLogFile(for: view.target, now: now))
    case .toggleManagedFields: view.showsManagedFields.toggle()
    case .close:
      detail = nil
      return .redraw
    case .type, .erase, .submit, .cancelPrompt: break
    }
    return .redraw
  }

  private func answer(
    _ prompt: DetailPrompt, _ action: ViewAction, _ view: inout DetailView,
    content: DetailContent
  ) -> DashboardOutcome {
    switch action {
    case .type(let character):
      view.prompt = Self.prompt(prompt, text: prompt.text + String(character))
    case .erase: view.prompt = Self.prompt(prompt, text: String(prompt.text.dropLast()))
    case .cancelPrompt, .close: view.prompt = nil
    case .submit:
      view.prompt = nil
      switch prompt {
      case .search(let text):
        view.query = text
        view.match = nil
        guard !text.isEmpty else { return .redraw }
        let shown = view.firstLine(count: content.lines.count, height: view.pageSize)
        find(&view, in: content.lines, forward: true, from: shown)
      case .save(let path):
        guard !path.isEmpty else { return .redraw }
        return .saveLog(path: path)
      }
    default: return .none
    }
    return .redraw
  }

  private static func prompt(_ prompt: DetailPrompt, text: String) -> DetailPrompt {
    switch prompt {
    case .search: .search(text)
    case .save: .save(text)
    }
  }

  /// Moves to the next (or previous) line holding the query, wrapping around the ends.
  private func find(_ view: inout DetailView, in lines: [String], forward: Bool, from start: Int) {
    guard !view.query.isEmpty else {
      view.note = "no search yet: / searches"
      return
    }
    guard !lines.isEmpty else { return }
    let count = lines.count
    for step in 0..<count {
      let index = ((forward ? start + step : start - step) % count + count) % count
      if lines[index].range(of: view.query, options: .caseInsensitive) != nil {
        view.match = index
        view.follow = false
        view.top = max(0, min(index - view.pageSize / 3, count - view.pageSize))
        return
      }
    }
    view.note = "no match for \(view.query)"
  }

  /// `<name>-<UTC time>.log`, in the folder Batchdeck was started in.
  static func defaultLogFile(for target: ObjectRef, now: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
    let fields = [parts.month, parts.day, parts.hour, parts.minute, parts.second].map { value in
      let number = value ?? 0
      return number < 10 ? "0\(number)" : "\(number)"
    }
    let stamp = "\(parts.year ?? 0)\(fields[0])\(fields[1])T\(fields[2])\(fields[3])\(fields[4])Z"
    return "\(target.name)-\(stamp).log"
  }
}
