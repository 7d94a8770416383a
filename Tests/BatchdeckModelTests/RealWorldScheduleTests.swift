import BatchdeckModel
import Foundation
import Testing

/// The schedule cases of `../shared/fixtures/realworld` (those with `expected.json`).
@Suite struct RealWorldScheduleTests {
  static let cases = FixturePaths.fixture("realworld/cases")

  struct Expected: Decodable {
    var now: String
    var cronjobs: [Job]
  }

  struct Job: Decodable {
    var name: String
    var schedule: String
    var timeZone: String?
    var now: String?
    var next: [String]?
    var error: String?
    var mostRecentDue: String?
    var slotsSinceLastSchedule: Int?
  }

  @Test(.enabled(if: cases != nil, "realworld fixtures are absent"))
  func everyScheduleCaseAgrees() throws {
    let folder = try #require(Self.cases)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    var checked = 0
    for name in names {
      let caseFolder = folder.appendingPathComponent(name)
      let file = caseFolder.appendingPathComponent("expected.json")
      guard let data = FileManager.default.contents(atPath: file.path) else { continue }
      let expected = try JSONDecoder().decode(Expected.self, from: data)
      let input = Self.input(caseFolder)
      for job in expected.cronjobs {
        // Timestamps are read from the input only when it holds a single CronJob.
        let single = expected.cronjobs.count == 1 ? input : ""
        check(job, now: job.now ?? expected.now, input: single, label: "\(name)/\(job.name)")
        checked += 1
      }
    }
    #expect(checked >= 15)
  }

  private func check(_ job: Job, now nowText: String, input: String, label: String) {
    let now = UTCText.parse(nowText)
    let made = Result { () throws(CronError) in
      try ControllerSchedule.make(schedule: job.schedule, timeZone: job.timeZone)
    }
    guard case .success(let schedule) = made, let now else {
      if case .failure(let error) = made {
        #expect(job.error == error.message, "\(label)")
      }
      return
    }

    let next = job.next ?? []
    let times = schedule.schedule.nextTimes(after: now, in: schedule.zone, count: next.count)
    #expect(times.map(UTCText.format) == next, "\(label)")
    if let error = job.error {
      let creation = Self.timestamp("creationTimestamp", in: input) ?? now
      #expect(throws: CronError.self, "\(label): \(error)") {
        try ScheduleTiming.mostRecent(
          schedule: schedule.schedule, zone: schedule.zone, now: now, creation: creation,
          lastSchedule: nil)
      }
      return
    }

    guard let slots = job.slotsSinceLastSchedule,
      let earliest = Self.timestamp("lastScheduleTime", in: input)
        ?? Self.timestamp("creationTimestamp", in: input)
    else { return }
    let due = ScheduleTiming.fireTimes(
      schedule: schedule.schedule, zone: schedule.zone, after: earliest, through: now)
    #expect(due.count == slots, "\(label)")
    #expect(due.last.map(UTCText.format) == job.mostRecentDue, "\(label)")
  }

  private static func input(_ folder: URL) -> String {
    for name in ["input.yaml", "input.json"] {
      let url = folder.appendingPathComponent(name)
      if let text = try? String(contentsOf: url, encoding: .utf8) { return text }
    }
    return ""
  }

  /// The first `key: "<RFC 3339>"` value in a YAML or JSON input.
  private static func timestamp(_ key: String, in text: String) -> Date? {
    guard let range = text.range(of: "\(key)\"?: *\"[0-9TZ:-]+\"", options: .regularExpression)
    else { return nil }
    let value = text[range].split(separator: "\"").last.map(String.init) ?? ""
    return UTCText.parse(value)
  }
}
