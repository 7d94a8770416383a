import BatchdeckModel
import BatchdeckView
import ClusterSimulator
import Foundation
import KubeClient

/// Frame cost at 200x60 over a cluster of `rows` Jobs (and as many Pods, a tenth as many
/// CronJobs), with the Jobs pane focused, filtered by a regular expression that hides part
/// of the Jobs, and the selection moving one shown row per frame.
enum RenderBench {
  /// The Jobs pane's filter: names ending in an even digit.
  static let filter = "[02468]$"

  static func run(rows: Int, frames: Int) -> BenchFigures {
    let snapshot = makeSnapshot(rows: rows)
    var sink = FrameSink()
    sink.state.focus = .jobs
    sink.state.navigation.filters[.jobs] = try? RowFilter.parse(Self.filter)
    let shown = sink.state.rows(in: snapshot).jobs
    let now = Date()
    var renderTimes: [Double] = []
    var diffTimes: [Double] = []
    for frame in 0..<max(1, frames) {
      let job = shown.isEmpty ? nil : shown[(shown.count / 2 + frame) % shown.count]
      sink.state.selectedJob = job?.id
      let start = DispatchTime.now().uptimeNanoseconds
      let screen = DashboardScreen(
        state: sink.state, snapshot: snapshot, logTail: nil,
        context: DashboardContext(cluster: "bench", context: "bench", namespace: "all", user: ""),
        theme: .default)
      let canvas = screen.render(width: sink.width, height: sink.height, now: now)
      let rendered = DispatchTime.now().uptimeNanoseconds
      sink.push(canvas)
      let diffed = DispatchTime.now().uptimeNanoseconds
      renderTimes.append(Double(rendered - start) / 1e6)
      diffTimes.append(Double(diffed - rendered) / 1e6)
    }
    let render = ProcessCounters.percentiles(renderTimes)
    let diff = ProcessCounters.percentiles(diffTimes)
    var figures = BenchFigures()
    figures.set("rows", snapshot.jobs.count)
    figures.set("frames", renderTimes.count)
    figures.set("renderMedianMs", render.median)
    figures.set("renderP99Ms", render.p99)
    figures.set("diffMedianMs", diff.median)
    figures.set("diffP99Ms", diff.p99)
    let both = ProcessCounters.percentiles(zip(renderTimes, diffTimes).map { $0 + $1 })
    figures.set("frameMedianMs", both.median)
    figures.set("frameP99Ms", both.p99)
    figures.set("filter", "/\(Self.filter) on the Jobs pane")
    figures.set("shownRows", shown.count)
    return figures
  }

  /// The scale scenario's objects decoded as the reflectors decode them, sorted and grouped
  /// by owner as the publisher hands them on.
  static func makeSnapshot(rows: Int) -> ClusterSnapshot {
    let scenario = ScaleScenario(
      cronJobs: max(1, rows / 10), jobs: rows, pods: rows, namespaces: 20)
    var cronJobs: [CronJob] = []
    var jobs: [Job] = []
    var pods: [Pod] = []
    for (index, object) in scenario.objects(now: Date()).enumerated() {
      var copy = object
      copy[path: ["metadata", "uid"]] = .string("uid-\(index)")
      switch object["kind"]?.stringValue {
      case "CronJob": cronJobs.append(CronJob(wire: copy))
      case "Job": jobs.append(Job(wire: copy))
      default: pods.append(Pod(wire: copy))
      }
    }
    var snapshot = ClusterSnapshot(
      cronJobs: cronJobs.sorted { order($0.metadata, $1.metadata) },
      jobs: jobs.sorted { order($0.metadata, $1.metadata) },
      pods: pods.sorted { order($0.metadata, $1.metadata) },
      sources: ["cronjobs": SourceStatus(lastSynced: Date())], generation: 1)
    snapshot.indexOwnership()
    return snapshot
  }

  private static func order(_ lhs: ObjectMeta, _ rhs: ObjectMeta) -> Bool {
    lhs.namespace == rhs.namespace ? lhs.name < rhs.name : lhs.namespace < rhs.namespace
  }
}

/// The log tail under a chatty container: `linesPerSecond` lines of about 120 bytes, delivered
/// in 40 ms batches as the follower hands them on, then one frame with the tail shown.
enum LogBench {
  static func run(linesPerSecond: Int, seconds: Double) -> BenchFigures {
    var tail = LogTail(namespace: "bench", pod: "chatty", container: "main")
    let batches = max(1, Int(seconds / 0.04))
    let perBatch = max(1, linesPerSecond / 25)
    let residentBefore = ProcessCounters.residentBytes
    var appendTimes: [Double] = []
    var counter = 0
    for _ in 0..<batches {
      var lines: [String] = []
      lines.reserveCapacity(perBatch)
      for _ in 0..<perBatch {
        counter += 1
        lines.append(
          "2026-12-04T00:00:00.\(counter % 1000)Z INFO worker processed record \(counter) "
            + "of batch \(counter / 1000) in 3ms; queue depth 17, retries 0, ok")
      }
      let start = DispatchTime.now().uptimeNanoseconds
      tail.append(lines)
      appendTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    var sink = FrameSink()
    sink.state.focus = .logs
    let snapshot = ClusterSnapshot()
    sink.draw(snapshot, logTail: tail)
    let start = DispatchTime.now().uptimeNanoseconds
    sink.draw(snapshot, logTail: tail)
    let frameMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    let append = ProcessCounters.percentiles(appendTimes)
    var figures = BenchFigures()
    figures.set("linesPerSecond", perBatch * 25)
    figures.set("linesFed", counter)
    figures.set("tailLines", tail.lines.count)
    figures.set("tailBytes", tail.byteCount)
    figures.set("tailMaxBytes", tail.maxBytes)
    figures.set("residentGrowthBytes", max(0, ProcessCounters.residentBytes - residentBefore))
    figures.set("appendBatchMedianMs", append.median)
    figures.set("appendBatchP99Ms", append.p99)
    figures.set("frameWithTailMs", frameMs)
    figures.set("keyToFrameEstimateMs", append.p99 + frameMs + 40)
    return figures
  }
}
