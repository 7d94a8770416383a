import Foundation
import KubeClient
import TestHTTPServer

/// A temporary folder for kubeconfig files, removed by `remove()`.
struct TempFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "batchdeck-kc-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `text` at `name` (creating folders) and returns the full path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let full = "\(path)/\(name)"
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    return full
  }

  /// Writes an executable script at `name` (see `ExecutableScript`) and returns its path.
  func writeExecutable(_ name: String, _ text: String) throws -> String {
    let full = "\(path)/\(name)"
    try ExecutableScript.write(text, to: full)
    return full
  }

  /// The contents of `name`.
  func file(_ name: String) -> Data {
    FileManager.default.contents(atPath: "\(path)/\(name)") ?? Data()
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Parses `text` as a kubeconfig at `path` and resolves it.
func resolve(_ text: String, path: String = "/home/dev/.kube/config", context: String? = nil)
  throws(KubeconfigError) -> ClusterConnection
{
  try KubeconfigParser.parse(text, path: path).connection(
    KubeconfigOverrides(context: context))
}

/// The error thrown by `body`, or `nil`.
func kubeconfigError(_ body: () throws -> Void) -> KubeconfigError? {
  do {
    try body()
    return nil
  } catch {
    return error as? KubeconfigError
  }
}
