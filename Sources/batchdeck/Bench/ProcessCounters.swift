import Foundation

/// This process's own counters: CPU time from `getrusage` and memory from `/proc/self/status`.
enum ProcessCounters {
  /// User plus system CPU seconds used so far.
  static var cpuSeconds: Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double {
      Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  /// The peak resident set (`VmHWM`) in bytes; 0 where `/proc` is missing.
  static var peakResidentBytes: Int { statusField("VmHWM:") }

  /// The current resident set (`VmRSS`) in bytes.
  static var residentBytes: Int { statusField("VmRSS:") }

  private static func statusField(_ name: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in text.split(separator: "\n") where line.hasPrefix(name) {
      let digits = line.dropFirst(name.count).filter(\.isNumber)
      return (Int(String(digits)) ?? 0) * 1024
    }
    return 0
  }

  /// The median and the 99th percentile of `samples`.
  static func percentiles(_ samples: [Double]) -> (median: Double, p99: Double) {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return (0, 0) }
    func at(_ fraction: Double) -> Double {
      sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }
    return (at(0.5), at(0.99))
  }
}

/// A flat JSON object of numbers and strings, printed on one line for `Scripts/bench.sh`.
struct BenchFigures {
  private var fields: [(String, String)] = []

  mutating func set(_ key: String, _ value: Double) {
    fields.append((key, value.isFinite ? String(format: "%.6g", value) : "null"))
  }

  mutating func set(_ key: String, _ value: Int) { fields.append((key, String(value))) }

  mutating func set(_ key: String, _ value: String) {
    let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
    fields.append((key, "\"\(escaped)\""))
  }

  var json: String {
    "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }
}
