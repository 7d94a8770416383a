import BatchdeckModel
import BatchdeckSync
import BatchdeckView
import CursesTerminal
import Foundation
import Logging

/// The loop of the thread that owns the terminal: read a key, pick up the newest snapshot,
/// apply actions, and draw at most one frame per pass.
///
/// Data arrives from background threads only as values (`ClusterWatcher.snapshot`,
/// `LogFollower.tail`); nothing here blocks on the network.
struct DashboardLoop {
  var watcher: ClusterWatcher
  var logs: LogFollower
  var actions: ActionRunner
  /// What the describe, YAML and log views read.
  var views: DetailFeeds
  var clock: @Sendable () -> Date
  var context: DashboardContext
  var theme: Theme
  var monochromeTheme: Theme
  var logger: Logger
  var keys = KeyBindings.dashboard
  /// When frames are drawn: after input, after new data, and once a second for the clock.
  var redraw = RedrawPolicy()
  /// The kubeconfig's contexts, the namespace watched (`nil`: all) and why the context cannot
  /// change, when it cannot; see `DashboardLoop+Navigation.swift`.
  var scope = WatchScope()
  /// Whether clicks and the wheel go to the dashboard (`--no-mouse`, `mouse: false`).
  var mouse = true

  /// Runs until the user quits, a signal arrives, or the user picks a context or namespace
  /// this source does not watch; `state` is kept for the next source.
  func run(on terminal: Terminal, state: inout DashboardState) -> LoopEnd {
    let theme = terminal.colorCount == 0 ? monochromeTheme : self.theme
    scope.prepare(&state, context: context)
    terminal.enableMouse(mouse)
    var snapshot = watcher.snapshot
    var redraw = self.redraw
    var stats = FrameStats(logger: logger)
    var rowsGeneration: UInt64?
    // The filtered, sorted rows, rebuilt only when the snapshot or the state they derive from
    // changes; the frame, footer, help, mouse and RBAC questions all read these.
    var rowsCache = DashboardRowsCache()

    while true {
      let key = terminal.readKey(timeoutMilliseconds: 40)
      if let signal = terminal.pendingSignal { return .signal(signal) }

      if let key {
        if key == .resize {
          redraw.noteInput()
        } else if let action = keys.action(for: key, state: state)
          ?? mouseAction(
            key, state: state, snapshot: snapshot, rows: &rowsCache, size: terminal.size)
        {
          let outcome: DashboardOutcome
          if case .view(let viewAction) = action, let view = state.detail {
            let frame = detailFrame(view, snapshot: snapshot, now: clock())
            outcome = state.applyView(viewAction, content: frame.content, now: clock())
          } else {
            outcome = state.apply(action, in: snapshot, now: Date())
          }
          switch outcome {
          case .quit: return .quit
          case .perform(let operations): actions.submit(operations)
          case .saveLog(let path):
            saveLog(to: path, lines: views.logs.tail?.tail.lines ?? [], state: &state)
          case .redraw, .none: break
          }
          if let request = state.takeRequest(), scope.needsNewSource(for: request) {
            return .switchSource(request)
          }
          redraw.noteInput()
          stats.noteKey()
          rowsGeneration = nil
        }
      }

      if pickUpActionMessages(into: &state) {
        redraw.noteInput()
        rowsGeneration = nil
      }
      snapshot = watcher.snapshot
      if rowsGeneration != snapshot.generation {
        // The selection's pod is looked up only when the rows can have changed.
        followLog(of: rowsCache.rows(for: state, in: snapshot).selectedPod)
        rowsGeneration = snapshot.generation
      }
      let logTail = logs.tail
      let data = RedrawPolicy.DataVersion(
        snapshot: snapshot.generation, logs: logTail?.generation ?? 0,
        views: feedViews(for: state, snapshot: snapshot))
      guard redraw.isDue(now: Self.uptime, data: data) else { continue }

      let size = terminal.size
      if let view = state.detail {
        state.detail?.pageSize = DetailScreen.textRows(height: size.height)
        let frame = detailFrame(view, snapshot: snapshot, now: clock())
        let screen = DetailScreen(
          state: state, view: state.detail ?? view, lines: frame.content.lines, title: frame.title,
          problem: frame.problem, emptyText: frame.emptyText, context: context, theme: theme)
        terminal.draw(screen.render(width: size.width, height: size.height, now: clock()))
        redraw.drew(at: Self.uptime, data: data)
        stats.noteFrame(logTail: logTail?.tail)
        continue
      }
      if let layout = DashboardLayout(width: size.width, height: size.height) {
        state.pageSize = layout.visibleRows(of: layout.jobs)
      }
      let rows = rowsCache.rows(for: state, in: snapshot)
      let screen = DashboardScreen(
        state: state, snapshot: snapshot, rows: rows, logTail: logTail?.tail, context: context,
        theme: theme, keys: keys)
      terminal.draw(screen.render(width: size.width, height: size.height, now: clock()))
      if !state.readOnly { actions.ask(state.permissionQuestions(rows: rows)) }
      redraw.drew(at: Self.uptime, data: data)
      stats.noteFrame(logTail: logTail?.tail)
    }
  }

  /// Seconds on a monotonic clock.
  static var uptime: Double { ProcessInfo.processInfo.systemUptime }

  /// Takes in what the action runner posted, and clears an expired flash; returns whether
  /// anything changed.
  private func pickUpActionMessages(into state: inout DashboardState) -> Bool {
    var changed = state.expireFlash(now: Date())
    for message in actions.drain() {
      switch message {
      case .finished(let result): state.receive(result, now: Date())
      case .permission(let key, let answer): state.learn(answer, for: key)
      }
      changed = true
    }
    return changed
  }

  private func followLog(of pod: Pod?) {
    guard let pod, let container = pod.containers.first?.name else { return }
    let status = pod.containerStatuses.first { $0.name == container }
    let state: String
    switch status?.state {
    case .running: state = "running"
    case .terminated: state = "terminated"
    case .waiting, .unknown, nil: state = "waiting"
    }
    logs.follow(
      namespace: pod.metadata.namespace, pod: pod.metadata.name, container: container,
      revision: "\(status?.restartCount ?? 0)-\(state)")
  }
}

/// Debug-level figures from the loop, for the log file and `make bench`: the time from a key
/// being read to the frame that shows it being flushed, and once a second the frames drawn
/// and the log tail's size and rate.
struct FrameStats {
  let logger: Logger
  private var keys = 0
  private var keyReadAt: Double?
  private var frames = 0
  private var lastReport = DashboardLoop.uptime
  private var appendedAtReport: Int?

  init(logger: Logger) { self.logger = logger }

  mutating func noteKey() {
    keys += 1
    if keyReadAt == nil { keyReadAt = DashboardLoop.uptime }
  }

  /// Call right after a frame is flushed to the terminal.
  mutating func noteFrame(logTail: LogTail?) {
    frames += 1
    let now = DashboardLoop.uptime
    if let keyReadAt {
      let flushed = Date().timeIntervalSince1970
      logger.debug(
        "frame for key \(keys): flushed at \(String(format: "%.6f", flushed)) s, "
          + "\(String(format: "%.3f", (now - keyReadAt) * 1000)) ms after the key was read")
      self.keyReadAt = nil
    }
    guard now - lastReport >= 1 else { return }
    let appended = logTail?.appendedCount ?? 0
    let rate = Double(appended - (appendedAtReport ?? appended)) / (now - lastReport)
    logger.debug(
      "frames \(frames) in \(String(format: "%.2f", now - lastReport)) s; log tail "
        + "\(logTail?.lines.count ?? 0) lines, \(logTail?.byteCount ?? 0) bytes, "
        + "\(Int(rate)) lines/s")
    frames = 0
    lastReport = now
    appendedAtReport = logTail == nil ? nil : appended
  }
}
