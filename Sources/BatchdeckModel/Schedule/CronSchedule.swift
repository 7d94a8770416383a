import Foundation

/// A parsed CronJob schedule, accepting and rejecting exactly what the Kubernetes CronJob
/// controller's cron library (robfig/cron v3, standard parser with descriptors) does.
///
/// Grammar: five fields `minute hour day-of-month month day-of-week`, each a comma-separated list
/// of `*`, `?`, `N`, `N-M`, optionally followed by `/step` (`N/step` means `N-max/step`); month
/// names `JAN`-`DEC` and weekday names `SUN`-`SAT` in any case; the descriptors `@yearly`,
/// `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly` and `@every <duration>`;
/// and an optional `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix (which Kubernetes rejects in new
/// objects but still honours; see ``hasTimeZonePrefix``).
public struct CronSchedule: Sendable, Hashable {
  /// The expression as written, prefix included.
  public let expression: String
  /// The fields, or the fixed delay of `@every`.
  let kind: Kind
  /// The zone named by a `TZ=`/`CRON_TZ=` prefix; `nil` when there is none (or it was `Local`).
  public let prefixZone: TimeZone?
  /// Whether the expression started with `TZ=` or `CRON_TZ=`.
  public let hasTimeZonePrefix: Bool

  /// What a schedule fires on.
  enum Kind: Sendable, Hashable {
    case fields(CronFields)
    /// `@every`: a fixed delay in whole seconds (at least 1).
    case every(seconds: Int64)
  }

  /// Parses `expression`; the error names the field at fault and says why.
  public static func parse(_ expression: String) throws(CronError) -> CronSchedule {
    if expression.isEmpty {
      throw CronError("empty spec string", hint: "the schedule is empty")
    }

    var spec = Substring(expression)
    var zone: TimeZone?
    let prefixed = spec.hasPrefix("TZ=") || spec.hasPrefix("CRON_TZ=")
    if prefixed {
      guard let space = spec.firstIndex(of: " "), let equals = spec.firstIndex(of: "=") else {
        throw CronError(
          "provided bad location: no schedule after the time zone prefix",
          hint: "write TZ=<zone> followed by a space and the schedule")
      }
      let name = String(spec[spec.index(after: equals)..<space])
      switch TimeZoneResolver.loadLocation(name) {
      case .success(let loaded): zone = loaded
      case .failure(let error):
        throw CronError(
          "provided bad location \(name): \(error.message)",
          hint: "the zone in the TZ= prefix must be an IANA name such as Europe/Berlin")
      }
      spec = trimmed(spec[space...])
    }

    let kind: Kind
    if spec.hasPrefix("@") {
      kind = try descriptor(String(spec))
    } else {
      kind = .fields(try fields(spec))
    }
    return CronSchedule(
      expression: expression, kind: kind, prefixZone: zone, hasTimeZonePrefix: prefixed)
  }

  /// The warning Kubernetes gives for a `TZ=`/`CRON_TZ=` prefix, or `nil` when there is none.
  ///
  /// The API server rejects such schedules in new CronJobs (`cannot use TZ or CRON_TZ in
  /// schedule, use timeZone field instead`); old objects keep working and the controller emits
  /// an `UnsupportedSchedule` event on every sync.
  public var timeZonePrefixWarning: String? {
    guard hasTimeZonePrefix || expression.contains("TZ") else { return nil }
    return "CRON_TZ or TZ used in schedule \"\(expression)\" is not officially supported; "
      + "the API rejects it in new CronJobs: set spec.timeZone instead"
  }

  private static func descriptor(_ spec: String) throws(CronError) -> Kind {
    let star = CronParser.all
    let hours = star(.hour)
    switch spec {
    case "@yearly", "@annually":
      return .fields(
        CronFields(minute: 1, hour: 1, dom: 1 << 1, month: 1 << 1, dow: star(.dayOfWeek)))
    case "@monthly":
      return .fields(
        CronFields(minute: 1, hour: 1, dom: 1 << 1, month: star(.month), dow: star(.dayOfWeek)))
    case "@weekly":
      return .fields(
        CronFields(minute: 1, hour: 1, dom: star(.dayOfMonth), month: star(.month), dow: 1))
    case "@daily", "@midnight":
      return .fields(
        CronFields(
          minute: 1, hour: 1, dom: star(.dayOfMonth), month: star(.month), dow: star(.dayOfWeek)))
    case "@hourly":
      return .fields(
        CronFields(
          minute: 1, hour: hours, dom: star(.dayOfMonth), month: star(.month), dow: star(.dayOfWeek)
        ))
    default:
      break
    }

    let every = "@every "
    guard spec.hasPrefix(every) else {
      throw CronError(
        "unrecognized descriptor: \(spec)",
        hint: "Kubernetes knows @yearly, @annually, @monthly, @weekly, @daily, @midnight, "
          + "@hourly and @every <duration>")
    }
    switch GoDuration.parse(String(spec.dropFirst(every.count))) {
    case .success(let nanoseconds):
      let second: Int64 = 1_000_000_000
      let seconds = nanoseconds < second ? 1 : nanoseconds / second
      return .every(seconds: seconds)
    case .failure(let error):
      throw CronError(
        "failed to parse duration \(spec): \(error.message)",
        hint: "a duration is a number with a unit, e.g. 90s, 10m or 1h30m")
    }
  }

  private static func fields(_ spec: Substring) throws(CronError) -> CronFields {
    let parts = spec.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map {
      Substring($0)
    }
    guard parts.count == 5 else {
      let listed = parts.joined(separator: " ")
      throw CronError(
        "expected exactly 5 fields, found \(parts.count): [\(listed)]",
        hint: "write minute hour day-of-month month day-of-week; seconds are not supported")
    }

    return CronFields(
      minute: try CronParser.field(parts[0], .minute),
      hour: try CronParser.field(parts[1], .hour),
      dom: try CronParser.field(parts[2], .dayOfMonth),
      month: try CronParser.field(parts[3], .month),
      dow: try CronParser.field(parts[4], .dayOfWeek))
  }

  private static func trimmed(_ text: Substring) -> Substring {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return Substring(scalars[first...last])
  }
}

/// The five fields of a schedule as bit sets (bit n set = value n matches), with
/// ``CronParser/starBit`` marking a field written as `*` or `?`.
struct CronFields: Sendable, Hashable {
  var minute: UInt64
  var hour: UInt64
  var dom: UInt64
  var month: UInt64
  var dow: UInt64

  /// Whether a day matches: both day fields when either was written as a star, else either one.
  @inline(__always)
  func dayMatches(day: Int, weekday: Int) -> Bool {
    let domMatch = dom & (1 << UInt64(day)) != 0
    let dowMatch = dow & (1 << UInt64(weekday)) != 0
    if (dom | dow) & CronParser.starBit != 0 {
      return domMatch && dowMatch
    }
    return domMatch || dowMatch
  }
}
