import APIMachinery
import Foundation
import Logging
import Synchronization

/// A whole simulated cluster: object store, controllers, kubelet stand-in and API server.
///
/// ```swift
/// let simulator = Simulator(clock: VirtualClock(start: Date(), speed: 10), logger: logger)
/// try simulator.load(objects: DemoScenario.objects(now: simulator.clock.now))
/// simulator.start()
/// let client = SomeClient(transport: simulator.transport)
/// ...
/// simulator.stop()
/// ```
/// Tests use `VirtualClock.manual(start:)` and `run(for:tick:)` or `step()` instead of `start()`.
public final class Simulator: @unchecked Sendable {
  /// The cluster's time; controllers see only this clock.
  public let clock: VirtualClock
  /// The in-process API server.
  public let server: SimulatedAPIServer
  let store: ObjectStore
  let events: EventRecorder
  let logs: PodLogStore
  let cronJobs: CronJobController
  let jobs: JobController
  let kubelet: Kubelet
  let ttl: TTLAfterFinishedController
  let collector: GarbageCollector
  private let logger: Logger
  private let stepLock = NSLock()
  private let loop = Mutex<(running: Bool, finished: DispatchSemaphore?)>((false, nil))

  /// Creates an empty cluster (no namespaces until `load(objects:)`); `seed` fixes every
  /// generated name and UID.
  public init(clock: VirtualClock, logger: Logger = .disabled, seed: UInt64 = 0x5EED) {
    self.clock = clock
    self.logger = logger
    store = ObjectStore(clock: clock, seed: seed)
    events = EventRecorder(store: store)
    logs = PodLogStore()
    cronJobs = CronJobController(
      store: store, events: events, logger: logger.labeled("sim.cronjob"))
    jobs = JobController(store: store, events: events, logger: logger.labeled("sim.job"))
    kubelet = Kubelet(
      store: store, events: events, logs: logs, logger: logger.labeled("sim.kubelet"))
    ttl = TTLAfterFinishedController(store: store, logger: logger.labeled("sim.ttl"))
    collector = GarbageCollector(store: store, events: events)
    server = SimulatedAPIServer(store: store, logs: logs, logger: logger.labeled("sim.api"))
  }

  /// The transport a client uses to talk to this cluster.
  public var transport: any HTTPTransport { server }

  /// Loads validated objects as if created through the API, keeping any `status` they carry
  /// (so a scenario can give a CronJob history). Namespaces are created implicitly; owner
  /// references without a known `uid` are resolved by kind and name. `batch/v1beta1` objects
  /// are stored as `batch/v1`. With `asStored`, objects are taken as a cluster already holds
  /// them, without the API server's create validation (an unparseable schedule then shows as
  /// the controller's warning event, as on a cluster that stored it before validation).
  public func load(objects: [JSONValue], asStored: Bool = false) throws(SimulatorError) {
    let order: [Resource] = [.namespaces, .secrets, .configmaps, .cronjobs, .jobs, .pods, .events]
    var resolved: [(Resource, JSONValue)] = []
    for object in objects {
      let kind = object.string("kind") ?? ""
      guard let resource = Resource(kind: kind) else {
        throw .unsupportedKind(kind, name: object.name)
      }
      resolved.append((resource, object))
    }
    resolved.sort { order.firstIndex(of: $0.0) ?? 0 < order.firstIndex(of: $1.0) ?? 0 }
    var loadedUIDs: [String: String] = [:]
    var loadedWithoutUID: Set<String> = []
    try store.withLock { () throws(SimulatorError) in
      for (resource, input) in resolved {
        var object = input
        if resource.isNamespaced {
          let namespace = object.namespace.isEmpty ? "default" : object.namespace
          object[path: ["metadata", "namespace"]] = .string(namespace)
          try ensureNamespace(namespace)
        }
        object[path: ["metadata", "ownerReferences"]] = resolveOwners(
          object, loadedUIDs: loadedUIDs, loadedWithoutUID: loadedWithoutUID)
        object["apiVersion"] = .string(resource.apiVersion)
        do throws(APIStatus) {
          let stored = try SimulatedAPIServer.admit(
            resource, object, store: store, validating: !asStored)
          if input.uid.isEmpty {
            loadedWithoutUID.insert(stored.uid)
          } else {
            loadedUIDs[input.uid] = stored.uid
          }
        } catch {
          throw .rejected(error)
        }
      }
    }
    logger.info("loaded \(objects.count) objects")
  }

  private func ensureNamespace(_ name: String) throws(SimulatorError) {
    guard store.get(.namespaces, "", name) == nil else { return }
    let namespace: JSONValue = [
      "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)],
    ]
    do throws(APIStatus) {
      _ = try SimulatedAPIServer.admit(.namespaces, namespace, store: store)
    } catch {
      throw .rejected(error)
    }
  }

  /// Owner references name their owner by the uid it had in the loaded manifests, which the
  /// store replaces: such a uid is mapped to the stored one (`loadedUIDs`). A reference
  /// without a uid, or to an owner loaded without one, is resolved by kind and name. A uid of
  /// no loaded object (an earlier owner of the same name, say) is kept as it is.
  private func resolveOwners(
    _ object: JSONValue, loadedUIDs: [String: String], loadedWithoutUID: Set<String>
  ) -> JSONValue? {
    let references = object.array("metadata", "ownerReferences")
    guard !references.isEmpty else { return object[path: ["metadata", "ownerReferences"]] }
    return .array(
      references.map { reference in
        var copy = reference
        let uid = reference.string("uid") ?? ""
        let resource = Resource(kind: reference.string("kind") ?? "")
        if let stored = loadedUIDs[uid] {
          copy["uid"] = .string(stored)
          if let resource { copy["apiVersion"] = .string(resource.apiVersion) }
        } else if let resource,
          let owner = store.get(resource, object.namespace, reference.string("name") ?? ""),
          uid.isEmpty || loadedWithoutUID.contains(owner.uid)
        {
          copy["uid"] = .string(owner.uid)
          copy["apiVersion"] = .string(resource.apiVersion)
        }
        return copy
      })
  }

  /// Runs every controller once at `clock.now`.
  public func step() {
    stepLock.lock()
    defer { stepLock.unlock() }
    let now = clock.now
    store.withLock {
      cronJobs.sync(now: now)
      jobs.sync(now: now)
      kubelet.sync(now: now)
      jobs.sync(now: now)
      ttl.sync(now: now)
      collector.sync(now: now)
    }
  }

  /// Advances a manual clock by `duration` in steps of `tick`, stepping after each.
  public func run(for duration: TimeInterval, tick: TimeInterval = 1) {
    var elapsed = 0.0
    while elapsed < duration {
      let stepSize = min(tick, duration - elapsed)
      clock.advance(by: stepSize)
      elapsed += stepSize
      step()
    }
  }

  /// Starts the background loop that steps the cluster every `tickInterval` real seconds.
  public func start(tickInterval: TimeInterval = 0.1) {
    let finished = DispatchSemaphore(value: 0)
    let alreadyRunning = loop.withLock { state -> Bool in
      if state.running { return true }
      state = (true, finished)
      return false
    }
    guard !alreadyRunning else { return }
    logger.info("simulator started at speed \(clock.speed)")
    let thread = Thread { [self] in
      while loop.withLock({ $0.running }) {
        step()
        Thread.sleep(forTimeInterval: tickInterval)
      }
      finished.signal()
    }
    thread.name = "batchdeck-simulator"
    thread.start()
  }

  /// Stops the background loop and waits for its last step to end.
  public func stop() {
    let finished = loop.withLock { state -> DispatchSemaphore? in
      guard state.running else { return nil }
      let semaphore = state.finished
      state = (false, nil)
      return semaphore
    }
    finished?.wait()
  }

  /// A running-ready demo cluster: a scaled clock starting at `start`, the demo scenario
  /// loaded. Call `start()` to set it in motion.
  public static func demo(
    start: Date = Date(), speed: Double = 10, logger: Logger = .disabled
  ) throws(SimulatorError) -> Simulator {
    let simulator = Simulator(clock: VirtualClock(start: start, speed: speed), logger: logger)
    try simulator.loadDemoScenario()
    return simulator
  }

  /// The demo cluster: `DemoScenario.objects(now:)` loaded at the clock's current time.
  public func loadDemoScenario() throws(SimulatorError) {
    try load(objects: DemoScenario.objects(now: clock.now))
  }
}
