import Foundation

/// What one container does when the kubelet stand-in runs it; see `PodBehaviour`.
struct ContainerBehaviour: Sendable, Equatable {
  /// A log line written `offset` seconds after the container started; `$(hostname)`,
  /// `$(date)` and `$VAR` are expanded when the line is written.
  struct Line: Sendable, Equatable {
    var offset: TimeInterval
    var text: String
  }

  var lines: [Line] = []
  var duration: TimeInterval = 0
  var exitCode: Int = 0
  /// The first N attempts fail (exit `exitCode`, or 1 when that is 0), later ones succeed.
  var failTimes: Int?
  /// Extra generated lines per second of run time.
  var linesPerSecond: Double?
  /// Set when the image cannot be pulled: the registry's error text.
  var imagePullError: String?
  /// Failing runs end as the kernel's OOM killer ends them: reason OOMKilled, exit 137.
  var oomKilled = false
}
