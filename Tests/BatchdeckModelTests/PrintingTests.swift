import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct PrintingTests {
  let now = Date(timeIntervalSince1970: 1_800_000_000)

  func meta(_ name: String, age: Double = 600) -> ObjectMeta {
    ObjectMeta(namespace: "batch", name: name, uid: name, creationTimestamp: now - age)
  }

  @Test func cronJobColumns() {
    let cronJob = CronJob(
      metadata: meta("nightly", age: 45), schedule: "0 2 * * *", timeZone: "Europe/Berlin",
      suspend: true, lastScheduleTime: nil)
    #expect(
      cronJob.printedColumns(now: now)
        == ["nightly", "0 2 * * *", "Europe/Berlin", "True", "0", "<none>", "45s"])
    var unset = cronJob
    unset.suspend = nil
    unset.timeZone = nil
    unset.lastScheduleTime = now - 150
    unset.active = [OwnerReference(kind: "Job", name: "x", uid: "x")]
    #expect(unset.printedColumns(now: now)[2...5] == ["<none>", "<unset>", "1", "2m30s"])
  }

  @Test func jobStatusOrder() {
    var job = Job(metadata: meta("work"))
    #expect(job.printedStatus == "Running")
    job.conditions = [Condition(type: "SuccessCriteriaMet", status: "True")]
    #expect(job.printedStatus == "Running")
    job.conditions = [Condition(type: "FailureTarget", status: "True")]
    #expect(job.printedStatus == "FailureTarget")
    job.conditions.append(Condition(type: "Suspended", status: "True"))
    #expect(job.printedStatus == "Suspended")
    job.metadata.deletionTimestamp = now
    #expect(job.printedStatus == "Terminating")
    job.conditions.append(Condition(type: "Failed", status: "True"))
    #expect(job.printedStatus == "Failed")
    job.conditions.insert(Condition(type: "Complete", status: "False"), at: 0)
    job.conditions.append(Condition(type: "Complete", status: "True"))
    #expect(job.printedStatus == "Failed", "only the first condition of a type counts")
  }

  @Test func jobCompletionsAndDuration() {
    var job = Job(metadata: meta("work"), completions: 10, parallelism: 2, succeeded: 3)
    #expect(job.printedCompletions == "3/10")
    job.completions = nil
    job.parallelism = 3
    job.succeeded = 0
    #expect(job.printedCompletions == "0/1 of 3")
    job.parallelism = 1
    #expect(job.printedCompletions == "0/1")
    #expect(job.printedDuration(now: now) == "")
    job.startTime = now - 252
    #expect(job.printedDuration(now: now) == "4m12s")
    job.completionTime = job.startTime.map { $0 + 7 }
    #expect(job.printedDuration(now: now) == "7s")
  }

  @Test func podCompletedAndError() {
    var pod = Pod(
      metadata: meta("p"), containers: [ContainerSpec(name: "main", image: "busybox")],
      phase: "Succeeded",
      containerStatuses: [
        ContainerStatus(
          name: "main", state: .terminated(Termination(exitCode: 0, reason: "Completed")))
      ])
    #expect(pod.printedColumns(now: now) == ["p", "0/1", "Completed", "0", "10m"])
    pod.containerStatuses[0].state = .terminated(Termination(exitCode: 3))
    #expect(pod.printedStatus(now: now).status == "ExitCode:3")
    pod.containerStatuses[0].state = .terminated(Termination(exitCode: 137, signal: 9))
    #expect(pod.printedStatus(now: now).status == "Signal:9")
  }

  @Test func podCrashLoopShowsRestartsAgo() {
    let pod = Pod(
      metadata: meta("crash"), containers: [ContainerSpec(name: "main", image: "x")],
      phase: "Running",
      containerStatuses: [
        ContainerStatus(
          name: "main", restartCount: 4,
          state: .waiting(reason: "CrashLoopBackOff", message: "back-off"),
          lastTermination: Termination(exitCode: 1, reason: "Error", finishedAt: now - 62))
      ])
    let printed = pod.printedStatus(now: now)
    #expect(printed.status == "CrashLoopBackOff")
    #expect(printed.restarts == "4 (62s ago)")
  }

  @Test func podInitProgressAndSidecar() {
    var pod = Pod(
      metadata: meta("init"), containers: [ContainerSpec(name: "main", image: "x")],
      initContainers: [InitContainerSpec(name: "a"), InitContainerSpec(name: "b")],
      initContainerStatuses: [
        ContainerStatus(name: "a", state: .terminated(Termination(exitCode: 0))),
        ContainerStatus(name: "b", state: .running(startedAt: nil)),
      ])
    #expect(pod.printedStatus(now: now).status == "Init:1/2")
    pod.initContainerStatuses[1].state = .waiting(reason: "ErrImagePull", message: "")
    #expect(pod.printedStatus(now: now).status == "Init:ErrImagePull")
    pod.initContainers = [InitContainerSpec(name: "proxy", isSidecar: true)]
    pod.phase = "Running"
    pod.initContainerStatuses = [
      ContainerStatus(name: "proxy", ready: true, started: true, state: .running(startedAt: nil))
    ]
    pod.containerStatuses = [
      ContainerStatus(name: "main", ready: true, state: .running(startedAt: nil))
    ]
    pod.conditions = [Condition(type: "Initialized", status: "True")]
    let printed = pod.printedStatus(now: now)
    #expect(printed.ready == "2/2")
    #expect(printed.status == "Running")
  }

  @Test func podTerminatingAndCompletedButRunning() {
    var pod = Pod(
      metadata: meta("t"),
      containers: [ContainerSpec(name: "a", image: "x"), ContainerSpec(name: "b", image: "x")],
      phase: "Running",
      containerStatuses: [
        ContainerStatus(name: "a", ready: true, state: .running(startedAt: nil)),
        ContainerStatus(
          name: "b", state: .terminated(Termination(exitCode: 0, reason: "Completed"))),
      ])
    #expect(pod.printedStatus(now: now).status == "NotReady")
    pod.conditions = [Condition(type: "Ready", status: "True")]
    #expect(pod.printedStatus(now: now).status == "Running")
    pod.metadata.deletionTimestamp = now
    #expect(pod.printedStatus(now: now).status == "Terminating")
  }
}

@Suite struct PodFailureDetailTests {
  func pod(_ statuses: [ContainerStatus], phase: String = "Running") -> Pod {
    Pod(
      metadata: ObjectMeta(name: "p"),
      containers: statuses.map { ContainerSpec(name: $0.name, image: "x") },
      phase: phase, containerStatuses: statuses)
  }

  @Test func namesTheFailingContainerReasonAndExitCode() {
    let oom = pod(
      [
        ContainerStatus(
          name: "train", state: .terminated(Termination(exitCode: 137, reason: "OOMKilled")))
      ],
      phase: "Failed")
    #expect(oom.failureDetail == "train: OOMKilled, exit 137")
    let crash = pod([
      ContainerStatus(
        name: "app", restartCount: 3,
        state: .waiting(reason: "CrashLoopBackOff", message: "back-off"),
        lastTermination: Termination(exitCode: 2, reason: "Error"))
    ])
    #expect(crash.failureDetail == "CrashLoopBackOff; last run app: Error, exit 2")
    let pull = pod([
      ContainerStatus(
        name: "app", state: .waiting(reason: "ImagePullBackOff", message: "Back-off pulling image"))
    ])
    #expect(pull.failureDetail == "app: Back-off pulling image")
  }

  @Test func healthyPodsHaveNoDetail() {
    let running = pod([ContainerStatus(name: "app", ready: true, state: .running(startedAt: nil))])
    #expect(running.failureDetail == nil)
    let done = pod(
      [
        ContainerStatus(
          name: "app", state: .terminated(Termination(exitCode: 0, reason: "Completed")))
      ],
      phase: "Succeeded")
    #expect(done.failureDetail == nil)
    let creating = pod([
      ContainerStatus(name: "app", state: .waiting(reason: "ContainerCreating", message: ""))
    ])
    #expect(creating.failureDetail == nil)
  }
}
