import Foundation
import Testing

@testable import BatchdeckModel

/// The describe printers against kubectl's layout (field order, tabwriter alignment, the
/// Events table), written out line for line.
@Suite struct DescribeTests {
  static let now = Date(timeIntervalSince1970: 1_796_342_400)  // 2026-12-04T00:00:00Z

  @Test func tabWriterAlignsEachBlockTwoSpacesAfterItsWidestLabel() {
    var writer = DescribeWriter()
    writer.write(0, "Name:\tx")
    writer.write(0, "Concurrency Policy:\tAllow")
    writer.write(0, "Pod Template:")
    writer.write(1, "Labels:\ta=b")
    writer.write(1, "\tc=d")
    #expect(
      writer.lines() == [
        "Name:                x",
        "Concurrency Policy:  Allow",
        "Pod Template:",
        "  Labels:  a=b",
        "           c=d",
      ])
  }

  @Test func timesAreRFC1123WithANumericZone() throws {
    #expect(Describe.time(Self.now) == "Fri, 04 Dec 2026 00:00:00 +0000")
    let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
    #expect(Describe.time(Self.now, zone: berlin) == "Fri, 04 Dec 2026 01:00:00 +0100")
  }

  @Test func cronJobTemplateDeadlineFollowsCompletionsOnlyWhenSet() {
    var cronJob = CronJob(
      metadata: ObjectMeta(namespace: "ops", name: "nightly-export", uid: "cj7"),
      schedule: "15 2 * * *")
    cronJob.templateCompletions = 2
    #expect(
      !Describe.cronJob(cronJob, events: [], now: Self.now).contains { $0.hasPrefix("Active D") })
    cronJob.templateActiveDeadlineSeconds = 900
    let lines = Describe.cronJob(cronJob, events: [], now: Self.now)
    let completions = try? #require(lines.firstIndex { $0.hasPrefix("Completions:") })
    #expect(completions.map { lines[$0 + 1] } == "Active Deadline Seconds:       900s")
    #expect(completions.map { lines[$0 + 2] } == "Pod Template:")
  }

  @Test func cronJobInKubectlOrderWithActiveJobsAndEvents() {
    var cronJob = CronJob(
      metadata: ObjectMeta(
        namespace: "default", name: "log-cleanup", uid: "cj1", labels: ["app": "log-cleanup"],
        annotations: [
          "kubectl.kubernetes.io/last-applied-configuration": "{}", "owner": "team-a",
        ]),
      schedule: "* * * * *", timeZone: "Europe/Berlin", suspend: false,
      containers: [ContainerSpec(name: "cleanup", image: "busybox:1.36")],
      active: [OwnerReference(kind: "Job", name: "log-cleanup-29939040", uid: "j1")],
      lastScheduleTime: Self.now - 20)
    cronJob.podTemplateLabels = ["app": "log-cleanup"]
    let events = [
      Event(
        metadata: ObjectMeta(namespace: "default", name: "e2", uid: "e2"),
        involvedObject: OwnerReference(kind: "CronJob", name: "log-cleanup", uid: "cj1"),
        reason: "SawCompletedJob", message: "Saw completed job: log-cleanup-29939039 ",
        count: 1, firstTimestamp: Self.now - 30, lastTimestamp: Self.now - 30,
        source: "cronjob-controller"),
      Event(
        metadata: ObjectMeta(namespace: "default", name: "e1", uid: "e1"),
        involvedObject: OwnerReference(kind: "CronJob", name: "log-cleanup", uid: "cj1"),
        reason: "SuccessfulCreate", message: "Created job log-cleanup-29939040", count: 4,
        firstTimestamp: Self.now - 300, lastTimestamp: Self.now - 60,
        source: "cronjob-controller"),
      Event(
        metadata: ObjectMeta(namespace: "default", name: "other", uid: "e3"),
        involvedObject: OwnerReference(kind: "CronJob", name: "other", uid: "cj9"),
        reason: "Ignored", message: "not about this CronJob"),
    ]
    let lines = Describe.cronJob(cronJob, events: events, now: Self.now)
    #expect(
      lines == [
        "Name:                          log-cleanup",
        "Namespace:                     default",
        "Labels:                        app=log-cleanup",
        "Annotations:                   owner: team-a",
        "Schedule:                      * * * * *",
        "Concurrency Policy:            Allow",
        "Suspend:                       False",
        "Time Zone:                     Europe/Berlin",
        "Successful Job History Limit:  3",
        "Failed Job History Limit:      1",
        "Starting Deadline Seconds:     <unset>",
        "Selector:                      <unset>",
        "Parallelism:                   <unset>",
        "Completions:                   <unset>",
        "Pod Template:",
        "  Labels:  app=log-cleanup",
        "  Containers:",
        "   cleanup:",
        "    Image:           busybox:1.36",
        "    Port:            <none>",
        "    Host Port:       <none>",
        "    Environment:     <none>",
        "    Mounts:          <none>",
        "  Volumes:           <none>",
        "  Node-Selectors:    <none>",
        "  Tolerations:       <none>",
        "Last Schedule Time:  Thu, 03 Dec 2026 23:59:40 +0000",
        "Active Jobs:         log-cleanup-29939040",
        "Events:",
        "  Type    Reason            Age               From                Message",
        "  ----    ------            ----              ----                -------",
        "  Normal  SuccessfulCreate  60s (x4 over 5m)  cronjob-controller  Created job log-cleanup-29939040",
        "  Normal  SawCompletedJob   30s               cronjob-controller  Saw completed job: log-cleanup-29939039",
      ])
  }

  @Test func jobWithOwnerDurationAndIndexes() {
    let job = Job(
      metadata: ObjectMeta(
        namespace: "ml", name: "ingest", uid: "u-1",
        controller: OwnerReference(kind: "CronJob", name: "nightly", uid: "c")),
      completions: 20, parallelism: 4, completionMode: "Indexed",
      ttlSecondsAfterFinished: 600,
      containers: [ContainerSpec(name: "main", image: "python:3.12")],
      startTime: Self.now - 600, completionTime: Self.now - 450, ready: 0, succeeded: 20,
      completedIndexes: "0-19")
    let lines = Describe.job(job, events: [], now: Self.now)
    #expect(
      lines == [
        "Name:                        ingest",
        "Namespace:                   ml",
        "Selector:                    batch.kubernetes.io/controller-uid=u-1",
        "Labels:                      <none>",
        "Annotations:                 <none>",
        "Controlled By:               CronJob/nightly",
        "Parallelism:                 4",
        "Completions:                 20",
        "Completion Mode:             Indexed",
        "Suspend:                     false",
        "Backoff Limit:               6",
        "TTL Seconds After Finished:  600",
        "Start Time:                  Thu, 03 Dec 2026 23:50:00 +0000",
        "Completed At:                Thu, 03 Dec 2026 23:52:30 +0000",
        "Duration:                    2m30s",
        "Pods Statuses:               0 Active (0 Ready) / 20 Succeeded / 0 Failed",
        "Completed Indexes:           0-19",
        "Pod Template:",
        "  Labels:  <none>",
        "  Containers:",
        "   main:",
        "    Image:         python:3.12",
        "    Port:          <none>",
        "    Host Port:     <none>",
        "    Environment:   <none>",
        "    Mounts:        <none>",
        "  Volumes:         <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     <none>",
        "Events:            <none>",
      ])
  }

  @Test func longCompletedIndexesAreCutAfterTheFirstCommaFromFifty() {
    let list = (0..<40).map { String($0 * 2) }.joined(separator: ",")
    let cut = Describe.completedIndexes(list)
    #expect(cut.hasSuffix(",..."))
    #expect(cut.count > 50 && cut.count < 60)
    #expect(list.hasPrefix(String(cut.dropLast(3))))
  }

  @Test func podWithContainerStatesConditionsAndEvents() {
    var pod = Pod(
      metadata: ObjectMeta(
        namespace: "default", name: "batch-processor-8hvp9", uid: "p1",
        labels: ["job-name": "batch-processor", "app": "batch"],
        controller: OwnerReference(kind: "Job", name: "batch-processor", uid: "j")),
      containers: [ContainerSpec(name: "worker", image: "busybox:1.36")],
      nodeName: "sim-node-1", phase: "Running", podIP: "10.244.1.3",
      conditions: [
        Condition(type: "Initialized", status: "True"),
        Condition(type: "PodReadyToStartContainers", status: "True"),
      ],
      containerStatuses: [
        ContainerStatus(
          name: "worker", ready: true, restartCount: 1, state: .running(startedAt: Self.now - 5),
          lastTermination: Termination(
            exitCode: 137, reason: "OOMKilled", startedAt: Self.now - 60,
            finishedAt: Self.now - 10))
      ])
    pod.priority = 0
    pod.serviceAccountName = "default"
    pod.hostIP = "172.18.0.2"
    pod.podIPs = ["10.244.1.3"]
    pod.startTime = Self.now - 8
    var started = Event(
      metadata: ObjectMeta(namespace: "default", name: "e", uid: "e"),
      involvedObject: OwnerReference(kind: "Pod", name: "batch-processor-8hvp9", uid: "p1"),
      reason: "Started", message: "Started container worker", lastTimestamp: Self.now - 5,
      source: "kubelet")
    started.fieldPath = "spec.containers{worker}"
    let lines = Describe.pod(pod, events: [started], now: Self.now)
    #expect(
      lines == [
        "Name:             batch-processor-8hvp9",
        "Namespace:        default",
        "Priority:         0",
        "Service Account:  default",
        "Node:             sim-node-1/172.18.0.2",
        "Start Time:       Thu, 03 Dec 2026 23:59:52 +0000",
        "Labels:           app=batch",
        "                  job-name=batch-processor",
        "Annotations:      <none>",
        "Status:           Running",
        "IP:               10.244.1.3",
        "IPs:",
        "  IP:           10.244.1.3",
        "Controlled By:  Job/batch-processor",
        "Containers:",
        "  worker:",
        "    Container ID:   ",
        "    Image:          busybox:1.36",
        "    Image ID:       ",
        "    Port:           <none>",
        "    Host Port:      <none>",
        "    State:          Running",
        "      Started:      Thu, 03 Dec 2026 23:59:55 +0000",
        "    Last State:     Terminated",
        "      Reason:       OOMKilled",
        "      Exit Code:    137",
        "      Started:      Thu, 03 Dec 2026 23:59:00 +0000",
        "      Finished:     Thu, 03 Dec 2026 23:59:50 +0000",
        "    Ready:          True",
        "    Restart Count:  1",
        "    Environment:    <none>",
        "    Mounts:         <none>",
        "Conditions:",
        "  Type                        Status",
        "  Initialized                 True ",
        "  PodReadyToStartContainers   True ",
        "Volumes:                      <none>",
        "QoS Class:                    BestEffort",
        "Node-Selectors:               <none>",
        "Tolerations:                  <none>",
        "Events:",
        "  Type    Reason   Age   From     Message",
        "  ----    ------   ----  ----     -------",
        "  Normal  Started  5s    kubelet  spec.containers{worker}: Started container worker",
      ])
  }

  @Test func aDeletingPodIsTerminatingWithItsAge() {
    var pod = Pod(
      metadata: ObjectMeta(
        namespace: "a", name: "p", deletionTimestamp: Self.now - 12), phase: "Running")
    pod.deletionGracePeriodSeconds = 30
    let lines = Describe.pod(pod, events: [], now: Self.now)
    let status = lines.firstIndex { $0.hasPrefix("Status:") }
    #expect(
      status.map { Array(lines[$0...($0 + 1)]) } == [
        "Status:                    Terminating (lasts 12s)",
        "Termination Grace Period:  30s",
      ])
    #expect(lines.contains("Containers: <none>"))
    // Without conditions kubectl prints no Conditions section at all.
    #expect(!lines.contains { $0.hasPrefix("Conditions:") })
    #expect(lines.suffix(2) == ["Tolerations:     <none>", "Events:          <none>"])
  }
}
