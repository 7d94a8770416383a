import APIMachinery
import BatchdeckModel
import ClusterSimulator
import Foundation
import KubeClient
import Synchronization
import Testing

@testable import BatchdeckSync

/// The action runner against the in-process simulated cluster on a manual clock.
@Suite struct ActionRunnerTests {
  let start = Date(timeIntervalSince1970: 1_796_342_400)

  func cluster() throws -> (Simulator, ActionRunner, KubeAPI) {
    let simulator = Simulator(clock: .manual(start: start))
    try simulator.loadDemoScenario()
    simulator.run(for: 5, tick: 1)
    let api = KubeAPI(transport: simulator.transport)
    return (simulator, ActionRunner(api: api, logger: .disabled), api)
  }

  func ref(_ kind: ObjectKind, _ name: String, api: KubeAPI) throws -> ObjectRef {
    let resource = ActionRunner.resource(of: kind)
    let object = try api.get(resource, namespace: "default", name: name)
    let uid = try #require(object[path: ["metadata", "uid"]]?.stringValue)
    return ObjectRef(kind: kind, namespace: "default", name: name, uid: uid)
  }

  func podNames(of job: String, api: KubeAPI) throws -> [String] {
    try api.list(.pods, namespace: "default", labelSelector: "job-name=\(job)").items
      .compactMap { $0[path: ["metadata", "name"]]?.stringValue }
  }

  @Test func suspendSetsSpecSuspend() throws {
    let (_, runner, api) = try cluster()
    let cronJob = try ref(.cronJob, "log-cleanup", api: api)
    let result = runner.run(.setSuspended(cronJob, true))
    #expect(result.failure == nil)
    let stored = try api.get(.cronJobs, namespace: "default", name: "log-cleanup")
    #expect(stored[path: ["spec", "suspend"]]?.boolValue == true)
    _ = runner.run(.setSuspended(cronJob, false))
    let resumed = try api.get(.cronJobs, namespace: "default", name: "log-cleanup")
    #expect(resumed[path: ["spec", "suspend"]]?.boolValue == false)
  }

  @Test func triggerCreatesAnOwnedManualJob() throws {
    let (_, runner, api) = try cluster()
    let cronJob = try ref(.cronJob, "log-cleanup", api: api)
    let name = ManualJobName.make(cronJob: "log-cleanup", seed: 7)
    let result = runner.run(.trigger(cronJob: cronJob, jobName: name))
    #expect(result.failure == nil)
    let created = try #require(result.created)
    #expect(created.name == name && created.kind == .job && !created.uid.isEmpty)
    let job = try api.get(.jobs, namespace: "default", name: name)
    #expect(
      job[path: ["metadata", "annotations", "cronjob.kubernetes.io/instantiate"]]?.stringValue
        == "manual")
    let owner = try #require(job[path: ["metadata", "ownerReferences"]]?.arrayValue?.first)
    #expect(owner["kind"]?.stringValue == "CronJob")
    #expect(owner["uid"]?.stringValue == cronJob.uid)
    #expect(owner["controller"]?.boolValue == true)
  }

  @Test func deleteInTheBackgroundRemovesTheJobThenItsPods() throws {
    let (simulator, runner, api) = try cluster()
    let job = try ref(.job, "batch-processor", api: api)
    #expect(try !podNames(of: "batch-processor", api: api).isEmpty)
    #expect(runner.run(.delete(job, .background)).failure == nil)
    #expect(throws: KubeError.self) { try api.get(.jobs, namespace: "default", name: job.name) }
    simulator.run(for: 40, tick: 1)
    #expect(try podNames(of: "batch-processor", api: api).isEmpty)
  }

  @Test func deleteInTheForegroundKeepsTheJobUntilItsPodsAreGone() throws {
    let (_, runner, api) = try cluster()
    let job = try ref(.job, "batch-processor", api: api)
    #expect(runner.run(.delete(job, .foreground)).failure == nil)
    let pending = try api.get(.jobs, namespace: "default", name: job.name)
    #expect(pending[path: ["metadata", "deletionTimestamp"]]?.stringValue != nil)
    let finalizers = pending[path: ["metadata", "finalizers"]]?.arrayValue ?? []
    #expect(finalizers.contains("foregroundDeletion"))
  }

  @Test func deleteWithOrphanLeavesThePodsWithoutAnOwner() throws {
    let (simulator, runner, api) = try cluster()
    let job = try ref(.job, "batch-processor", api: api)
    let before = try podNames(of: "batch-processor", api: api)
    #expect(runner.run(.delete(job, .orphan)).failure == nil)
    simulator.run(for: 5, tick: 1)
    #expect(throws: KubeError.self) { try api.get(.jobs, namespace: "default", name: job.name) }
    let after = try podNames(of: "batch-processor", api: api)
    #expect(!after.isEmpty && Set(after).isSubset(of: Set(before)))
    let pod = try api.get(.pods, namespace: "default", name: try #require(after.first))
    #expect((pod[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).isEmpty)
  }

  @Test func killRemovesARunningPodAtOnce() throws {
    let (simulator, runner, api) = try cluster()
    let pods = try api.list(.pods, namespace: "default", labelSelector: "job-name=batch-processor")
    let running = try #require(
      pods.items.first { $0[path: ["status", "phase"]]?.stringValue == "Running" })
    let name = try #require(running[path: ["metadata", "name"]]?.stringValue)
    let pod = ObjectRef(kind: .pod, namespace: "default", name: name)
    #expect(runner.run(.kill(pod)).failure == nil)
    let dying = try? api.get(.pods, namespace: "default", name: name)
    if let dying {
      // The Job controller's tracking finalizer holds it until its next pass.
      #expect(dying[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue == 0)
    }
    simulator.run(for: 2, tick: 1)
    #expect(throws: KubeError.self) { try api.get(.pods, namespace: "default", name: name) }
  }

  @Test func aFailingCallCarriesTheServerMessage() throws {
    let (_, runner, _) = try cluster()
    let missing = ObjectRef(kind: .cronJob, namespace: "default", name: "nope")
    let result = runner.run(.setSuspended(missing, true))
    let failure = try #require(result.failure)
    #expect(failure.contains("cronjobs.batch \"nope\" not found"), "failure was: \(failure)")
    #expect(failure.hasPrefix("Error from server (NotFound)"))
  }

  @Test func submittedResultsComeBackThroughDrain() throws {
    let (_, runner, api) = try cluster()
    let cronJob = try ref(.cronJob, "log-cleanup", api: api)
    runner.submit([.setSuspended(cronJob, true)])
    var messages: [ActionMessage] = []
    #expect(
      eventually {
        messages += runner.drain()
        return !messages.isEmpty
      })
    #expect(messages == [.finished(OperationResult(operation: .setSuspended(cronJob, true)))])
  }

  @Test func permissionsAreAskedOnceAndDenialsKeepTheReason() throws {
    let simulator = Simulator(clock: .manual(start: start))
    try simulator.loadDemoScenario()
    let counting = DenyingTransport(inner: simulator.transport)
    let runner = ActionRunner(api: KubeAPI(transport: counting), logger: .disabled)
    let key = PermissionKey(verb: "delete", kind: .pod, namespace: "default")
    runner.ask([key, key])
    runner.ask([key])
    var messages: [ActionMessage] = []
    #expect(
      eventually {
        messages += runner.drain()
        return !messages.isEmpty
      })
    Thread.sleep(forTimeInterval: 0.1)
    messages += runner.drain()
    #expect(messages == [.permission(key, .denied(reason: "pods are off limits"))])
    #expect(counting.reviews.withLock { $0 } == 1)
    let allowed = ActionRunner(api: KubeAPI(transport: simulator.transport), logger: .disabled)
    #expect(allowed.check(key) == .allowed)
  }
}

/// Answers every access review with a denial and counts them; passes everything else on.
final class DenyingTransport: HTTPTransport {
  let inner: any HTTPTransport
  let reviews = Mutex(0)

  init(inner: any HTTPTransport) {
    self.inner = inner
  }

  func perform(
    _ request: HTTPRequest, cancellation: CancellationToken?,
    onHead: (HTTPResponseHead) -> Void, onChunk: ([UInt8]) -> StreamControl
  ) throws(TransportError) {
    guard request.path.hasSuffix("/selfsubjectaccessreviews") else {
      return try inner.perform(
        request, cancellation: cancellation, onHead: onHead, onChunk: onChunk)
    }
    reviews.withLock { $0 += 1 }
    let answer: JSONValue = [
      "kind": "SelfSubjectAccessReview",
      "status": ["allowed": false, "reason": "pods are off limits"],
    ]
    onHead(HTTPResponseHead(status: 201))
    _ = onChunk(answer.serialized())
  }
}
