import APIMachinery
import BatchdeckModel
import Foundation
import KubeClient
import Logging

/// `batchdeck get cronjobs|jobs|pods [-n NS | -A] [-o wide|json] [--now TIME]
/// [--kubeconfig FILE] [--context NAME] [--log-file PATH] [--log-level LEVEL]`: one snapshot
/// of the cluster, printed as kubectl prints it plus Batchdeck's columns, then exit. Exit
/// status 0, 1 when the server or the connection failed, 2 for invalid input; messages go to
/// stderr.
enum GetCommand {
  static let usage = """
    usage: batchdeck get cronjobs|jobs|pods [-n NS | -A] [-o wide|json] [--now TIME]
                         [--kubeconfig FILE] [--context NAME]
                         [--log-file PATH] [--log-level LEVEL]

    Prints the objects once, with kubectl's columns; CronJobs also show what the schedule
    means, when it runs next and how its last Job ended.

      -n, --namespace NS     the namespace (default: the context's, else default)
      -A, --all-namespaces   every namespace
      -o wide|json           more columns, or the objects as a JSON List
      --now TIME             RFC 3339 instant that ages and next runs are computed from
      --kubeconfig FILE      the kubeconfig file (default: KUBECONFIG, then ~/.kube/config)
      --context NAME         the kubeconfig context (default: current-context)
      --log-file PATH        log the requests there (default: no log)
      --log-level LEVEL      trace, debug, info, warning or error (default: info)
    """

  enum Output: String {
    case table, wide, json
  }

  struct Options {
    var resource: APIResource = .cronJobs
    var output = Output.table
    var now = Date()
    var cluster = ClusterOptions()
    var logFile: String?
    var logLevel = LogLevel.info
  }

  static func run(_ arguments: [String]) -> Int32 {
    if arguments.contains("-h") || arguments.contains("--help") {
      print(usage)
      return 0
    }
    let options: Options
    do {
      options = try parse(arguments)
    } catch {
      return fail("batchdeck get: \(error.message)\n\(usage)", status: 2)
    }
    let connection: ClusterConnection
    do {
      connection = try options.cluster.connection()
    } catch {
      return fail("batchdeck: \(error)", status: 2)
    }
    for warning in connection.warnings { printError("Warning: \(warning)") }
    let logger = options.logFile.map { CommandLog.make(path: $0, level: options.logLevel) }
    let api = KubeAPI(
      transport: CurlTransport(connection: connection, logger: logger ?? .disabled))
    let namespace = options.cluster.scope(in: connection)
    func retrying<Value>(_ call: () throws(KubeError) -> Value) throws(KubeError) -> Value {
      try KubeAPI.retryingWhenAsked(
        onRetry: { error, wait in
          logger?.info("the server asked to retry in \(wait) s: \(error)")
        }, call)
    }
    do {
      let page = try retrying { () throws(KubeError) in
        try api.list(options.resource, namespace: namespace)
      }
      if options.output == .json {
        print(String(decoding: GetTables.jsonList(page.items), as: UTF8.self))
        return 0
      }
      var jobs: [Job] = []
      if options.resource == .cronJobs {
        jobs = try retrying { () throws(KubeError) in
          try api.list(.jobs, namespace: namespace)
        }.items.map(Job.init(wire:))
      }
      let table = GetTables.table(
        options.resource, items: page.items, jobs: jobs, now: options.now,
        wide: options.output == .wide, allNamespaces: namespace == nil)
      if table.isEmpty {
        printError(
          namespace.map { "No resources found in \($0) namespace." } ?? "No resources found")
      } else {
        print(table, terminator: "")
      }
      return 0
    } catch {
      return fail(error.description, status: 1)
    }
  }

  static func parse(_ arguments: [String]) throws(UsageError) -> Options {
    var options = Options()
    var cursor = ArgumentCursor(arguments)
    var resource: String?
    while let (flag, argument) = cursor.nextFlag() {
      if try options.cluster.take(flag, from: &cursor.remaining) { continue }
      switch flag {
      case "-o", "--output":
        let text = try cursor.value(for: flag)
        guard let output = Output(rawValue: text), output != .table else {
          throw UsageError(message: "-o must be wide or json, not \(text)")
        }
        options.output = output
      case "--now":
        let text = try cursor.value(for: flag)
        guard let date = RFC3339.parse(text) else {
          throw UsageError(message: "--now must be an RFC 3339 time such as 2026-01-01T00:00:00Z")
        }
        options.now = date
      case "--log-file": options.logFile = try cursor.value(for: flag)
      case "--log-level": options.logLevel = try cursor.logLevel(for: flag)
      default:
        guard !flag.hasPrefix("-"), resource == nil else {
          throw UsageError(message: "unknown option \(argument)")
        }
        resource = flag
      }
    }
    guard let resource else { throw UsageError(message: "say what to get: cronjobs, jobs or pods") }
    switch resource.lowercased() {
    case "cronjobs", "cronjob", "cj": options.resource = .cronJobs
    case "jobs", "job": options.resource = .jobs
    case "pods", "pod", "po": options.resource = .pods
    default:
      throw UsageError(message: "cannot get \(resource); choose cronjobs, jobs or pods")
    }
    if options.cluster.allNamespaces, options.cluster.namespace != nil {
      throw UsageError(message: "-n and -A cannot be used together")
    }
    return options
  }

  private static func fail(_ message: String, status: Int32) -> Int32 {
    printError(message)
    return status
  }

  static func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}
