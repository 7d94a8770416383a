import Testing

@testable import batchdeck

/// When the dashboard loop draws, on a clock the test moves by hand (no real time passes).
@Suite struct RedrawPolicyTests {
  let data = RedrawPolicy.DataVersion(snapshot: 1, logs: 0)
  let newer = RedrawPolicy.DataVersion(snapshot: 2, logs: 0)

  @Test func newDataWaitsForTheDataIntervalAndNothingWaitsForTheTick() {
    var policy = RedrawPolicy()
    #expect(policy.isDue(now: 0, data: data), "the first frame is due at once")
    policy.drew(at: 10, data: data)
    #expect(!policy.isDue(now: 10.5, data: data), "nothing changed and no tick yet")
    #expect(!policy.isDue(now: 10.1, data: newer), "new data waits for the data interval")
    #expect(policy.isDue(now: 10 + policy.dataInterval, data: newer))
    #expect(policy.isDue(now: 10 + policy.tickInterval, data: data), "the clock ticks")
    let logs = RedrawPolicy.DataVersion(snapshot: 1, logs: 1)
    #expect(policy.isDue(now: 10 + policy.dataInterval, data: logs), "log lines count as data")
  }

  @Test func inputIsDrawnWithinTheFrameCap() {
    var policy = RedrawPolicy()
    policy.drew(at: 0, data: data)
    policy.noteInput()
    #expect(!policy.isDue(now: policy.frameInterval / 2, data: data))
    #expect(policy.isDue(now: policy.frameInterval, data: data))
    policy.drew(at: policy.frameInterval, data: data)
    #expect(!policy.isDue(now: policy.frameInterval * 3, data: data), "input was drawn")
  }
}
