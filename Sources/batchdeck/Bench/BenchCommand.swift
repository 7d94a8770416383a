import BatchdeckModel
import BatchdeckSync
import BatchdeckView
import CursesTerminal
import Foundation
import KubeClient
import Logging

/// `batchdeck bench ...`: the measuring halves of `make bench` (see `Scripts/bench.sh`). Each
/// mode prints one JSON line of figures on stdout; nothing here draws on a terminal.
enum BenchCommand {
  static let usage = """
    Usage: batchdeck bench first-frame --kubeconfig FILE [--idle-seconds N]
           batchdeck bench render [--rows N] [--frames N]
           batchdeck bench logs [--lines-per-second N] [--seconds N]

    first-frame syncs every CronJob, Job and Pod of the cluster, renders the first complete
    200x60 frame and, with --idle-seconds, keeps watching the changes as the dashboard does.
    render times frames at 200x60 over N Jobs; logs feeds a log tail at N lines a second.
    """

  /// Runs `batchdeck bench ...`; returns the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    var remaining = arguments.dropFirst()[...]
    var numbers: [String: Double] = [:]
    var kubeconfig: String?
    while let flag = remaining.popFirst() {
      guard let value = remaining.popFirst() else { return fail("\(flag) needs a value") }
      if flag == "--kubeconfig" {
        kubeconfig = value
      } else if let number = Double(value), number >= 0 {
        numbers[flag] = number
      } else {
        return fail("\(flag) needs a number, not \(value)")
      }
    }
    switch arguments.first {
    case "first-frame":
      guard let kubeconfig else { return fail("first-frame needs --kubeconfig FILE") }
      return firstFrame(kubeconfig: kubeconfig, idleSeconds: numbers["--idle-seconds"] ?? 0)
    case "render":
      let figures = RenderBench.run(
        rows: Int(numbers["--rows"] ?? 10_000), frames: Int(numbers["--frames"] ?? 300))
      print(figures.json)
      return 0
    case "logs":
      let figures = LogBench.run(
        linesPerSecond: Int(numbers["--lines-per-second"] ?? 50_000),
        seconds: numbers["--seconds"] ?? 4)
      print(figures.json)
      return 0
    default:
      print(usage)
      return arguments.first == nil ? 2 : 0
    }
  }

  private static func firstFrame(kubeconfig: String, idleSeconds: Double) -> Int32 {
    let began = Date()
    var options = ClusterOptions()
    options.kubeconfig = kubeconfig
    options.allNamespaces = true
    let connection: ClusterConnection
    do {
      connection = try options.connection()
    } catch {
      return fail(error.description)
    }
    let live = LiveCluster(connection: connection, allNamespaces: true, logger: .disabled)
    let watcher = live.watcher
    live.start()
    var snapshot = watcher.snapshot
    let deadline = began.addingTimeInterval(300)
    while !(snapshot.sources.count == APIResource.allCases.count
      && snapshot.sources.values.allSatisfy(\.hasSynced))
    {
      guard Date() < deadline else { return fail("the cluster did not sync in 300 s") }
      Thread.sleep(forTimeInterval: 0.002)
      snapshot = watcher.snapshot
    }
    var frames = FrameSink()
    frames.draw(snapshot)
    var figures = BenchFigures()
    figures.set("firstFrameSeconds", Date().timeIntervalSince(began))
    figures.set("firstFrameCPUSeconds", ProcessCounters.cpuSeconds)
    figures.set("peakRSSBytes", ProcessCounters.peakResidentBytes)
    figures.set("cronJobs", snapshot.cronJobs.count)
    figures.set("jobs", snapshot.jobs.count)
    figures.set("pods", snapshot.pods.count)
    if idleSeconds > 0 {
      let idle = frames.watch(watcher, seconds: idleSeconds)
      figures.set("idleSeconds", idleSeconds)
      figures.set("idleCPUSecondsPerMinute", idle.cpu / idleSeconds * 60)
      figures.set("idleFrames", idle.frames)
      figures.set("idleSnapshots", idle.snapshots)
      figures.set("peakRSSAfterIdleBytes", ProcessCounters.peakResidentBytes)
    }
    FileHandle.standardOutput.write(Data((figures.json + "\n").utf8))
    // The reflector threads hold open watches; leave without waiting for them.
    exit(0)
  }

  private static func fail(_ message: String) -> Int32 {
    FileHandle.standardError.write(Data("batchdeck bench: \(message)\n".utf8))
    return 2
  }
}

/// Renders frames as the dashboard loop does, diffed against the previous one, without a
/// terminal: the diff's runs are what `Terminal.draw` hands to ncurses.
struct FrameSink {
  var state = DashboardState()
  var previous: Canvas?
  var width = 200
  var height = 60
  private(set) var cellsWritten = 0

  /// Renders `snapshot` and diffs it against the last frame; returns the cells that changed.
  @discardableResult
  mutating func draw(_ snapshot: ClusterSnapshot, logTail: LogTail? = nil, now: Date = Date())
    -> Int
  {
    let screen = DashboardScreen(
      state: state, snapshot: snapshot, logTail: logTail,
      context: DashboardContext(cluster: "bench", context: "bench", namespace: "all", user: ""),
      theme: .default)
    return push(screen.render(width: width, height: height, now: now))
  }

  /// Diffs `canvas` against the last frame and keeps it; returns the cells that changed.
  @discardableResult
  mutating func push(_ canvas: Canvas) -> Int {
    let runs = FrameDiff.changedRuns(previous: previous, next: canvas)
    previous = canvas
    let cells = runs.reduce(0) { $0 + $1.cells.count }
    cellsWritten += cells
    return cells
  }

  /// Watches for `seconds` like `DashboardLoop`: a 40 ms poll, and a frame when its
  /// `RedrawPolicy` says one is due (new data, or the once-a-second tick). Returns CPU
  /// seconds used, frames drawn and frames drawn for a new snapshot.
  mutating func watch(_ watcher: ClusterWatcher, seconds: Double) -> (
    cpu: Double, frames: Int, snapshots: Int
  ) {
    let cpuStart = ProcessCounters.cpuSeconds
    let end = Date().addingTimeInterval(seconds)
    var policy = RedrawPolicy()
    var drawn = watcher.snapshot.generation
    policy.drew(at: DashboardLoop.uptime, data: .init(snapshot: drawn, logs: 0))
    var frames = 0
    var snapshots = 0
    while Date() < end {
      Thread.sleep(forTimeInterval: 0.04)
      let snapshot = watcher.snapshot
      let data = RedrawPolicy.DataVersion(snapshot: snapshot.generation, logs: 0)
      guard policy.isDue(now: DashboardLoop.uptime, data: data) else { continue }
      if snapshot.generation != drawn { snapshots += 1 }
      draw(snapshot)
      drawn = snapshot.generation
      policy.drew(at: DashboardLoop.uptime, data: data)
      frames += 1
    }
    return (ProcessCounters.cpuSeconds - cpuStart, frames, snapshots)
  }
}
