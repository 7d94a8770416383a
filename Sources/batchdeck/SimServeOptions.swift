import APIMachinery
import ClusterSimulator
import Foundation
import Logging
import SimulatorServer

/// The options of `batchdeck sim serve`.
struct SimServeOptions {
  var host = "127.0.0.1"
  var port: UInt16 = 0
  var kubeconfigOut: String?
  var scenarioPath: String?
  var speed = 1.0
  var clockStart: Date?
  var paused = false
  var tls = false
  var faults = FaultPlan()
  var logFile: String?
  var logLevel = LogLevel.info
  var showHelp = false
  /// The scale scenario instead of the demo (`--scale` and its counts).
  var scale: ScaleScenario?

  static let usage = """
    Usage: batchdeck sim serve --kubeconfig-out FILE [--listen 127.0.0.1:PORT] [--scenario PATH]
                               [--speed N] [--clock TIME] [--paused] [--tls] [--faults JSON]
                               [--log-file FILE] [--log-level LEVEL]
                               [--scale [--cronjobs N] [--jobs N] [--pods N] [--namespaces N]
                                [--churn N]]

    Serves the simulated cluster on loopback until SIGINT or SIGTERM, so kubectl and Batchdeck
    can use it. FILE appears once the server listens and holds the server, token and (with
    --tls) the CA and client certificate.

      --listen ADDR        127.x.x.x:PORT; port 0 picks a free one (default 127.0.0.1:0).
      --kubeconfig-out F   Where to write the kubeconfig (required).
      --scenario PATH      Manifests (file or folder, YAML or JSON) instead of the demo scenario.
      --speed N            Virtual seconds per real second (default 1, as kubectl ages assume).
      --clock TIME         Start the virtual clock at TIME (RFC 3339).
      --paused             Run no controllers and keep the clock still: serve objects as loaded.
      --tls                HTTPS with a generated CA; clients must present the client certificate.
      --faults JSON        Initial fault plan (docs/sim-serve.md); also POST /batchdeck/v1/faults.
      --log-file FILE      Log file (default ~/.local/state/batchdeck/batchdeck.log).
      --log-level LEVEL    trace, debug, info, warning or error (default info).
      --scale              The benchmark's scale scenario: 1,000 CronJobs, 10,000 Jobs and
                           10,000 Pods over 20 namespaces, 100 changes a second; controllers
                           stay off. --cronjobs, --jobs, --pods, --namespaces, --churn (per
                           second) change the counts.
    """

  /// Parses the arguments after `sim serve`.
  static func parse(_ arguments: [String]) throws(UsageError) -> SimServeOptions {
    var options = SimServeOptions()
    var cursor = ArgumentCursor(arguments)
    func value(for flag: String) throws(UsageError) -> String { try cursor.value(for: flag) }
    while let (flag, argument) = cursor.nextFlag() {
      switch flag {
      case "--listen": (options.host, options.port) = try listen(try value(for: flag))
      case "--kubeconfig-out": options.kubeconfigOut = try value(for: flag)
      case "--scenario": options.scenarioPath = try value(for: flag)
      case "--speed": options.speed = try cursor.speed(for: flag)
      case "--clock": options.clockStart = try cursor.time(for: flag)
      case "--paused": options.paused = true
      case "--tls": options.tls = true
      case "--faults": options.faults = try faults(try value(for: flag))
      case "--log-file": options.logFile = try value(for: flag)
      case "--log-level": options.logLevel = try cursor.logLevel(for: flag)
      case "--scale": options.scale = options.scale ?? ScaleScenario()
      case "--cronjobs", "--jobs", "--pods", "--namespaces", "--churn":
        let text = try value(for: flag)
        guard let count = Int(text), count >= 0, count <= 10_000_000 else {
          throw UsageError(message: "\(flag) must be a count from 0 to 10000000, not \(text)")
        }
        var scale = options.scale ?? ScaleScenario()
        switch flag {
        case "--cronjobs": scale.cronJobs = max(1, count)
        case "--jobs": scale.jobs = count
        case "--pods": scale.pods = count
        case "--namespaces": scale.namespaces = max(1, count)
        default: scale.churnPerSecond = count
        }
        options.scale = scale
      case "-h", "--help": options.showHelp = true
      default:
        throw UsageError(message: "unknown option \(argument); see batchdeck sim serve --help")
      }
    }
    if !options.showHelp, options.kubeconfigOut == nil {
      throw UsageError(message: "--kubeconfig-out FILE is required")
    }
    return options
  }

  /// `127.x.x.x:PORT`; any other host is refused, the server being loopback only.
  static func listen(_ text: String) throws(UsageError) -> (String, UInt16) {
    guard let colon = text.lastIndex(of: ":") else {
      throw UsageError(message: "--listen must be HOST:PORT, such as 127.0.0.1:0, not \(text)")
    }
    let host = String(text[..<colon])
    guard let port = UInt16(text[text.index(after: colon)...]) else {
      throw UsageError(message: "--listen has an invalid port in \(text)")
    }
    let octets = host.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4, octets[0] == "127", octets.allSatisfy({ UInt8($0) != nil }) else {
      throw UsageError(
        message: "--listen must be a loopback address (127.x.x.x); \(host) is refused")
    }
    return (host, port)
  }

  private static func faults(_ text: String) throws(UsageError) -> FaultPlan {
    guard let json = try? JSONValue.parse(Array(text.utf8)) else {
      throw UsageError(message: "--faults must be a JSON object, such as {\"delayMs\":200}")
    }
    do {
      return try FaultPlan(json: json)
    } catch {
      throw UsageError(message: "--faults: \(error.message)")
    }
  }
}
