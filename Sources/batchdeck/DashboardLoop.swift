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
  /// The shortest time between frames (a frame-rate cap).
  var frameInterval = 1.0 / 30
  /// Redraw at least this often, so ages and the clock move on.
  var refreshInterval = 0.25
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
    var drawnGeneration: (UInt64, UInt64, UInt64)?
    var lastFrame = Date.distantPast
    var dirty = true

    while true {
      let key = terminal.readKey(timeoutMilliseconds: 40)
      if let signal = terminal.pendingSignal { return .signal(signal) }

      if let key {
        if key == .resize {
          dirty = true
        } else if let action = keys.action(for: key, state: state)
          ?? mouseAction(key, state: state, snapshot: snapshot, size: terminal.size)
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
          dirty = true
        }
      }

      if pickUpActionMessages(into: &state) { dirty = true }
      snapshot = watcher.snapshot
      let rows = state.rows(in: snapshot)
      followLog(of: rows.selectedPod)
      let viewGeneration = feedViews(for: state, snapshot: snapshot)
      let generation = (snapshot.generation, logs.tail?.generation ?? 0, viewGeneration)
      if drawnGeneration.map({ $0 != generation }) ?? true { dirty = true }
      let sinceFrame = Date().timeIntervalSince(lastFrame)
      guard (dirty && sinceFrame >= frameInterval) || sinceFrame >= refreshInterval else {
        continue
      }

      let size = terminal.size
      if let view = state.detail {
        state.detail?.pageSize = DetailScreen.textRows(height: size.height)
        let frame = detailFrame(view, snapshot: snapshot, now: clock())
        let screen = DetailScreen(
          state: state, view: state.detail ?? view, lines: frame.content.lines, title: frame.title,
          problem: frame.problem, emptyText: frame.emptyText, context: context, theme: theme)
        terminal.draw(screen.render(width: size.width, height: size.height, now: clock()))
        drawnGeneration = generation
        lastFrame = Date()
        dirty = false
        continue
      }
      if let layout = DashboardLayout(width: size.width, height: size.height) {
        state.pageSize = layout.visibleRows(of: layout.jobs)
      }
      let screen = DashboardScreen(
        state: state, snapshot: snapshot, logTail: logs.tail?.tail, context: context,
        theme: theme, keys: keys)
      terminal.draw(screen.render(width: size.width, height: size.height, now: clock()))
      if !state.readOnly { actions.ask(state.permissionQuestions(in: snapshot)) }
      drawnGeneration = generation
      lastFrame = Date()
      dirty = false
    }
  }

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
