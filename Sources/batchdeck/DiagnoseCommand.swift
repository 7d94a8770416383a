import APIMachinery
import BatchdeckModel
import ClusterSimulator
import Foundation
import KubeClient
import KubeYAML

/// `batchdeck diagnose cronjob/NAME [-n NS] [--now TIME] [-o json] (--scenario PATH | --demo)`:
/// what is happening to one CronJob and why, with the evidence and the fix.
///
/// The objects are read over the API from the simulated cluster, loaded as a cluster stores
/// them (statuses kept, no create-time validation, so an invalid schedule can be diagnosed)
/// and not running, so `--now` can be any moment. Exit status 0 when the diagnosis ran, 2 for bad input or a
/// CronJob that does not exist.
enum DiagnoseCommand {
  static let usage = """
    usage: batchdeck diagnose cronjob/NAME [-n NAMESPACE] [--now TIME] [-o text|json]
                              (--scenario PATH | --demo)

    Says in plain words what is happening to a CronJob and why: an invalid schedule or zone,
    suspension, runs missed or late (startingDeadlineSeconds, more than 100 missed), a Forbid
    CronJob blocked by a stuck run, failed runs and their containers, the controller's
    warnings, and time-zone or daylight-saving surprises. Each finding has a severity, its
    evidence and a fix.

      -n, --namespace NS  the CronJob's namespace (default: default)
      --now TIME          the moment to diagnose at, RFC 3339 (default: now)
      -o, --output FMT    text (default) or json
      --scenario PATH     read the objects from Kubernetes manifests (file or folder)
      --demo              read them from the built-in demo scenario
    """

  struct Options {
    var name = ""
    var namespace = "default"
    var now = Date()
    var json = false
    var scenario: String?
    var demo = false
  }

  static func run(_ arguments: [String]) -> Int32 {
    let options: Options
    do {
      options = try parse(arguments)
    } catch {
      return fail(error.message)
    }
    if options.name.isEmpty {
      print(usage)
      return 0
    }
    let snapshot: ClusterSnapshot
    do {
      snapshot = try load(options)
    } catch {
      return fail(error.message)
    }
    guard
      let cronJob = snapshot.cronJobs.first(where: {
        $0.metadata.name == options.name && $0.metadata.namespace == options.namespace
      })
    else {
      return fail(
        "cronjobs.batch \"\(options.name)\" not found in namespace \(options.namespace)")
    }
    let diagnosis = Diagnosis.diagnose(cronJob, in: snapshot, now: options.now)
    print(
      options.json
        ? DiagnosisReport.json(diagnosis).jsonText
        : DiagnosisReport.text(diagnosis, now: options.now))
    return 0
  }

  private static func parse(_ arguments: [String]) throws(UsageError) -> Options {
    var options = Options()
    var remaining = arguments[...]
    func value(_ flag: String) throws(UsageError) -> String {
      guard let next = remaining.popFirst() else {
        throw UsageError(message: "\(flag) needs a value")
      }
      return next
    }
    while let argument = remaining.popFirst() {
      switch argument {
      case "-h", "--help": return Options()
      case "-n", "--namespace": options.namespace = try value(argument)
      case "--now":
        let text = try value(argument)
        guard let date = RFC3339.parse(text) else {
          throw UsageError(message: "--now must be an RFC 3339 time such as 2025-06-10T08:00:00Z")
        }
        options.now = date
      case "-o", "--output":
        let format = try value(argument)
        guard format == "json" || format == "text" else {
          throw UsageError(message: "-o must be text or json, not \(format)")
        }
        options.json = format == "json"
      case "--scenario": options.scenario = try value(argument)
      case "--demo": options.demo = true
      case _
      where argument.hasPrefix("cronjob/") || argument.hasPrefix("cronjobs/")
        || argument.hasPrefix("cj/"):
        options.name = String(argument.split(separator: "/", maxSplits: 1)[1])
      default:
        throw UsageError(
          message: "unexpected \(argument): name the CronJob as cronjob/NAME; see --help")
      }
    }
    guard options.name.isEmpty || options.scenario != nil || options.demo else {
      throw UsageError(message: "say where the objects are: --scenario PATH or --demo")
    }
    return options
  }

  /// Reads every batch object through the API of a simulated cluster holding the scenario.
  private static func load(_ options: Options) throws(UsageError) -> ClusterSnapshot {
    let simulator = Simulator(clock: .manual(start: options.now))
    do {
      if let path = options.scenario {
        let loader = ManifestLoader(validator: ManifestValidator(requiresJobTemplate: false))
        let manifests = try loader.load(path: path)
        try simulator.load(objects: manifests.map(\.object), asStored: true)
      } else {
        try simulator.loadDemoScenario()
      }
    } catch {
      throw UsageError(message: "\(error)")
    }
    let api = KubeAPI(transport: simulator.transport)
    do {
      return ClusterSnapshot(
        cronJobs: try api.list(.cronJobs).items.map(CronJob.init(wire:)),
        jobs: try api.list(.jobs).items.map(Job.init(wire:)),
        pods: try api.list(.pods).items.map(Pod.init(wire:)),
        events: try api.list(.events).items.map(Event.init(wire:)))
    } catch {
      throw UsageError(message: error.description)
    }
  }

  private static func fail(_ message: String) -> Int32 {
    FileHandle.standardError.write(Data("batchdeck diagnose: \(message)\n".utf8))
    return 2
  }
}
