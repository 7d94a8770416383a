import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

@Suite struct JobControllerTests {
  @Test func parallelJobNeverExceedsParallelismAndCompletes() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "batch", spec: ["completions": 5, "parallelism": 2],
        template: podTemplate(script: "echo working; sleep 5"))
    ])
    var most = 0
    for _ in 0..<120 {
      simulator.run(for: 1)
      let active = simulator.pods(ownedBy: "batch").filter {
        let phase = $0.string("status", "phase")
        return phase == "Pending" || phase == "Running"
      }
      most = max(most, active.count)
      #expect((simulator.job("batch")?.int("status", "active") ?? 0) <= 2)
    }
    #expect(most == 2)
    let job = try #require(simulator.job("batch"))
    #expect(job.int("status", "succeeded") == 5)
    #expect(simulator.conditionTypes("batch") == ["SuccessCriteriaMet", "Complete"])
    let complete = job.array("status", "conditions").last
    #expect(complete?.string("reason") == "CompletionsReached")
    #expect(job.string("status", "completionTime") != nil)
    #expect(job.string("status", "startTime") == "2024-01-01T00:00:31Z")
    #expect(simulator.pods(ownedBy: "batch").count == 5)
    let completed = simulator.store.list(.events).items.filter {
      $0.string("reason") == "Completed"
    }
    #expect(completed.map { $0.string("message") } == ["Job completed"])
    let kubelet = Set(
      simulator.store.list(.events).items.filter { $0.string("source", "component") == "kubelet" }
        .compactMap { $0.string("reason") })
    #expect(kubelet == ["Pulling", "Pulled", "Created", "Started"])
  }

  @Test func backoffLimitFailsAfterTheRightNumberOfFailures() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "flaky", spec: ["backoffLimit": 2], template: podTemplate(script: "echo no; exit 3"))
    ])
    simulator.run(for: 300)
    let job = try #require(simulator.job("flaky"))
    #expect(job.int("status", "failed") == 3)
    #expect(simulator.conditionTypes("flaky") == ["FailureTarget", "Failed"])
    let failed = job.array("status", "conditions").first { $0.string("type") == "Failed" }
    #expect(failed?.string("reason") == "BackoffLimitExceeded")
    #expect(failed?.string("message") == "Job has reached the specified backoff limit")
    #expect(job["status"]?["completionTime"] == nil)
    #expect(simulator.pods(ownedBy: "flaky").count == 3)
    let warnings = simulator.store.list(.events).items.filter {
      $0.string("type") == "Warning" && $0.string("involvedObject", "kind") == "Job"
    }
    #expect(warnings.compactMap { $0.string("reason") } == ["BackoffLimitExceeded"])
    let created = simulator.store.list(.events).items.filter {
      $0.string("reason") == "SuccessfulCreate"
        && $0.string("source", "component") == "job-controller"
    }
    #expect(created.count == 3)
    let exitCodes = simulator.pods(ownedBy: "flaky").compactMap {
      $0[path: ["status", "containerStatuses"]]?[0]?.int("state", "terminated", "exitCode")
    }
    #expect(exitCodes == [3, 3, 3])
  }

  @Test func replacementPodsWaitForTheBackoffDelay() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest("slow", spec: ["backoffLimit": 5], template: podTemplate(script: "exit 1"))
    ])
    simulator.run(for: 6)
    #expect(simulator.pods(ownedBy: "slow").count == 1)
    simulator.run(for: 6)
    #expect(simulator.pods(ownedBy: "slow").count == 1)
    simulator.run(for: 8)
    #expect(simulator.pods(ownedBy: "slow").count == 2)
  }

  @Test func indexedJobNamesPodsAndTracksCompletedIndexes() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "work", spec: ["completions": 5, "parallelism": 3, "completionMode": "Indexed"],
        template: podTemplate(script: "echo index $JOB_COMPLETION_INDEX; sleep 4"))
    ])
    simulator.run(for: 2)
    let first = simulator.pods(ownedBy: "work").map(\.name).sorted()
    #expect(first.count == 3)
    for (index, name) in first.enumerated() {
      #expect(name.hasPrefix("work-\(index)-") && name.count == "work-\(index)-".count + 5)
    }
    let pod = try #require(simulator.pods(ownedBy: "work").first)
    let index = pod.string("metadata", "annotations", JobController.indexKey)
    #expect(index != nil && pod.string("metadata", "labels", JobController.indexKey) == index)
    simulator.run(for: 8)
    #expect(simulator.job("work")?.string("status", "completedIndexes") == "0-2")
    simulator.run(for: 30)
    let job = try #require(simulator.job("work"))
    #expect(job.string("status", "completedIndexes") == "0-4")
    #expect(job.int("status", "succeeded") == 5)
    #expect(simulator.conditionTypes("work").contains("Complete"))
  }

  @Test func activeDeadlineFailsTheJob() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "late", spec: ["activeDeadlineSeconds": 20],
        template: podTemplate(annotations: ["sim.batchdeck.dev/duration": "5m"]))
    ])
    simulator.run(for: 40)
    let failed = simulator.job("late")?.array("status", "conditions").first {
      $0.string("type") == "Failed"
    }
    #expect(failed?.string("reason") == "DeadlineExceeded")
    #expect(simulator.pods(ownedBy: "late").isEmpty)
  }

  @Test func suspendedJobHasNoPodsUntilResumed() throws {
    let simulator = try makeSimulator(objects: [jobManifest("wait", spec: ["suspend": true])])
    simulator.run(for: 10)
    #expect(simulator.pods(ownedBy: "wait").isEmpty)
    #expect(simulator.conditionTypes("wait") == ["Suspended"])
    #expect(simulator.job("wait")?["status"]?["startTime"] == nil)
    simulator.store.mutate(.jobs, "default", "wait") { $0[path: ["spec", "suspend"]] = false }
    simulator.run(for: 2)
    #expect(simulator.pods(ownedBy: "wait").count == 1)
    #expect(simulator.job("wait")?.string("status", "startTime") != nil)
  }

  @Test func ttlDeletesTheFinishedJobAndItsPods() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "brief", spec: ["ttlSecondsAfterFinished": 30], template: podTemplate(script: "sleep 2"))
    ])
    simulator.run(for: 15)
    #expect(simulator.conditionTypes("brief").contains("Complete"))
    simulator.run(for: 20)
    #expect(simulator.job("brief") != nil)
    simulator.run(for: 20)
    #expect(simulator.job("brief") == nil)
    #expect(simulator.store.list(.pods).items.isEmpty)
  }

  @Test func onFailureRestartsInPlaceWithCrashLoopBackOff() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "retry", spec: ["backoffLimit": 6],
        template: podTemplate(
          script: "echo try; sleep 2", restartPolicy: "OnFailure",
          annotations: ["sim.batchdeck.dev/fail-times": "2"]))
    ])
    simulator.run(for: 8)
    let pod = try #require(simulator.pods(ownedBy: "retry").first)
    let status = try #require(pod[path: ["status", "containerStatuses"]]?[0])
    #expect(status.string("state", "waiting", "reason") == "CrashLoopBackOff")
    #expect(status.int("restartCount") == 1)
    #expect(status.int("lastState", "terminated", "exitCode") == 1)
    simulator.run(for: 60)
    #expect(simulator.pods(ownedBy: "retry").count == 1)
    #expect(simulator.conditionTypes("retry").contains("Complete"))
    let final = simulator.pods(ownedBy: "retry").first?[path: ["status", "containerStatuses"]]?[0]
    #expect(final?.int("restartCount") == 2)
  }
}
