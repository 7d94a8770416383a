import Foundation

/// A `batchdeck sim serve` process for a test, and kubectl runs against it.
final class SimServer {
  /// kubectl, when installed.
  static let kubectl = "/usr/bin/kubectl"
  static var hasKubectl: Bool {
    FileManager.default.isExecutableFile(atPath: kubectl) && BatchdeckBinary.url != nil
  }

  let folder: URL
  let process = Process()
  var kubeconfig: String { folder.appendingPathComponent("kubeconfig").path }

  /// Starts the server with `arguments` and waits (at most 30 s) for its kubeconfig.
  init(_ arguments: [String]) throws {
    guard let binary = BatchdeckBinary.url else { throw CocoaError(.fileNoSuchFile) }
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("batchdeck-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    process.executableURL = binary
    process.arguments =
      [
        "sim", "serve", "--listen", "127.0.0.1:0", "--kubeconfig-out", kubeconfig,
        "--log-file", folder.appendingPathComponent("log").path,
      ] + arguments
    let errors = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errors)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: kubeconfig) {
      guard process.isRunning, Date() < deadline else {
        stop()
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        throw SimServerError(description: "sim serve did not start: \(text)")
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// Sends SIGTERM, waits up to 10 s, then SIGKILL; removes the folder.
  @discardableResult
  func stop() -> Int32 {
    if process.isRunning {
      process.terminate()
      let deadline = Date().addingTimeInterval(10)
      while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
      if process.isRunning {
        let log = folder.appendingPathComponent("log")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        print("sim serve did not stop on SIGTERM; log ends:\n" + text.suffix(3000))
        kill(process.processIdentifier, SIGKILL)
      }
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: folder)
    return process.terminationStatus
  }

  deinit { stop() }

  /// Runs kubectl against the server; stops it after `timeout` seconds (for `-w`, `-f`).
  func kubectl(_ arguments: [String], timeout: TimeInterval = 30) throws -> BatchdeckBinary.Output {
    let run = Process()
    run.executableURL = URL(fileURLWithPath: Self.kubectl)
    run.arguments =
      [
        "--kubeconfig", kubeconfig, "--cache-dir", folder.appendingPathComponent("cache").path,
        "--request-timeout", "20s",
      ] + arguments
    let out = Pipe()
    let err = Pipe()
    run.standardOutput = out
    run.standardError = err
    try run.run()
    let stderrData = LockedData()
    let readDone = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      stderrData.set(err.fileHandleForReading.readDataToEndOfFile())
      readDone.signal()
    }
    let finished = LockedData()
    Thread.detachNewThread { [run] in
      let deadline = Date().addingTimeInterval(timeout)
      while finished.get().isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
      if finished.get().isEmpty, run.isRunning { run.terminate() }
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    readDone.wait()
    run.waitUntilExit()
    finished.set(Data([1]))
    return BatchdeckBinary.Output(
      status: run.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderrData.get(), as: UTF8.self))
  }

  /// Polls `check` every 0.2 s for at most `timeout` seconds.
  func eventually(timeout: TimeInterval = 20, _ check: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if try check() { return true }
      Thread.sleep(forTimeInterval: 0.2)
    }
    return false
  }
}

struct SimServerError: Error, CustomStringConvertible {
  var description: String
}

/// Data written by one thread and read by another.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func set(_ value: Data) {
    lock.lock()
    data = value
    lock.unlock()
  }

  func get() -> Data {
    lock.lock()
    defer { lock.unlock() }
    return data
  }
}
