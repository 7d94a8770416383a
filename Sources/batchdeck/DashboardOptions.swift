import Foundation
import Logging

/// A command-line mistake: the message says what was wrong and what to do.
struct UsageError: Error, CustomStringConvertible {
  var message: String

  var description: String { message }
}

/// The options of the dashboard command, parsed before the terminal starts.
struct DashboardOptions {
  /// Run against the built-in simulated cluster instead of the kubeconfig's cluster.
  var demo = false
  /// Which real cluster, user and namespaces to watch.
  var cluster = ClusterOptions()
  /// Kubernetes manifests to load into the simulated cluster instead of the demo scenario.
  var scenarioPath: String?
  /// How many virtual seconds pass per real second.
  var speed = 10.0
  /// Where the virtual clock starts; now when unset.
  var clockStart: Date?
  var theme: String?
  var noColor = false
  /// Leave the mouse to the terminal (for selecting text); also `mouse: false` in the config.
  var noMouse = false
  /// Hide and refuse every action that changes the cluster.
  var readOnly = false
  var logFile: String?
  var logLevel = LogLevel.info
  var showHelp = false
  var showVersion = false

  static let usage = """
    Usage: batchdeck [--kubeconfig FILE] [--context NAME] [-n NS | -A] [--theme NAME]
                     [--readonly] [--no-color] [--no-mouse] [--log-file PATH]
                     [--log-level LEVEL]
           batchdeck --demo [--scenario PATH] [--speed N] [--clock TIME] [...]
           batchdeck get cronjobs|jobs|pods [-n NS | -A] [-o wide|json] [--now TIME]
           batchdeck schedule [--time-zone ZONE] [--from TIME] [--count N] [--json] SCHEDULE
       batchdeck diagnose cronjob/NAME [-n NS] [--now TIME] [-o json] [--scenario PATH | --demo]
           batchdeck sim serve --kubeconfig-out FILE [options]   (see sim serve --help)
           batchdeck paths
           batchdeck --help | --version

    A terminal dashboard for Kubernetes CronJobs, Jobs and Pods.

    Options:
      --kubeconfig FILE  The kubeconfig (default: KUBECONFIG, then ~/.kube/config, then the
                         pod's service account).
      --context NAME     The kubeconfig context (default: its current-context).
      -n NS              Watch one namespace (default: the context's, else default).
      -A                 Watch every namespace (also --all-namespaces).
      --demo             Watch the built-in simulated cluster instead.
      --scenario PATH    Load Kubernetes manifests (a YAML or JSON file, or a folder of them)
                         into the simulated cluster instead of the demo scenario.
      --speed N          Virtual seconds per real second for the simulated cluster (default 10).
      --clock TIME       Start the simulated clock at TIME (RFC 3339, e.g. 2026-01-01T00:00:00Z).
      --theme NAME       A theme from Themes/ or a path to a theme file (also BATCHDECK_THEME).
      --readonly         Hide and refuse every action that changes the cluster.
      --no-color         Use attributes only (also NO_COLOR).
      --no-mouse         Leave the mouse to the terminal, for selecting text.
      --log-file PATH    Where to write the log (default: $XDG_STATE_HOME/batchdeck/batchdeck.log).
      --log-level LEVEL  trace, debug, info, warning or error (default: info).

    Keys: arrows or j/k move, Tab changes pane, Enter drills down, Esc goes back, l shows the
    log of the latest run (d describes, y shows YAML), w explains a CronJob or Job (why),
    s suspends or resumes, t triggers a CronJob, Ctrl-d deletes, Ctrl-k kills a pod (each
    asks first), Space marks rows, / filters, : runs a command (Tab completes), n and c pick
    a namespace and a context, 0 shows every namespace, Shift+N/A/S sort, ? lists every key,
    q quits.

    Settings: $XDG_CONFIG_HOME/batchdeck/config.yaml (batchdeck paths shows where).
    """

  /// Parses arguments (without the program name).
  static func parse(_ arguments: [String]) throws(UsageError) -> DashboardOptions {
    var options = DashboardOptions()
    var cursor = ArgumentCursor(arguments)
    func value(for flag: String) throws(UsageError) -> String { try cursor.value(for: flag) }
    while let (flag, argument) = cursor.nextFlag() {
      if try options.cluster.take(flag, from: &cursor.remaining) { continue }
      switch flag {
      case "--demo": options.demo = true
      case "--scenario":
        options.scenarioPath = try value(for: flag)
        options.demo = true
      case "--speed": options.speed = try cursor.speed(for: flag)
      case "--clock": options.clockStart = try cursor.time(for: flag)
      case "--theme": options.theme = try value(for: flag)
      case "--no-color": options.noColor = true
      case "--no-mouse": options.noMouse = true
      case "--readonly", "--read-only": options.readOnly = true
      case "--log-file": options.logFile = try value(for: flag)
      case "--log-level": options.logLevel = try cursor.logLevel(for: flag)
      case "-h", "--help": options.showHelp = true
      case "--version": options.showVersion = true
      default:
        throw UsageError(message: "unknown option \(argument); see batchdeck --help")
      }
    }
    if options.cluster.allNamespaces, options.cluster.namespace != nil {
      throw UsageError(message: "-n and -A cannot be used together")
    }
    return options
  }
}
