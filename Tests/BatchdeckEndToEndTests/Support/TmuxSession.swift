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
    try run([
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
    Int32(try run(["-L", socket, "list-panes", "-F", "#{pane_pid}"]).trimmingCharacters(
      in: .whitespacesAndNewlines))
  }

  /// Sends keys in tmux's notation (`j`, `Enter`, `Escape`, `C-c`).
  func send(_ keys: String...) throws {
    _ = try run(["-L", socket, "send-keys"] + keys)
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

  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.tmux)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
