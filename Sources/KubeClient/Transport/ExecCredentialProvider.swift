import APIMachinery
import Foundation
import Synchronization

/// What an exec plugin returned: a bearer token or a client certificate and key.
public struct ExecCredential: Sendable, Equatable {
  public var token: String?
  public var clientCertificate: [UInt8]?
  public var clientKey: [UInt8]?
  /// When to run the plugin again; `nil` means the credential does not expire.
  public var expiration: Date?

  public init(
    token: String? = nil, clientCertificate: [UInt8]? = nil, clientKey: [UInt8]? = nil,
    expiration: Date? = nil
  ) {
    self.token = token
    self.clientCertificate = clientCertificate
    self.clientKey = clientKey
    self.expiration = expiration
  }
}

/// Runs a `client.authentication.k8s.io` exec plugin (v1 or v1beta1) and caches what it
/// returns until it expires or the server answers 401.
///
/// `interactiveMode` works as in client-go: `Never` gives the plugin no terminal, `IfAvailable`
/// (the default for v1beta1) gives it the terminal when standard input is one, `Always` fails
/// without one; `KUBERNETES_EXEC_INFO` says which (`spec.interactive`). An interactive plugin
/// gets the terminal as stdin and stderr (for its prompts); otherwise its stdin is empty and
/// its stderr is kept for the error message.
///
/// The dashboard owns the terminal once its screen starts: it runs the plugin before that
/// (`prepareBeforeScreen`) and then calls `releaseTerminal`, after which runs are not
/// interactive and `Always` fails with a message saying why.
public final class ExecCredentialProvider: Sendable {
  private let config: ExecConfig
  private let clusterInfo: [String: String]
  private let certificateAuthority: [UInt8]?
  private let clusterConfig: JSONValue?
  private let environment: [String: String]
  private let cached = Mutex<ExecCredential?>(nil)
  private let runs = Atomic<Int>(0)
  /// The terminal an interactive plugin may use: `nil` when there is none or the screen has it.
  private let terminal: Mutex<FileHandle?>
  private let terminalReleased = Atomic<Bool>(false)
  /// Why the run before the screen started failed, repeated in later messages.
  private let failureBeforeScreen = Mutex<TransportError?>(nil)

  /// - Parameter terminal: the terminal on standard input, if any (`standardInputTerminal`).
  public init(
    config: ExecConfig, connection: ClusterConnection,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    terminal: FileHandle? = ExecCredentialProvider.standardInputTerminal
  ) {
    self.terminal = Mutex(terminal)
    self.config = config
    self.clusterInfo = connection.execClusterInfo
    self.certificateAuthority = connection.tls.certificateAuthority
    self.clusterConfig = connection.execClusterConfig
    self.environment = environment
  }

  /// How often the plugin has run (for tests and logs).
  public var runCount: Int { runs.load(ordering: .relaxed) }

  /// The cached credential, or a fresh one when there is none or it expired.
  ///
  /// Threads asking at the same time wait for one run of the plugin.
  public func credential(now: Date = Date()) throws(TransportError) -> ExecCredential {
    try cached.withLock { (current: inout ExecCredential?) throws(TransportError) in
      if let current, current.expiration.map({ $0 > now }) ?? true { return current }
      let fresh = try run()
      current = fresh
      return fresh
    }
  }

  /// Forgets the cached credential, after the server refused it.
  public func invalidate() { cached.withLock { $0 = nil } }

  /// Standard input when it is a terminal.
  public static var standardInputTerminal: FileHandle? {
    isatty(0) == 1 ? FileHandle.standardInput : nil
  }

  /// The mode in effect: v1beta1 plugins without one are `IfAvailable`, as in client-go.
  public var interactiveMode: String { config.interactiveMode ?? "IfAvailable" }

  /// Whether a run now would get the terminal.
  public var isInteractive: Bool {
    interactiveMode != "Never" && terminal.withLock { $0 != nil }
  }

  /// Runs a plugin that may want the terminal now, while nothing else uses it; the error of a
  /// failed run is returned, and reported again on the first request.
  @discardableResult
  public func prepareBeforeScreen() -> TransportError? {
    guard isInteractive else { return nil }
    do {
      _ = try credential()
      return nil
    } catch {
      failureBeforeScreen.withLock { $0 = error }
      return error
    }
  }

  /// The screen takes the terminal: later runs are not interactive.
  public func releaseTerminal() {
    terminalReleased.store(true, ordering: .relaxed)
    terminal.withLock { $0 = nil }
  }

  private func run() throws(TransportError) -> ExecCredential {
    let input = interactiveMode == "Never" ? nil : terminal.withLock { $0 }
    if interactiveMode == "Always", input == nil {
      if terminalReleased.load(ordering: .relaxed) {
        let earlier = failureBeforeScreen.withLock { $0 }.map {
          " (before the screen started, it failed: \($0))"
        }
        throw .credentials(
          "exec plugin cannot support interactive mode: the dashboard's screen is using the "
            + "terminal; run kubectl (or batchdeck get) once to log in, then start the "
            + "dashboard again" + (earlier ?? ""))
      }
      throw .credentials(
        "exec plugin cannot support interactive mode: standard input is not a terminal")
    }
    guard let executable = locate(config.command) else {
      var message =
        "exec: executable \(config.command) not found\n\nIt looks like you are trying to use a "
        + "client-go credential plugin that is not installed."
      if let hint = config.installHint { message += "\n\n\(hint)" }
      throw .credentials(message)
    }
    runs.add(1, ordering: .relaxed)
    var env = environment
    for variable in config.env { env[variable.name] = variable.value }
    env["KUBERNETES_EXEC_INFO"] = execInfo(interactive: input != nil)
    let status: Int32
    let stdout: [UInt8]
    var stderr = Data()
    if let input {
      (status, stdout) = try ForegroundSpawn.run(
        executable, arguments: config.args, environment: env, input: input)
    } else {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = config.args
      process.environment = env
      let output = Pipe()
      let errors = Pipe()
      process.standardOutput = output
      process.standardInput = FileHandle.nullDevice
      process.standardError = errors
      do {
        try process.run()
      } catch {
        throw .credentials("exec: executable \(config.command) could not start: \(error)")
      }
      stdout = Array(output.fileHandleForReading.readDataToEndOfFile())
      stderr = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      status = process.terminationStatus
    }
    guard status == 0 else {
      let said = String(decoding: stderr, as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      throw .credentials(
        "exec: executable \(config.command) failed with exit code \(status)"
          + (said.isEmpty ? "" : ": \(said)"))
    }
    return try ExecCredentialParser.parse(stdout, apiVersion: config.apiVersion)
  }

  private func locate(_ command: String) -> String? {
    if command.contains("/") {
      return FileManager.default.isExecutableFile(atPath: command) ? command : nil
    }
    for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(folder)/\(command)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  private func execInfo(interactive: Bool) -> String {
    var spec: JSONValue = ["interactive": .bool(interactive)]
    if config.provideClusterInfo {
      var cluster = JSONValue.object(clusterInfo.mapValues { .string($0) })
      if let ca = certificateAuthority {
        cluster["certificate-authority-data"] = .string(Data(ca).base64EncodedString())
      }
      if let clusterConfig { cluster["config"] = clusterConfig }
      spec["cluster"] = cluster
    }
    let info: JSONValue = [
      "kind": "ExecCredential", "apiVersion": .string(config.apiVersion), "spec": spec,
    ]
    return String(decoding: info.serialized(), as: UTF8.self)
  }
}

/// Reads a plugin's ExecCredential output, with client-go's messages for each mistake.
enum ExecCredentialParser {
  static func parse(_ bytes: [UInt8], apiVersion: String) throws(TransportError)
    -> ExecCredential
  {
    let json: JSONValue
    do {
      json = try JSONValue.parse(bytes)
    } catch {
      throw .credentials("decoding stdout: \(error)")
    }
    let returned = json["apiVersion"]?.stringValue ?? ""
    guard returned == apiVersion else {
      throw .credentials(
        "exec plugin is configured to use API version \(apiVersion), plugin returned version "
          + (returned.isEmpty ? "<none>" : returned))
    }
    guard let status = json["status"], status.objectValue != nil else {
      throw .credentials("exec plugin didn't return a status field")
    }
    let token = status["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    let certificate = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
    let key = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
    if (certificate == nil) != (key == nil) {
      throw .credentials("exec plugin returned only certificate or key, not both")
    }
    if token == nil, certificate == nil {
      throw .credentials("exec plugin didn't return a token or cert/key pair")
    }
    let expiration = status["expirationTimestamp"]?.stringValue.flatMap(RFC3339.parse)
    return ExecCredential(
      token: token, clientCertificate: certificate, clientKey: key, expiration: expiration)
  }
}

/// Starts an interactive plugin in the terminal's foreground process group, with the terminal
/// as stdin and the caller's stderr. Foundation's `Process` starts children in a process group
/// of their own, where reading the terminal fails, so prompts could not be answered.
enum ForegroundSpawn {
  static func run(
    _ executable: String, arguments: [String], environment: [String: String], input: FileHandle
  ) throws(TransportError) -> (status: Int32, stdout: [UInt8]) {
    var pipeEnds: [Int32] = [-1, -1]
    guard pipe(&pipeEnds) == 0 else {
      throw .credentials("exec: cannot create a pipe for \(executable)")
    }
    // Closed in the child on exec (other spawns must not inherit them); dup2 keeps 0 and 1.
    for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input.fileDescriptor, 0)
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var child: pid_t = 0
    let started = posix_spawn(&child, executable, &actions, nil, argv, envp)
    close(pipeEnds[1])
    defer { close(pipeEnds[0]) }
    guard started == 0 else {
      throw .credentials(
        "exec: executable \(executable) could not start: \(String(cString: strerror(started)))")
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
      if count > 0 {
        output += buffer[..<count]
      } else if count == 0 || errno != EINTR {
        break
      }
    }
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0, errno == EINTR {}
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
  }
}
