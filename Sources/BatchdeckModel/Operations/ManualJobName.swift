import Foundation

/// The name of a Job run by hand from a CronJob: `<cronjob>-manual-<5 characters>`.
public enum ManualJobName {
  /// The characters Kubernetes uses for generated name suffixes (no vowels, no look-alikes).
  static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

  /// A name for a manual run of `cronJob`, at most 63 characters, its suffix derived from
  /// `seed` (the loop passes the time and a counter, tests a fixed value).
  public static func make(cronJob: String, seed: UInt64) -> String {
    var value = seed &* 0x9E37_79B9_7F4A_7C15
    var suffix = ""
    for _ in 0..<5 {
      value ^= value >> 29
      value = value &* 0xBF58_476D_1CE4_E5B9
      suffix.append(alphabet[Int(value % UInt64(alphabet.count))])
    }
    let stem = String(cronJob.prefix(63 - "-manual-".count - 5))
    return "\(stem)-manual-\(suffix)"
  }
}
