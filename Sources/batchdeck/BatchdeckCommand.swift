import APIMachinery
import BatchdeckModel
import BatchdeckSync
import BatchdeckView
import ClusterSimulator
import CursesTerminal
import Foundation
import KubeClient
import KubeYAML
import Logging

/// The entry point: picks the subcommand, sets everything up before the terminal starts, and
/// tears it down in one place afterwards.
enum BatchdeckCommand {
  static let version = "0.1.0"

  static func run(_ arguments: [String]) -> Int32 {
    switch arguments.first {
    case "schedule": return ScheduleCommand.run(Array(arguments.dropFirst()))
    case "diagnose": return DiagnoseCommand.run(Array(arguments.dropFirst()))
    case "sim": return SimServeCommand.run(Array(arguments.dropFirst()))
    case "get": return GetCommand.run(Array(arguments.dropFirst()))
    case "bench": return BenchCommand.run(Array(arguments.dropFirst()))
    case "paths": return PathsCommand.run(Array(arguments.dropFirst()))
    default: break
    }
    let options: DashboardOptions
    do {
      options = try DashboardOptions.parse(arguments)
    } catch {
      return fail("batchdeck: \(error.message)")
    }
    if options.showHelp {
      print(DashboardOptions.usage)
      return 0
    }
    if options.showVersion {
      print("batchdeck \(version)")
      return 0
    }
    return runDashboard(options)
  }

  private static func runDashboard(_ options: DashboardOptions) -> Int32 {
    let logger = makeLogger(options)
    let settings = DashboardSettings.load(options: options, logger: logger)
    let themes = (chosen: settings.theme, monochrome: settings.monochrome)

    var source: ClusterSource
    do {
      source = try ClusterSource.make(options: options, logger: logger)
    } catch {
      return fail("batchdeck: \(error)")
    }
    source.start()
    defer { source.stop() }

    let terminal: Terminal
    do {
      terminal = try Terminal(allowsColor: !options.noColor)
    } catch {
      return fail("batchdeck: \(error.message)")
    }
    logger.info("dashboard started on \(terminal.size.width)x\(terminal.size.height)")
    var state = DashboardState(readOnly: settings.isReadOnly(context: source.context.context))
    settings.showNotes(in: &state)
    var current = options
    var signal: Int32?
    sessions: while true {
      var loop = DashboardLoop(
        watcher: source.watcher, logs: source.logs, actions: source.actions,
        views: source.views, clock: source.now,
        context: source.context, theme: themes.chosen, monochromeTheme: themes.monochrome,
        logger: logger, keys: settings.keys)
      loop.scope = source.watchScope(options: current)
      loop.mouse = settings.mouse
      switch loop.run(on: terminal, state: &state) {
      case .quit: break sessions
      case .signal(let received):
        signal = received
        break sessions
      case .switchSource(let request):
        SourceSwitch.perform(
          request, source: &source, options: &current, state: &state, logger: logger)
        state.readOnly = settings.isReadOnly(context: source.context.context)
      }
    }
    terminal.stop()
    if let signal {
      logger.info("ending on signal \(signal)")
      source.stop()
      TerminalSignals.terminate(reraising: signal)
    }
    logger.info("dashboard closed")
    return 0
  }

  private static func makeLogger(_ options: DashboardOptions) -> Logger {
    CommandLog.make(path: options.logFile, level: options.logLevel)
  }

  private static func fail(_ message: String) -> Int32 {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return 2
  }
}
