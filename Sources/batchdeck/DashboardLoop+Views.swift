import BatchdeckModel
import BatchdeckSync
import BatchdeckView
import Foundation

/// What the open view shows this frame, gathered from the snapshot and the view feeds.
struct DetailFrame {
  var content: DetailContent
  var title: String
  var problem: String?
  var emptyText: String
}

extension DashboardLoop {
  /// Opens what the open view reads and closes what no view reads; returns the generation
  /// of the data the view shows.
  func feedViews(for state: DashboardState, snapshot: ClusterSnapshot) -> UInt64 {
    guard let view = state.detail, !(view.kind == .describe) else {
      views.close()
      return 0
    }
    if view.kind == .yaml {
      views.logs.close()
      views.documents.open(view.target, showManagedFields: view.showsManagedFields)
      return views.documents.document?.generation ?? 0
    }
    views.documents.close()
    let pods = view.logPods(in: snapshot)
    views.logs.open(
      LogViewRequest(
        namespace: view.target.namespace,
        sources: pods.map {
          LogViewRequest.Source(pod: $0.metadata.name, container: view.container(of: $0))
        },
        timestamps: view.timestamps, previous: view.previous,
        prefixesPod: view.target.kind == .job))
    return views.logs.tail?.generation ?? 0
  }

  /// The lines, title and problem of the open view.
  func detailFrame(_ view: DetailView, snapshot: ClusterSnapshot, now: Date) -> DetailFrame {
    switch view.kind {
    case .describe:
      let lines = view.describeLines(in: snapshot, now: now)
      return DetailFrame(
        content: DetailContent(lines: lines ?? []), title: DetailScreen.title(for: view),
        problem: lines == nil ? "\(view.target.display) is no longer in the cluster" : nil,
        emptyText: "")
    case .yaml:
      let document = views.documents.document.flatMap { $0.target == view.target ? $0 : nil }
      return DetailFrame(
        content: DetailContent(lines: document?.lines ?? []),
        title: DetailScreen.title(for: view), problem: document?.error,
        emptyText: "Fetching \(view.target.display)…")
    case .logs:
      let pods = view.logPods(in: snapshot)
      let tail = views.logs.tail?.tail
      let container = pods.first.map { view.container(of: $0) } ?? view.container ?? ""
      return DetailFrame(
        content: DetailContent(lines: tail?.lines ?? [], containers: view.containers(in: snapshot)),
        title: DetailScreen.title(
          for: view, container: container, pods: pods.count,
          droppedLines: tail?.droppedLines ?? 0),
        problem: tail?.error,
        emptyText: pods.isEmpty ? "No pods to read a log from" : "(no output yet)")
    }
  }

  /// Writes the log view's lines to `path` (relative paths from the working folder) and
  /// says where, or why not, in the view's note.
  func saveLog(to path: String, lines: [String], state: inout DashboardState) {
    let expanded = (path as NSString).expandingTildeInPath
    let url = URL(
      fileURLWithPath: expanded,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    let text = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    do {
      try Data(text.utf8).write(to: url, options: .withoutOverwriting)
      state.detail?.note = "wrote \(lines.count) lines to \(url.standardizedFileURL.path)"
      logger.info("saved \(lines.count) log lines to \(url.standardizedFileURL.path)")
    } catch {
      state.detail?.note =
        "could not write \(url.standardizedFileURL.path): \(error.localizedDescription)"
      logger.warning("saving the log to \(url.path) failed: \(error)")
    }
  }
}
