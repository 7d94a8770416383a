import Foundation
import Testing

/// Contexts and namespaces against `batchdeck sim serve` through a kubeconfig: the context
/// picker rebuilds the live source, and a namespace outside the watched one is re-watched.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct LiveNavigationTests {
  /// The served kubeconfig plus a second context on the same cluster, in `ml-pipeline`.
  static func twoContexts(_ server: SimServer) throws -> String {
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    let second = """
      - name: ml-side
        context:
          cluster: batchdeck-sim
          user: batchdeck-sim
          namespace: ml-pipeline
      current-context:
      """
    let path = server.folder.appendingPathComponent("two-contexts").path
    try Data(text.replacingOccurrences(of: "current-context:", with: second).utf8)
      .write(to: URL(fileURLWithPath: path))
    return path
  }

  func start(_ server: SimServer) throws -> TmuxSession {
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    let home = server.folder.appendingPathComponent("home").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    return try TmuxSession(
      command: [binary, "--kubeconfig", try Self.twoContexts(server)], width: 140, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
  }

  @Test func theContextPickerSwitchesTheLiveSource() throws {
    let server = try SimServer([])
    defer { server.stop() }
    let session = try start(server)
    let first = try session.waitForScreen(timeout: 10) {
      $0.contains("log-cleanup") && $0.contains("context batchdeck-sim")
    }
    #expect(first.contains("namespace default"), "screen was:\n\(first)")
    #expect(!first.contains("embedding-sync"), "only default is watched")

    try session.send("c")
    let picker = try session.waitForScreen { $0.contains("Context (2)") }
    #expect(picker.contains("ml-side"), "screen was:\n\(picker)")
    try session.send("m", "l", "Enter")
    let switched = try session.waitForScreen(timeout: 10) {
      $0.contains("context ml-side") && $0.contains("embedding-sync")
    }
    #expect(switched.contains("namespace ml-pipeline"), "screen was:\n\(switched)")
    #expect(!switched.contains("log-cleanup  "), "default's CronJobs are gone:\n\(switched)")
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }

  @Test func aNamespaceOutsideTheWatchedOneIsReWatched() throws {
    let server = try SimServer([])
    defer { server.stop() }
    let session = try start(server)
    try session.waitForScreen(timeout: 10) { $0.contains("log-cleanup") }
    try session.send(":")
    // Completion knows the namespaces of the snapshot only (here: default), so type it all.
    try session.send("n", "s", "Space")
    try session.send("m", "l", "-", "p", "i", "p", "e", "l", "i", "n", "e", "Enter")
    let other = try session.waitForScreen(timeout: 10) {
      $0.contains("namespace ml-pipeline") && $0.contains("embedding-sync")
    }
    #expect(other.contains("embedding-sync"), "screen was:\n\(other)")
    try session.send("0")
    let all = try session.waitForScreen(timeout: 10) {
      $0.contains("namespace all") && $0.contains("embedding-sync") && $0.contains("log-cleanup")
    }
    #expect(all.contains("log-cleanup"), "every namespace is watched:\n\(all)")
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }
}
