import Foundation
import Testing

/// The describe, YAML and log views in a real terminal against `batchdeck sim serve`.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct DetailViewsTmuxTests {
  func session(_ server: SimServer, width: Int = 140, height: Int = 40) throws -> TmuxSession {
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    let home = NSTemporaryDirectory() + "batchdeck-views-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    return try TmuxSession(
      command: [binary, "--kubeconfig", server.kubeconfig, "-A"], width: width, height: height,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
  }

  @Test func describeShowsEventsAndYAMLShowsTheObjectsFields() throws {
    let server = try SimServer(["--speed", "20"])
    defer { server.stop() }
    let session = try session(server)
    try session.waitForScreen(timeout: 15) { $0.contains("log-cleanup") && $0.contains("live") }
    // The first CronJob row is default/log-cleanup, which creates a Job every virtual
    // minute: its events arrive while the view is open, as the view follows the snapshots.
    try session.send("d")
    let described = try session.waitForScreen(timeout: 30) { screen in
      screen.contains("Describe cronjob/log-cleanup") && screen.contains("SuccessfulCreate")
    }
    #expect(described.contains("Schedule:                      * * * * *"), "\(described)")
    #expect(described.contains("Events:"))
    #expect(described.contains("Type    Reason"))
    #expect(described.contains("cronjob-controller"))
    if SimServer.hasKubectl {
      // The lines both show read the same, character for character.
      let kubectl = try server.kubectl(["describe", "cronjob", "-n", "default", "log-cleanup"])
      #expect(kubectl.status == 0, "\(kubectl.stderr)")
      let shared = [
        "Name:", "Namespace:", "Labels:", "Annotations:", "Schedule:", "Concurrency Policy:",
        "Suspend:", "Successful Job History Limit:", "Failed Job History Limit:",
        "Starting Deadline Seconds:", "Pod Template:", "  Containers:", "   cleanup:",
      ]
      let lines = kubectl.stdout.split(separator: "\n").map(String.init)
      for label in shared {
        let line = try #require(lines.first { $0.hasPrefix(label) }, "kubectl prints \(label)")
        #expect(described.contains("│" + line), "kubectl's line \(line) is on screen")
      }
    }
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Describe cronjob") }
    try session.send("y")
    let yaml = try session.waitForScreen(timeout: 15) { $0.contains("schedule: '* * * * *'") }
    #expect(yaml.contains("YAML cronjob/log-cleanup"), "\(yaml)")
    #expect(yaml.contains("kind: CronJob"))
    #expect(yaml.contains("  name: log-cleanup"))
    try session.send("/", "c", "o", "n", "c", "u", "r", "Enter")
    let found = try session.waitForScreen { $0.contains("concurrencyPolicy: Allow") }
    #expect(!found.contains("no match"), "\(found)")
    try session.send("q")
    try session.waitForScreen { !$0.contains("YAML cronjob") }
    try comparePodDescribe(session: session, server: server)
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }

  /// Describes the selected pod and compares the lines kubectl prints for it too.
  func comparePodDescribe(session: TmuxSession, server: SimServer) throws {
    try session.send("Tab", "Tab", "d")
    let screen = try session.waitForScreen { $0.contains("Describe pod/") }
    let title = try #require(
      screen.range(of: #"Describe pod/[a-z0-9-]+"#, options: .regularExpression))
    let pod = String(screen[title].dropFirst("Describe pod/".count))
    #expect(screen.contains("│Name:             \(pod)"), "\(screen)")
    if SimServer.hasKubectl {
      let kubectl = try server.kubectl(["describe", "pod", "-n", "default", pod])
      #expect(kubectl.status == 0, "\(kubectl.stderr)")
      let top = kubectl.stdout.split(separator: "\n").map(String.init)
        .prefix { !$0.hasPrefix("Containers:") }
      #expect(top.count > 8)
      for line in top {
        #expect(screen.contains("│" + line), "kubectl's line \(line) is on screen")
      }
    }
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Describe pod/") }
  }

  @Test func theLogViewShowsThePodsLinesAndSavesThem() throws {
    let server = try SimServer([])
    defer { server.stop() }
    let session = try session(server)
    try session.waitForScreen(timeout: 15) { $0.contains("batch-processor") && $0.contains("live") }
    // Jobs pane; the first Job row is default/batch-processor: all of its pods' logs.
    try session.send("Tab")
    try session.send("l")
    let logs = try session.waitForScreen(timeout: 30) { $0.contains("picked up a task") }
    #expect(logs.contains("Logs job/batch-processor"), "\(logs)")
    #expect(logs.contains("following"))
    let line = try #require(
      logs.split(separator: "\n").first { $0.contains("picked up a task") })
    #expect(line.contains("│batch-processor-"), "each line starts with its pod: \(line)")
    try session.send("t")
    let stamped = try session.waitForScreen(timeout: 20) { screen in
      screen.range(
        of: #"batch-processor-\w+ \d{4}-\d\d-\d\dT[0-9:.]+Z "#, options: .regularExpression)
        != nil
    }
    #expect(stamped.contains("· timestamps"), "\(stamped)")
    let path = NSTemporaryDirectory() + "batchdeck-saved-\(UUID().uuidString).log"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try session.send("C-s")
    try session.waitForScreen { $0.contains("save to: batch-processor-") }
    for _ in 0..<60 { try session.send("BSpace") }
    try session.send("-l", path)
    try session.send("Enter")
    let saved = try session.waitForScreen { $0.contains("wrote ") }
    #expect(saved.contains(path), "\(saved)")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("picked up a task"))
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Logs job/") }
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }
}
