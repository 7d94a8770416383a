import Foundation

/// Turns a CronJob's `spec.timeZone` into the zone its schedule is evaluated in, with the
/// Kubernetes validation rules and Go's `time.LoadLocation` semantics.
public enum TimeZoneResolver {
  /// UTC, the zone of kube-controller-manager on standard clusters.
  public static let utc = TimeZone(secondsFromGMT: 0) ?? TimeZone.current

  /// The zone for `spec.timeZone`: `nil` (unset) means `controllerZone`; an invalid or
  /// unknown name throws the API server's validation message (e.g.
  /// `unknown time zone Mars/Olympus`).
  public static func resolve(
    _ timeZone: String?, controllerZone: TimeZone = utc
  ) throws(CronError) -> TimeZone {
    guard let timeZone else { return controllerZone }
    if let error = validate(timeZone) { throw error }
    switch loadLocation(timeZone) {
    case .success(let zone): return zone ?? controllerZone
    case .failure(let error):
      throw CronError(error.message, hint: hint)
    }
  }

  /// The validation error Kubernetes gives for `spec.timeZone == name`, or `nil` when valid.
  ///
  /// Rules: not empty; each `/`-separated part is 1-14 of `A-Z a-z 0-9 . - _ +`, not `.` or
  /// `..`, and does not start with `-`; not `Local` in any case; loads from the tz database.
  public static func validate(_ name: String) -> CronError? {
    if name.isEmpty {
      return CronError("timeZone must be nil or non-empty string", hint: hint)
    }
    for part in name.split(separator: "/", omittingEmptySubsequences: false) {
      let allowed = part.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
          UInt8(ascii: "_"), UInt8(ascii: "+"):
          return true
        default:
          return false
        }
      }
      let invalid =
        part == "." || part == ".." || part.hasPrefix("-") || !allowed || part.isEmpty
        || part.utf8.count > 14
      if invalid {
        return CronError("unknown time zone \(name)", hint: hint)
      }
    }
    if name.lowercased() == "local" {
      return CronError(
        "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        hint: hint)
    }
    if case .failure(let error) = loadLocation(name) {
      return CronError(error.message, hint: hint)
    }
    return nil
  }

  private static let hint = "use an IANA time zone name such as America/New_York or UTC"

  /// Go's `time.LoadLocation`: `""` and `UTC` are UTC, `Local` is the caller's zone (`nil`),
  /// anything else must be a zone file in the tz database.
  static func loadLocation(_ name: String) -> Result<TimeZone?, ZoneLoadError> {
    if name.isEmpty || name == "UTC" { return .success(utc) }
    if name == "Local" { return .success(nil) }
    if name.contains("..") || name.hasPrefix("/") || name.hasPrefix("\\") {
      return .failure(ZoneLoadError(message: "time: invalid location name"))
    }
    return LoadedZones.shared.load(name)
  }
}

/// Why a zone name did not load, in Go's words.
struct ZoneLoadError: Error, Sendable, Equatable {
  let message: String
}

/// Zones already looked up, so the tz database is read once per name.
private final class LoadedZones: @unchecked Sendable {
  static let shared = LoadedZones()

  private let lock = NSLock()
  private var loaded: [String: Result<TimeZone?, ZoneLoadError>] = [:]
  private let directories = [
    "/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/",
  ]

  func load(_ name: String) -> Result<TimeZone?, ZoneLoadError> {
    lock.lock()
    defer { lock.unlock() }
    if let known = loaded[name] { return known }

    let result = lookUp(name)
    loaded[name] = result
    return result
  }

  private func lookUp(_ name: String) -> Result<TimeZone?, ZoneLoadError> {
    let unknown = ZoneLoadError(message: "unknown time zone \(name)")
    let manager = FileManager.default
    let haveDatabase = directories.contains { manager.fileExists(atPath: $0) }
    if haveDatabase {
      let isZoneFile = directories.contains { directory in
        guard let handle = FileHandle(forReadingAtPath: directory + name) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data("TZif".utf8)
      }
      guard isZoneFile else { return .failure(unknown) }
    }
    guard let zone = TimeZone(identifier: name) else { return .failure(unknown) }
    return .success(zone)
  }
}
