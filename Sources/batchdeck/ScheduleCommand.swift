import APIMachinery
import BatchdeckModel
import Foundation

/// `batchdeck schedule [--time-zone ZONE] [--from TIME] [--count N] [--json] SCHEDULE`: the
/// schedule in words and its next fire times, exactly as the Kubernetes CronJob controller
/// computes them. Exit status 0 on success, 2 for invalid input (message on stderr).
///
/// Hidden: `--bench [--iterations N]` prints ``CronBenchmark`` figures (use a release build).
enum ScheduleCommand {
  static let usage = """
    usage: batchdeck schedule [--time-zone ZONE] [--from TIME] [--count N] [--json] SCHEDULE

    Prints what SCHEDULE means and when it fires next, as the Kubernetes CronJob controller
    computes it (robfig/cron v3 rules, daylight saving included).

      --time-zone ZONE  IANA zone, as spec.timeZone (default: the controller's zone, UTC)
      --from TIME       RFC 3339 instant to count from (default: now)
      --count N         how many fire times to list (default 5)
      --json            print one JSON object instead of text
      --                end of options; the rest is the schedule
      -h, --help        show this help

    Quote the schedule: batchdeck schedule --time-zone America/New_York '30 2 * * 1-5'
    """

  struct Options {
    var zone: String?
    var from = Date()
    var count = 5
    var json = false
    var bench = false
    var iterations = 200_000
    var words: [String] = []
  }

  struct UsageError: Error {
    let message: String
  }

  /// Runs the command with the arguments after `schedule`; returns the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    let options: Options
    do {
      options = try parse(arguments)
    } catch {
      printError("batchdeck schedule: \(error.message)\n\(usage)")
      return 2
    }

    if arguments.contains("--help") || arguments.contains("-h"), options.words.isEmpty {
      print(usage)
      return 0
    }
    if options.bench {
      for result in CronBenchmark.run(iterations: options.iterations) {
        print(String(format: "%12.0f next/s  %@", result.perSecond, result.schedule))
      }
      return 0
    }
    let expression = options.words.joined(separator: " ")
    guard !options.words.isEmpty else {
      printError("batchdeck schedule: missing SCHEDULE\n\(usage)")
      return 2
    }

    let controller: ControllerSchedule
    do {
      controller = try ControllerSchedule.make(schedule: expression, timeZone: options.zone)
    } catch {
      if options.json {
        print("{\"schedule\": \(quote(expression)), \"error\": \(quote(error.description))}")
      }
      printError("batchdeck schedule: invalid schedule \(quote(expression)): \(error)")
      return 2
    }
    report(controller, expression: expression, options: options)
    return 0
  }

  private static func report(
    _ controller: ControllerSchedule, expression: String, options: Options
  ) {
    let zone = controller.zone
    let zoneName = controller.schedule.prefixZone?.identifier ?? options.zone ?? "UTC"
    let description = controller.schedule.describe(zone: zone)
    let times = controller.schedule.nextTimes(after: options.from, in: zone, count: options.count)
    for warning in controller.warnings {
      printError("warning: \(warning)")
    }

    if options.json {
      let next = times.map { quote(TimeText.utc($0)) }.joined(separator: ", ")
      var fields = [
        "\"schedule\": \(quote(expression))", "\"timeZone\": \(quote(zoneName))",
        "\"description\": \(quote(description))", "\"next\": [\(next)]",
      ]
      if !controller.warnings.isEmpty {
        let warnings = controller.warnings.map(quote).joined(separator: ", ")
        fields.append("\"warnings\": [\(warnings)]")
      }
      print("{" + fields.joined(separator: ", ") + "}")
      return
    }

    print(description)
    for time in times {
      print("\(TimeText.utc(time))  \(TimeText.local(time, in: zone)) \(zoneName)")
    }
    if times.count < options.count {
      print("never")
    }
  }

  static func parse(_ arguments: [String]) throws(UsageError) -> Options {
    var options = Options()
    var index = 0
    func value(_ name: String) throws(UsageError) -> String {
      index += 1
      guard index < arguments.count else { throw UsageError(message: "\(name) needs a value") }
      return arguments[index]
    }

    while index < arguments.count {
      var argument = arguments[index]
      var inline: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        inline = String(argument[argument.index(after: equals)...])
        argument = String(argument[..<equals])
      }
      func take() throws(UsageError) -> String {
        if let inline { return inline }
        return try value(argument)
      }
      switch argument {
      case "--":
        options.words.append(contentsOf: arguments[(index + 1)...])
        index = arguments.count
      case "--time-zone": options.zone = try take()
      case "--from":
        let text = try take()
        guard let date = TimeText.parse(text) else {
          throw UsageError(message: "--from wants an RFC 3339 time such as 2026-03-08T07:00:00Z")
        }
        options.from = date
      case "--count", "--iterations":
        let text = try take()
        guard let number = Int(text), number >= 0, number <= 100_000_000 else {
          throw UsageError(message: "\(argument) wants a whole number, got \(text)")
        }
        if argument == "--count" { options.count = number } else { options.iterations = number }
      case "--json": options.json = true
      case "--bench": options.bench = true
      case "--help", "-h": break
      default:
        if argument.hasPrefix("-") && argument.count > 1 && !argument.hasPrefix("-1") {
          throw UsageError(message: "unknown option \(argument)")
        }
        options.words.append(arguments[index])
      }
      index += 1
    }
    return options
  }

  private static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// A JSON string literal.
  static func quote(_ text: String) -> String { JSONValue.string(text).jsonText }
}

/// RFC 3339 formatting and parsing for the command.
enum TimeText {
  /// `2026-03-08T07:00:00Z`.
  static func utc(_ date: Date) -> String {
    local(date, in: TimeZone(secondsFromGMT: 0) ?? .current)
  }

  /// `2026-03-08T02:00:00-05:00` (or `...Z` at offset zero).
  static func local(_ date: Date, in zone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second], from: date)
    let offset = zone.secondsFromGMT(for: date)
    let sign = offset < 0 ? "-" : "+"
    let suffix =
      offset == 0
      ? "Z" : String(format: "%@%02d:%02d", sign, abs(offset) / 3_600, abs(offset) / 60 % 60)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0) + suffix
  }

  /// Parses RFC 3339 with or without fractional seconds.
  static func parse(_ text: String) -> Date? {
    if let date = try? Date(text, strategy: .iso8601) { return date }
    let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    return try? Date(text, strategy: fractional)
  }
}
