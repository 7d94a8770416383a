import APIMachinery
import BatchdeckModel
import ClusterSimulator
import Foundation
import KubeClient
import KubeYAML

/// `batchdeck diagnose cronjob/NAME|job/NAME [-n NS] [--now TIME] [-o json] [--kubeconfig F]
/// [--context C] [--scenario PATH | --demo]`: what is happening to one CronJob (or Job) and
/// why, with the evidence and the fix.
///
/// The objects are read over the API: from the kubeconfig's cluster, or from the simulated
/// cluster holding a scenario, loaded as a cluster stores them (statuses kept, no create-time
/// validation, so an invalid schedule can be diagnosed) and not running, so `--now` can be any
/// moment. Exit status 0 when the diagnosis ran, 2 for bad input or an object that does not
/// exist.
enum DiagnoseCommand {
  static let usage = """
    usage: batchdeck diagnose cronjob/NAME|job/NAME [-n NAMESPACE] [--now TIME] [-o text|json]
                              [--kubeconfig FILE] [--context NAME] [--scenario PATH | --demo]

    Says in plain words what is happening to a CronJob and why: an invalid schedule or zone,
    suspension, runs missed or late (startingDeadlineSeconds, more than 100 missed), a Forbid
    CronJob blocked by a stuck run, failed runs and their containers, the controller's
    warnings, history limits and TTLs, Jobs that look like its runs but are not, and
    time-zone or daylight-saving surprises. For a Job: a sidecar that keeps it running, why
    it failed, when its TTL deletes it. Each finding has a severity, its evidence and a fix.

      -n, --namespace NS  the CronJob's namespace (default: the context's, or default)
      --now TIME          the moment to diagnose at, RFC 3339 (default: now)
      -o, --output FMT    text (default) or json
      --kubeconfig FILE   the kubeconfig (default: KUBECONFIG, then ~/.kube/config)
      --context NAME      the kubeconfig context
      --scenario PATH     read the objects from Kubernetes manifests (file or folder) instead
      --demo              read them from the built-in demo scenario instead
    """

  /// Why the command stopped: the message and the exit status (1 for the server or the
  /// connection, 2 for the input or the kubeconfig).
  struct Failure: Error {
    var message: String
    var status: Int32
  }

  /// What to diagnose: `cronjob/NAME` or `job/NAME`.
  enum Target: Equatable {
    case cronJob(String)
    case job(String)

    init?(_ argument: String) {
      let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[1].isEmpty else { return nil }
      switch parts[0] {
      case "cronjob", "cronjobs", "cj": self = .cronJob(parts[1])
      case "job", "jobs": self = .job(parts[1])
      default: return nil
      }
    }
  }

  struct Options {
    var target: Target?
    var namespace: String?
    var cluster = ClusterOptions()
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
    guard let target = options.target else {
      print(usage)
      return 0
    }
    let source: (api: KubeAPI, namespace: String)
    let snapshot: ClusterSnapshot
    do {
      source = try api(for: options)
      snapshot = try read(source.namespace, from: source.api)
    } catch {
      return fail(error.message, status: error.status)
    }
    switch target {
    case .cronJob(let name):
      guard let cronJob = snapshot.cronJobs.first(where: { $0.metadata.name == name }) else {
        return fail("cronjobs.batch \"\(name)\" not found in namespace \(source.namespace)")
      }
      let logs = lastLines(of: cronJob, in: snapshot, from: source.api)
      let diagnosis = Diagnosis.diagnose(cronJob, in: snapshot, now: options.now, logs: logs)
      print(
        options.json
          ? DiagnosisReport.json(diagnosis).jsonText
          : DiagnosisReport.text(diagnosis, now: options.now))
    case .job(let name):
      guard let job = snapshot.jobs.first(where: { $0.metadata.name == name }) else {
        return fail("jobs.batch \"\(name)\" not found in namespace \(source.namespace)")
      }
      let diagnosis = Diagnosis.diagnose(job: job, in: snapshot, now: options.now)
      print(
        options.json
          ? DiagnosisReport.json(diagnosis).jsonText
          : diagnosis.lines.map(\.plainText).joined(separator: "\n"))
    }
    return 0
  }

  static func parse(_ arguments: [String]) throws(UsageError) -> Options {
    var options = Options()
    var cursor = ArgumentCursor(arguments)
    while let (flag, argument) = cursor.nextFlag() {
      if flag == "-A" || flag == "--all-namespaces" {
        throw UsageError(message: "\(flag) does not apply: diagnose one object, in one namespace")
      }
      if try options.cluster.take(flag, from: &cursor.remaining) { continue }
      switch flag {
      case "-h", "--help": return Options()
      case "--now":
        let text = try cursor.value(for: flag)
        guard let date = RFC3339.parse(text) else {
          throw UsageError(message: "--now must be an RFC 3339 time such as 2025-06-10T08:00:00Z")
        }
        options.now = date
      case "-o", "--output":
        let format = try cursor.value(for: flag)
        guard format == "json" || format == "text" else {
          throw UsageError(message: "-o must be text or json, not \(format)")
        }
        options.json = format == "json"
      case "--scenario": options.scenario = try cursor.value(for: flag)
      case "--demo": options.demo = true
      default:
        guard let target = Target(argument) else {
          throw UsageError(
            message: "unexpected \(argument): name the CronJob as cronjob/NAME; see --help")
        }
        options.target = target
      }
    }
    options.namespace = options.cluster.namespace
    return options
  }

  /// The API to read from and the namespace: the kubeconfig's cluster, or a simulated cluster
  /// holding the scenario (or the demo), loaded as stored and not running.
  private static func api(for options: Options) throws(Failure) -> (KubeAPI, String) {
    guard options.scenario != nil || options.demo else {
      do {
        let connection = try options.cluster.connection()
        for warning in connection.warnings {
          FileHandle.standardError.write(Data("Warning: \(warning)\n".utf8))
        }
        return (KubeAPI(transport: CurlTransport(connection: connection)), connection.namespace)
      } catch {
        throw Failure(message: "\(error)", status: 2)
      }
    }
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
      throw Failure(message: "\(error)", status: 2)
    }
    return (KubeAPI(transport: simulator.transport), options.namespace ?? "default")
  }

  /// Every batch object of one namespace.
  private static func read(_ namespace: String, from api: KubeAPI) throws(Failure)
    -> ClusterSnapshot
  {
    do {
      return ClusterSnapshot(
        cronJobs: try api.list(.cronJobs, namespace: namespace).items.map(CronJob.init(wire:)),
        jobs: try api.list(.jobs, namespace: namespace).items.map(Job.init(wire:)),
        pods: try api.list(.pods, namespace: namespace).items.map(Pod.init(wire:)),
        events: try api.list(.events, namespace: namespace).items.map(Event.init(wire:)))
    } catch {
      throw Failure(message: error.description, status: 1)
    }
  }

  /// The last lines of the failing pods of the newest failed run, to quote as evidence; a log
  /// that cannot be read is left out.
  private static func lastLines(
    of cronJob: CronJob, in snapshot: ClusterSnapshot, from api: KubeAPI
  ) -> [String: [String]] {
    guard let failed = snapshot.jobs(of: cronJob).first(where: { $0.conditions.isTrue("Failed") })
    else { return [:] }
    var logs: [String: [String]] = [:]
    for pod in snapshot.pods(of: failed) where pod.failureDetail != nil {
      var lines: [String] = []
      try? api.streamLog(
        namespace: pod.metadata.namespace, pod: pod.metadata.name,
        container: pod.containers.first?.name, tailLines: 5, follow: false
      ) { line in
        lines.append(line)
        return .proceed
      }
      if !lines.isEmpty { logs[pod.metadata.name] = lines }
    }
    return logs
  }

  private static func fail(_ message: String, status: Int32 = 2) -> Int32 {
    FileHandle.standardError.write(Data("batchdeck diagnose: \(message)\n".utf8))
    return status
  }
}
