import APIMachinery
import Foundation
import Synchronization

/// A steady stream of changes over a loaded `ScaleScenario`: Pods starting (Running) and
/// finishing (Succeeded) again, and their Jobs' `ready` counts following. Deterministic for a
/// seed; `step(changes:)` drives it by hand, `start()` at `churnPerSecond` on a thread.
public final class ScaleChurn: Sendable {
  private let simulator: Simulator
  private let scenario: ScaleScenario
  private let state: Mutex<(random: SeededRandom, changes: Int, running: Bool)>

  public init(simulator: Simulator, scenario: ScaleScenario) {
    self.simulator = simulator
    self.scenario = scenario
    state = Mutex((SeededRandom(seed: scenario.seed ^ 0xC4_0A11), 0, false))
  }

  /// How many changes were applied so far.
  public var changeCount: Int { state.withLock { $0.changes } }

  /// Applies `changes` changes now.
  public func step(changes: Int) {
    guard scenario.pods > 0 else { return }
    for _ in 0..<changes {
      let (index, count) = state.withLock { state -> (Int, Int) in
        state.changes += 1
        return (Int(state.random.next() % UInt64(scenario.pods)), state.changes)
      }
      let namespace = scenario.namespace(ofPod: index)
      let jobIndex = index % scenario.jobs
      var nowRunning = false
      simulator.store.mutate(.pods, namespace, scenario.podName(index)) { pod in
        nowRunning = pod.string("status", "phase") != "Running"
        let start = pod.time("metadata", "creationTimestamp") ?? Date()
        pod["status"] = ScaleScenario.podStatus(
          phase: nowRunning ? "Running" : "Succeeded", start: start, exitCode: 0, index: index)
        pod[path: ["metadata", "annotations", "sim.batchdeck.dev/churn"]] = .string("\(count)")
      }
      simulator.store.mutate(.jobs, namespace, scenario.jobName(jobIndex)) { job in
        job[path: ["status", "ready"]] = nowRunning ? 1 : 0
        job[path: ["status", "active"]] = nowRunning ? 1 : nil
      }
    }
  }

  /// Starts applying `churnPerSecond` changes a second, in ten batches a second.
  public func start() {
    let started = state.withLock { state -> Bool in
      defer { state.running = true }
      return state.running
    }
    guard !started, scenario.churnPerSecond > 0 else { return }
    let thread = Thread { [self] in
      var due = 0.0
      while state.withLock({ $0.running }) {
        due += Double(scenario.churnPerSecond) / 10
        let now = Int(due)
        due -= Double(now)
        step(changes: now)
        Thread.sleep(forTimeInterval: 0.1)
      }
    }
    thread.name = "batchdeck-churn"
    thread.start()
  }

  /// Stops the thread after its current batch.
  public func stop() { state.withLock { $0.running = false } }
}

extension Simulator {
  /// Loads `scenario`'s objects as stored (statuses kept) at the clock's current time.
  public func load(scale scenario: ScaleScenario) throws(SimulatorError) {
    try load(objects: scenario.objects(now: clock.now), asStored: true)
  }
}
