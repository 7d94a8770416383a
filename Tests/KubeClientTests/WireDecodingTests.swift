import APIMachinery
import BatchdeckModel
import Foundation
import Testing

@testable import KubeClient

@Suite struct WireDecodingTests {
  func fixture(_ name: String) throws -> JSONValue? {
    guard let data = SharedFixtures.data("fixtures/api-testdata/\(name)") else { return nil }
    return try JSONValue.parse(data)
  }

  @Test(
    .enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"),
    arguments: ["HEAD", "v1.33.0"])
  func readsEveryFieldCronJob(version: String) throws {
    let json = try #require(try fixture("\(version)/batch.v1.CronJob.json"))
    let cronJob = CronJob(wire: json)
    #expect(cronJob.metadata.name == "nameValue")
    #expect(cronJob.metadata.labels == ["labelsKey": "labelsValue"])
    #expect(cronJob.schedule == "scheduleValue")
    #expect(cronJob.timeZone == "timeZoneValue")
    #expect(cronJob.suspend == true)
    #expect(cronJob.startingDeadlineSeconds == 2)
    #expect(cronJob.metadata.creationTimestamp == RFC3339.parse("2008-01-01T01:01:01Z"))
    #expect(cronJob.containers.first?.image == "imageValue")
    #expect(cronJob.active.first?.name == "nameValue")
    #expect(cronJob.lastScheduleTime != nil)
  }

  @Test(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
  func readsLegacyCronJob() throws {
    let json = try #require(try fixture("HEAD/batch.v1beta1.CronJob.json"))
    #expect(CronJob(wire: json).schedule == "scheduleValue")
  }

  @Test(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
  func readsJob() throws {
    let json = try #require(try fixture("HEAD/batch.v1.Job.json"))
    let job = Job(wire: json)
    #expect(job.metadata.name == "nameValue")
    #expect(job.completions == json[path: ["spec", "completions"]]?.intValue.map(Int.init))
    #expect(job.conditions.first?.type == "typeValue")
    #expect(job.succeeded == Int(json[path: ["status", "succeeded"]]?.intValue ?? -1))
    #expect(job.completedIndexes == "completedIndexesValue")
    #expect(job.metadata.controller?.kind == "kindValue")
  }

  @Test(.enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"))
  func readsPodAndEvent() throws {
    let podJSON = try #require(try fixture("HEAD/core.v1.Pod.json"))
    let pod = Pod(wire: podJSON)
    #expect(pod.phase == "phaseValue")
    #expect(pod.containerStatuses.first?.name == "nameValue")
    #expect(pod.initContainers.first?.name == "nameValue")
    let eventJSON = try #require(try fixture("HEAD/core.v1.Event.json"))
    let event = Event(wire: eventJSON)
    #expect(event.reason == "reasonValue")
    #expect(event.involvedObject.name == "nameValue")
    #expect(event.count == Int(eventJSON["count"]?.intValue ?? -1))
  }

  @Test func toleratesMissingAndMistypedFields() throws {
    let json = try JSONValue.parse(
      #"{"metadata":{"name":"x","labels":{"a":1,"b":"c"}},"spec":{"completions":"five"}}"#)
    let job = Job(wire: json)
    #expect(job.metadata.name == "x")
    #expect(job.metadata.labels == ["b": "c"])
    #expect(job.completions == nil)
    #expect(job.backoffLimit == 6)
    #expect(job.parallelism == 1)
    #expect(Pod(wire: .object([:])).phase == "Pending")
  }
}
