import Foundation

/// Times as read on a zone's wall clock, for people: `2026-03-08 02:30`.
public enum WallClock {
  /// The date and minute of `date` in `zone`.
  public static func text(_ date: Date, in zone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ value: Int?) -> String {
      let number = value ?? 0
      return number < 10 ? "0\(number)" : "\(number)"
    }
    return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) "
      + "\(two(parts.hour)):\(two(parts.minute))"
  }

  /// The zone's IANA name; the controller's default zone reads `UTC`.
  public static func zoneName(_ zone: TimeZone) -> String {
    ["GMT", "UTC", "Etc/UTC", "Etc/GMT"].contains(zone.identifier) ? "UTC" : zone.identifier
  }
}
