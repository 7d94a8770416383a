import Foundation

/// Durations and ages written as kubectl writes them (apimachinery's `HumanDuration`).
public enum HumanDuration {
  /// Formats a duration: `45s`, `119s`, `2m30s`, `10m`, `3h4m`, `8h`, `2d1h`, `8d`, `2y1d`.
  public static func format(_ interval: TimeInterval) -> String {
    let seconds = Int64(interval.rounded(.towardZero))
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 120 { return "\(seconds)s" }
    let minutes = seconds / 60
    let leftoverSeconds = seconds % 60
    if minutes < 10 {
      return leftoverSeconds == 0 ? "\(minutes)m" : "\(minutes)m\(leftoverSeconds)s"
    }
    if minutes < 180 { return "\(minutes)m" }
    let hours = minutes / 60
    let leftoverMinutes = minutes % 60
    if hours < 8 { return leftoverMinutes == 0 ? "\(hours)h" : "\(hours)h\(leftoverMinutes)m" }
    if hours < 48 { return "\(hours)h" }
    if hours < 192 {
      let days = hours / 24
      return hours % 24 == 0 ? "\(days)d" : "\(days)d\(hours % 24)h"
    }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    let years = hours / 24 / 365
    if hours < 24 * 365 * 8 {
      let days = (hours / 24) % 365
      return days == 0 ? "\(years)y" : "\(years)y\(days)d"
    }
    return "\(years)y"
  }

  /// The age of `timestamp` at `now`, or `<unknown>` for a missing timestamp.
  public static func age(of timestamp: Date?, now: Date) -> String {
    guard let timestamp else { return "<unknown>" }
    return format(now.timeIntervalSince(timestamp))
  }
}
