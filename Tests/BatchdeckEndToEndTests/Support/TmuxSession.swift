import Foundation

/// A private tmux server running one command at a fixed size, for driving the real binary
/// like a person would: send keys, read the screen.
final class TmuxSession {
  static let tmux = "/usr/bin/tmux"
  static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmux) }

  let socket: String
  let statusFile: String

  /// Starts `command` in a detached session of `width` × `height`; its exit status is written
  /// to `statusFile` when it ends, and the pane stays open so the screen can be read after.
  init(command: [String], width: Int, height: Int, environment: [String: String] = [:]) throws {
    socket = "batchdeck-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    statusFile = NSTemporaryDirectory() + "\(socket).status"
    let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let exports = environment.map { "export \($0.key)='\($0.value)'; " }.joined()
    let script =
      "\(exports)\(quoted.joined(separator: " ")); echo $? > '\(statusFile)'; "
      + "echo BATCHDECK-EXITED; sleep 30"
    try run(
      captureOutput: false,
      [
        "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y",
        String(height), "sh", "-c", script,
      ])
  }

  deinit {
    _ = try? run(["-L", socket, "kill-server"])
    try? FileManager.default.removeItem(atPath: statusFile)
  }

  /// The visible screen, one string per row.
  func screen() throws -> String {
    try run(["-L", socket, "capture-pane", "-p"])
  }

  /// The process id of the pane's shell, the parent of the command under test.
  func panePID() throws -> Int32? {
    Int32(
      try run(["-L", socket, "list-panes", "-F", "#{pane_pid}"]).trimmingCharacters(
        in: .whitespacesAndNewlines))
  }

  /// Sends keys in tmux's notation (`j`, `Enter`, `Escape`, `C-c`).
  func send(_ keys: String...) throws {
    _ = try run(["-L", socket, "send-keys"] + keys)
  }

  /// Sends `text` to the program byte for byte (no key names), such as a mouse report.
  func sendLiteral(_ text: String) throws {
    _ = try run(["-L", socket, "send-keys", "-l", text])
  }

  /// A tmux format for the pane, such as `#{mouse_sgr_flag}` (whether the program asked for
  /// mouse reports).
  func format(_ text: String) throws -> String {
    try run(["-L", socket, "display-message", "-p", text])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func resize(width: Int, height: Int) throws {
    _ = try run(["-L", socket, "resize-window", "-x", String(width), "-y", String(height)])
  }

  /// Waits until `predicate` holds for the screen, or `timeout` seconds pass; returns the
  /// last screen seen.
  @discardableResult
  func waitForScreen(timeout: Double = 10, _ predicate: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    repeat {
      last = try screen()
      if predicate(last) { return last }
      Thread.sleep(forTimeInterval: 0.1)
    } while Date() < deadline
    return last
  }

  /// The command's exit status once it has ended.
  func exitStatus(timeout: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
      if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
        let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return status
      }
      Thread.sleep(forTimeInterval: 0.1)
    } while Date() < deadline
    return nil
  }

  /// Runs tmux and returns what it printed.
  ///
  /// The command that starts the server goes through `posix_spawn` instead: the server it
  /// forks inherits Foundation's exit-watch descriptor, so `Process.waitUntilExit` would wait
  /// for the server to end too.
  @discardableResult
  private func run(captureOutput: Bool = true, _ arguments: [String]) throws -> String {
    guard captureOutput else {
      try Self.spawnAndWait([Self.tmux] + arguments)
      return ""
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.tmux)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  private static func spawnAndWait(_ arguments: [String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for descriptor: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(
        &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
    var exitStatus: Int32 = 0
    waitpid(pid, &exitStatus, 0)
  }
}
