import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct JobProgressTests {
  let now = Date(timeIntervalSince1970: 1_800_000_000)

  @Test func indexRangesRoundTrip() {
    #expect(IndexRanges.format([1, 3, 4, 5, 7]) == "1,3-5,7")
    #expect(IndexRanges.format([0, 1]) == "0,1")
    #expect(IndexRanges.format([]) == "")
    #expect(IndexRanges.parse("0-2,4,6") == [0, 1, 2, 4, 6])
    #expect(IndexRanges.parse("x,9-7,3") == [3])
  }

  @Test func deadlineAndETA() throws {
    let job = Job(
      metadata: ObjectMeta(name: "j"), backoffLimit: 4, activeDeadlineSeconds: 600,
      startTime: now - 240, failed: 1)
    let progress = JobProgress.assess(job, pods: [], typicalDuration: 300, now: now)
    #expect(progress.retriesUsed == 1)
    #expect(progress.deadlineLeft == 360)
    #expect(progress.expectedEnd == now + 60)
    var done = job
    done.conditions = [Condition(type: "Complete", status: "True")]
    let finished = JobProgress.assess(done, pods: [], typicalDuration: 300, now: now)
    #expect(finished.deadlineLeft == nil)
    #expect(finished.expectedEnd == nil)
  }

  @Test func onFailureCountsContainerRestarts() {
    var job = Job(metadata: ObjectMeta(name: "j"), backoffLimit: 3, startTime: now - 60)
    job.restartPolicy = "OnFailure"
    let pod = Pod(
      metadata: ObjectMeta(name: "p"), phase: "Running",
      containerStatuses: [ContainerStatus(name: "a", restartCount: 2)],
      initContainerStatuses: [ContainerStatus(name: "init", restartCount: 1)])
    let progress = JobProgress.assess(job, pods: [pod], typicalDuration: nil, now: now)
    #expect(progress.retriesUsed == 3)
    #expect(progress.countsRestarts)
  }

  @Test func indexedJobShowsDoneFailedAndRunning() throws {
    var job = Job(
      metadata: ObjectMeta(name: "ingest"), completions: 8, parallelism: 2,
      completionMode: "Indexed", completedIndexes: "0-2,4,6")
    job.failedIndexes = "3"
    let pods = [5, 7].map { index in
      Pod(
        metadata: ObjectMeta(
          name: "ingest-\(index)",
          annotations: ["batch.kubernetes.io/job-completion-index": "\(index)"]),
        phase: "Running")
    }
    let indexes = try #require(
      JobProgress.assess(job, pods: pods, typicalDuration: nil, now: now).indexes)
    #expect(indexes == JobProgress.IndexProgress(done: "0-2,4,6", failed: "3", running: "5,7"))
  }
}
