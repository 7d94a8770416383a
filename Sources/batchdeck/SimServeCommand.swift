import ClusterSimulator
import Foundation
import KubeYAML
import Logging
import SimulatorServer
import Synchronization

/// The signal that asked `sim serve` to stop, 0 until one arrives.
private let stopSignal = Atomic<Int32>(0)

/// `batchdeck sim serve`: the simulated cluster over HTTP(S) on loopback.
enum SimServeCommand {
  /// Runs `batchdeck sim ...`; returns the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    guard arguments.first == "serve" else {
      return fail("usage: batchdeck sim serve --kubeconfig-out FILE [options]; see --help")
    }
    let options: SimServeOptions
    do {
      options = try SimServeOptions.parse(Array(arguments.dropFirst()))
    } catch {
      return fail("batchdeck sim serve: \(error.message)")
    }
    if options.showHelp {
      print(SimServeOptions.usage)
      return 0
    }
    do {
      try serve(options)
      return 0
    } catch {
      return fail("batchdeck sim serve: \(error.description)")
    }
  }

  private static func serve(_ options: SimServeOptions) throws(SimServeError) {
    let logger = makeLogger(options)
    let simulator = try makeSimulator(options, logger: logger)
    let token = SimKubeconfig.makeToken()
    var certificates: GeneratedCertificates?
    var tls: TLSContext?
    if options.tls {
      do {
        let generated = try GeneratedCertificates.generate()
        certificates = generated
        tls = try TLSContext(
          certificate: generated.serverCertificate, key: generated.serverKey,
          clientCA: generated.caCertificate)
      } catch let error as CredentialError {
        throw SimServeError(description: error.description)
      } catch {
        throw SimServeError(description: "\(error)")
      }
    }
    defer { certificates?.discard() }
    let gateway = APIGateway(
      simulator: simulator, token: token, faults: options.faults, logger: logger.labeled("http"))
    let server: HTTPServer
    do {
      server = try HTTPServer(
        host: options.host, port: options.port, tls: tls, handler: gateway,
        logger: logger.labeled("http"))
    } catch {
      throw SimServeError(description: error.description)
    }
    gateway.onGoAway { [server] seconds in server.goAway(for: seconds) }
    defer { server.stop() }
    let churn = options.scale.map { ScaleChurn(simulator: simulator, scenario: $0) }
    if options.scale == nil, !options.paused { simulator.start() }
    if !options.paused { churn?.start() }
    defer {
      churn?.stop()
      simulator.stop()
    }
    let scheme = options.tls ? "https" : "http"
    let url = "\(scheme)://\(options.host):\(server.port)"
    let kubeconfig = options.kubeconfigOut ?? "kubeconfig"
    do {
      let text = try SimKubeconfig.render(
        server: url + gateway.pathPrefix, token: token, certificates: certificates)
      try SimKubeconfig.write(text, to: kubeconfig)
    } catch {
      throw SimServeError(description: error.description)
    }
    logger.info("serving \(url), kubeconfig \(kubeconfig)")
    FileHandle.standardError.write(Data("batchdeck sim serve: serving \(url)\n".utf8))
    signal(SIGINT) { stopSignal.store($0, ordering: .relaxed) }
    signal(SIGTERM) { stopSignal.store($0, ordering: .relaxed) }
    var stopping = sigset_t()
    sigemptyset(&stopping)
    sigaddset(&stopping, SIGINT)
    sigaddset(&stopping, SIGTERM)
    // A parent may start us with these blocked (the mask survives exec).
    pthread_sigmask(SIG_UNBLOCK, &stopping, nil)
    while stopSignal.load(ordering: .relaxed) == 0 {
      Thread.sleep(forTimeInterval: 0.1)
    }
    logger.info("stopping on signal \(stopSignal.load(ordering: .relaxed))")
  }

  private static func makeSimulator(_ options: SimServeOptions, logger: Logger)
    throws(SimServeError) -> Simulator
  {
    let start = options.clockStart ?? Date()
    let clock =
      options.paused
      ? VirtualClock.manual(start: start) : VirtualClock(start: start, speed: options.speed)
    let simulator = Simulator(clock: clock, logger: logger.labeled("sim"))
    if let scale = options.scale {
      do {
        try simulator.load(scale: scale)
      } catch {
        throw SimServeError(description: "the scale scenario did not load: \(error)")
      }
      logger.info("loaded the scale scenario \(scale)")
      return simulator
    }
    guard let path = options.scenarioPath else {
      do {
        try simulator.loadDemoScenario()
      } catch {
        throw SimServeError(description: "the demo scenario did not load: \(error)")
      }
      return simulator
    }
    let manifests: [Manifest]
    do {
      let validator = ManifestValidator(requiresJobTemplate: false)
      manifests = try ManifestLoader(validator: validator).load(path: path)
    } catch {
      throw SimServeError(description: "\(error)")
    }
    guard !manifests.isEmpty else {
      throw SimServeError(description: "\(path) holds no Kubernetes objects")
    }
    do {
      try simulator.load(objects: manifests.map(\.object), asStored: true)
    } catch {
      throw SimServeError(description: "the scenario was refused: \(error)")
    }
    logger.info("loaded scenario \(path)")
    return simulator
  }

  private static func makeLogger(_ options: SimServeOptions) -> Logger {
    CommandLog.make(path: options.logFile, level: options.logLevel)
  }

  private static func fail(_ message: String) -> Int32 {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return 2
  }
}

/// Why `sim serve` could not run, in words for the command line.
struct SimServeError: Error, CustomStringConvertible {
  var description: String
}
