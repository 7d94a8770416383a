import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

@Suite struct CronJobControllerTests {
  @Test func firesAtTheMinuteWithNameAnnotationAndOwner() throws {
    let simulator = try makeSimulator(objects: [cronJobManifest("hello")])
    simulator.run(for: 29)
    #expect(simulator.store.list(.jobs).items.isEmpty)
    simulator.run(for: 1)
    let jobs = simulator.store.list(.jobs).items
    #expect(jobs.map(\.name) == ["hello-28401121"])
    let job = try #require(jobs.first)
    #expect(
      job.string("metadata", "annotations", "batch.kubernetes.io/cronjob-scheduled-timestamp")
        == "2024-01-01T00:01:00Z")
    let cronJob = try #require(simulator.store.get(.cronjobs, "default", "hello"))
    #expect(job.controllerRef?.string("uid") == cronJob.uid)
    #expect(job.controllerRef?.string("kind") == "CronJob")
    #expect(cronJob.string("status", "lastScheduleTime") == "2024-01-01T00:01:00Z")
    #expect(cronJob.array("status", "active").map { $0.string("name") } == ["hello-28401121"])
    let reasons = simulator.store.list(.events).items.compactMap { $0.string("reason") }
    #expect(reasons.contains("SuccessfulCreate"))
  }

  @Test func recordsCompletionAndLastSuccessfulTime() throws {
    let simulator = try makeSimulator(objects: [
      cronJobManifest(
        "quick", schedule: "*/5 * * * *", template: podTemplate(script: "echo hi; sleep 5"))
    ])
    simulator.run(for: 30 + 300 + 60)
    let cronJob = try #require(simulator.store.get(.cronjobs, "default", "quick"))
    #expect(cronJob.array("status", "active").isEmpty)
    #expect(cronJob.string("status", "lastSuccessfulTime") != nil)
    let messages = simulator.store.list(.events).items.compactMap { $0.string("message") }
    #expect(
      messages.contains { $0.hasPrefix("Saw completed job: quick-") && $0.hasSuffix("Complete") })
  }

  @Test func forbidSkipsWhileAJobIsActive() throws {
    let long = podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"])
    let simulator = try makeSimulator(objects: [
      cronJobManifest("solo", spec: ["concurrencyPolicy": "Forbid"], template: long)
    ])
    simulator.run(for: 30 + 180)
    #expect(simulator.store.list(.jobs).items.count == 1)
    let events = simulator.store.list(.events).items.filter {
      $0.string("reason") == "JobAlreadyActive"
    }
    #expect(events.count == 1)
    #expect((events.first?.int("count") ?? 0) >= 2)
  }

  @Test func allowRunsConcurrently() throws {
    let long = podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"])
    let simulator = try makeSimulator(objects: [cronJobManifest("many", template: long)])
    simulator.run(for: 30 + 170)
    #expect(simulator.store.list(.jobs).items.count == 3)
  }

  @Test func replaceDeletesTheActiveJob() throws {
    let long = podTemplate(annotations: ["sim.batchdeck.dev/duration": "10m"])
    let simulator = try makeSimulator(objects: [
      cronJobManifest("swap", spec: ["concurrencyPolicy": "Replace"], template: long)
    ])
    simulator.run(for: 30 + 70)
    #expect(simulator.store.list(.jobs).items.map(\.name) == ["swap-28401122"])
  }

  @Test func suspendedCronJobCreatesNothing() throws {
    let simulator = try makeSimulator(objects: [cronJobManifest("off", spec: ["suspend": true])])
    simulator.run(for: 300, tick: 5)
    #expect(simulator.store.list(.jobs).items.isEmpty)
  }

  @Test func historyLimitsKeepTheNewestJobs() throws {
    let simulator = try makeSimulator(objects: [
      cronJobManifest(
        "trim", spec: ["successfulJobsHistoryLimit": 2], template: podTemplate(script: "sleep 3"))
    ])
    simulator.run(for: 30 + 300, tick: 2)
    let names = simulator.store.list(.jobs).items.filter(JobController.isFinished).map(\.name)
    #expect(names == ["trim-28401124", "trim-28401125"])
  }

  @Test func timeZoneShapesTheAnnotation() throws {
    let simulator = try makeSimulator(objects: [
      cronJobManifest("zoned", schedule: "1 1 * * *", spec: ["timeZone": "Europe/Berlin"])
    ])
    simulator.run(for: 30, tick: 30)
    let job = try #require(simulator.store.list(.jobs).items.first)
    #expect(
      job.string("metadata", "annotations", "batch.kubernetes.io/cronjob-scheduled-timestamp")
        == "2024-01-01T01:01:00+01:00")
  }
}

@Suite struct CronJobMissedRunTests {
  func withHistory(_ manifest: JSONValue, last: String) -> JSONValue {
    var copy = manifest
    copy["status"] = ["lastScheduleTime": .string(last)]
    return copy
  }

  @Test func manyMissedRunsWarnButStillRunTheLatest() throws {
    let manifest = withHistory(
      cronJobManifest("behind", schedule: "*/5 * * * *"), last: "2023-12-31T14:05:00Z")
    let simulator = try makeSimulator(objects: [manifest])
    simulator.step()
    #expect(simulator.store.list(.jobs).items.map(\.name) == ["behind-28401120"])
    let reasons = simulator.store.list(.events).items.compactMap { $0.string("reason") }
    #expect(reasons.contains("TooManyMissedTimes"))
  }

  @Test func startingDeadlineSkipsRunsOutsideTheWindow() throws {
    let hourly = withHistory(
      cronJobManifest("hourly", schedule: "0 * * * *", spec: ["startingDeadlineSeconds": 10]),
      last: "2023-12-31T23:00:00Z")
    let minutely = withHistory(
      cronJobManifest("minutely", spec: ["startingDeadlineSeconds": 200]),
      last: "2023-12-31T23:00:00Z")
    let simulator = try makeSimulator(objects: [hourly, minutely])
    simulator.step()
    let names = simulator.store.list(.jobs).items.map(\.name)
    #expect(names == ["minutely-28401120"])
    let reasons = simulator.store.list(.events).items.compactMap { $0.string("reason") }
    #expect(!reasons.contains("TooManyMissedTimes"))
  }
}
