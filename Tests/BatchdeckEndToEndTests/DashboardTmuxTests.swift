import Foundation
import Testing

/// Runs the built binary in a real terminal (tmux at 120×40) and uses it from the keyboard.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct DashboardTmuxTests {
  let home = NSTemporaryDirectory() + "batchdeck-e2e-\(getpid())"

  func start(_ arguments: [String] = [], width: Int = 120) throws -> TmuxSession {
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    return try TmuxSession(
      command: [binary, "--demo"] + arguments, width: width, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
  }

  @Test func showsLivePanesThenDrillsDownAndQuits() throws {
    let session = try start()
    let first = try session.waitForScreen(timeout: 15) { screen in
      screen.contains("CronJobs (") && screen.contains("log-cleanup")
        && screen.contains("Jobs all") && screen.contains("Pods of job/")
        && screen.contains("Logs ")
    }
    #expect(first.contains("CronJobs ("), "screen was:\n\(first)")
    #expect(first.contains("Jobs all"))
    #expect(first.contains("%"), "a progress column is shown")

    let logLines = { (screen: String) -> Int in
      Int(screen.firstMatch(of: /\((\d+) lines\)/)?.1 ?? "0") ?? 0
    }
    let grown = try session.waitForScreen(timeout: 20) { logLines($0) > logLines(first) }
    #expect(logLines(grown) > logLines(first), "the log tail grows:\n\(grown)")

    try session.send("j")
    try session.send("Enter")
    let drilled = try session.waitForScreen { $0.contains("Jobs of cronjob/") }
    #expect(drilled.contains("Jobs of cronjob/"), "screen was:\n\(drilled)")

    try session.send("Escape")
    let back = try session.waitForScreen { $0.contains("Jobs all") }
    #expect(back.contains("Jobs all"))

    try session.send("q")
    #expect(session.exitStatus() == 0)
    let after = try session.waitForScreen { $0.contains("BATCHDECK-EXITED") }
    #expect(!after.contains("CronJobs ("), "the alternate screen was left:\n\(after)")
  }

  /// The SUSPEND column of the log-cleanup CronJob, as shown (160 columns wide: narrower
  /// screens drop it for STATE).
  static func suspendOfLogCleanup(_ screen: String) -> String? {
    screen.firstMatch(of: /log-cleanup +\* \* \* \* \* +<none> +(True|False)/).map { String($0.1) }
  }

  @Test func suspendAsksFirstAndEscapeChangesNothing() throws {
    let session = try start(width: 160)
    let first = try session.waitForScreen(timeout: 15) { Self.suspendOfLogCleanup($0) != nil }
    #expect(Self.suspendOfLogCleanup(first) == "False", "screen was:\n\(first)")

    try session.send("s")
    let asked = try session.waitForScreen { $0.contains("Suspend cronjob/log-cleanup") }
    #expect(asked.contains("spec.suspend: False → True"), "screen was:\n\(asked)")
    try session.send("Escape")
    let cancelled = try session.waitForScreen { !$0.contains("Suspend cronjob/log-cleanup") }
    #expect(!cancelled.contains("Suspend cronjob/log-cleanup"))
    Thread.sleep(forTimeInterval: 1)
    let after = try session.screen()
    #expect(Self.suspendOfLogCleanup(after) == "False", "Esc changed nothing:\n\(after)")

    try session.send("s")
    try session.waitForScreen { $0.contains("Suspend cronjob/log-cleanup") }
    try session.send("Enter")
    let suspended = try session.waitForScreen { Self.suspendOfLogCleanup($0) == "True" }
    #expect(Self.suspendOfLogCleanup(suspended) == "True", "screen was:\n\(suspended)")
    #expect(suspended.contains("suspended cronjob/log-cleanup"), "the flash says what was done")

    try session.send("s")
    let resume = try session.waitForScreen { $0.contains("Resume cronjob/log-cleanup") }
    #expect(resume.contains("spec.suspend: True → False"), "screen was:\n\(resume)")
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Resume cronjob/log-cleanup") }
    Thread.sleep(forTimeInterval: 1)
    let kept = try session.screen()
    #expect(Self.suspendOfLogCleanup(kept) == "True", "Esc kept it suspended:\n\(kept)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func triggerCreatesASelectedManualJobAndDeleteRemovesIt() throws {
    let session = try start()
    try session.waitForScreen(timeout: 15) { $0.contains("log-cleanup") && $0.contains("live") }
    try session.send("t")
    let asked = try session.waitForScreen { $0.contains("cronjob.kubernetes.io/instantiate") }
    let name = try #require(
      asked.firstMatch(of: /Creates job\/(log-cleanup-manual-[a-z0-9]{5})/).map { String($0.1) },
      "screen was:\n\(asked)")
    try session.send("Enter")
    let created = try session.waitForScreen { $0.contains("Pods of job/\(name)") }
    #expect(created.contains("Pods of job/\(name)"), "the new Job is selected:\n\(created)")

    try session.send("C-d")
    let delete = try session.waitForScreen { $0.contains("Delete job/\(name)") }
    #expect(delete.contains("[Background]"), "screen was:\n\(delete)")
    try session.send("o")
    try session.waitForScreen { $0.contains("[Orphan]") }
    try session.send("y")
    let done = try session.waitForScreen { $0.contains("deleted job/") }
    #expect(done.contains("deleted job/\(name) (orphan propagation)"), "screen was:\n\(done)")
    let gone = try session.waitForScreen { !$0.contains("│default      \(name) ") }
    #expect(!gone.contains("│default      \(name) "), "the Job's row went:\n\(gone)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func readOnlyRefusesAndSaysSo() throws {
    let session = try start(["--readonly"], width: 160)
    try session.waitForScreen(timeout: 15) { Self.suspendOfLogCleanup($0) != nil }
    try session.send("s")
    let refused = try session.waitForScreen { $0.contains("read-only mode") }
    #expect(refused.contains("suspend/resume is turned off"), "screen was:\n\(refused)")
    #expect(!refused.contains("Suspend cronjob/"))
    #expect(Self.suspendOfLogCleanup(refused) == "False")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func followsResizeAndSaysWhenTooSmall() throws {
    let session = try start()
    try session.waitForScreen(timeout: 15) { $0.contains("CronJobs (") }
    try session.resize(width: 50, height: 12)
    let small = try session.waitForScreen { $0.contains("Terminal too small") }
    #expect(small.contains("need 60x16, have 50x12"), "screen was:\n\(small)")
    try session.resize(width: 100, height: 30)
    let big = try session.waitForScreen { $0.contains("CronJobs (") }
    #expect(big.contains("CronJobs ("))
    try session.send("C-c")
    #expect(session.exitStatus() == 0)
  }

  @Test func sigtermRestoresTheTerminal() throws {
    let session = try start()
    try session.waitForScreen(timeout: 15) { $0.contains("CronJobs (") }
    let shell = try #require(try session.panePID())
    let killer = Process()
    killer.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
    killer.arguments = ["-TERM", "-P", String(shell), "-x", "batchdeck"]
    try killer.run()
    killer.waitUntilExit()
    #expect(killer.terminationStatus == 0, "batchdeck was running under the pane's shell")
    #expect(session.exitStatus() == 143)
    let after = try session.waitForScreen { $0.contains("BATCHDECK-EXITED") }
    #expect(!after.contains("CronJobs ("))
  }

  @Test func badOptionsExitWithAMessage() throws {
    let output = try BatchdeckBinary.run(["--speed", "fast"])
    #expect(output.status == 2)
    #expect(output.stderr.contains("--speed must be a number"))
    let unknown = try BatchdeckBinary.run(["--frobnicate"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("unknown option --frobnicate"))
  }
}

/// `--scenario` with the seed chapter's manifests and with broken ones.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct ScenarioTmuxTests {
  static let seed = BatchdeckBinary.packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/seed-manifests").path

  @Test(.enabled(if: FileManager.default.fileExists(atPath: seed), "needs ../shared"))
  func seedManifestsAppearAndRun() throws {
    let binary = try #require(BatchdeckBinary.url).path
    let home = NSTemporaryDirectory() + "batchdeck-e2e-seed-\(getpid())"
    let session = try TmuxSession(
      command: [binary, "--scenario", Self.seed, "--speed", "20"], width: 120, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let screen = try session.waitForScreen(timeout: 30) { screen in
      screen.contains("embedding-refresh-nightly") && screen.contains("batch-processor")
        && screen.contains("log-cleanup-") && screen.contains("Complete")
    }
    #expect(screen.contains("CronJobs (3)"), "screen was:\n\(screen)")
    #expect(screen.contains("document-ingest"))
    #expect(screen.contains("model-migration-v2"))
    #expect(screen.contains("log-cleanup-"), "the every-minute CronJob has run")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }

  @Test func brokenManifestNamesFileLineAndReason() throws {
    let folder = NSTemporaryDirectory() + "batchdeck-bad-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let manifest = """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: nightly
      spec:
        schedule: "0 2 * * *"
        jobTemplate:
          spec:
            parallelism: -1
            template:
              spec:
                restartPolicy: Never
                containers:
                - name: main
                  image: busybox
      """
    try manifest.write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
    let output = try BatchdeckBinary.run(["--scenario", folder])
    #expect(output.status == 2)
    #expect(output.stderr.contains("bad.yaml:9:"), "stderr was: \(output.stderr)")
    #expect(output.stderr.contains("parallelism"))
  }
}

/// The diagnosis panel (`w`) on the demo: the failing and the image-pull CronJobs.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct DiagnosisPanelTmuxTests {
  let home = NSTemporaryDirectory() + "batchdeck-e2e-why-\(getpid())"

  /// The STATE word of a CronJob's row on a 120-column screen.
  static func state(of name: String, in screen: String) -> String? {
    let pattern = try? Regex(
      "│\\S+ +\(name) .*? (ok|running|late|missed|blocked|failing|suspended|invalid) ")
    return pattern.flatMap { screen.firstMatch(of: $0) }.flatMap { $0.output[1].substring }
      .map(String.init)
  }

  @Test func whyShowsTheFindingsThatMatchTheRowAndEscapeCloses() throws {
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let session = try TmuxSession(
      command: [binary, "--demo", "--speed", "30"], width: 120, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])

    let failing = try session.waitForScreen(timeout: 40) {
      Self.state(of: "feature-backfill", in: $0) == "failing"
    }
    #expect(Self.state(of: "feature-backfill", in: failing) == "failing", "screen:\n\(failing)")
    try session.send("G")
    try session.send("w")
    let panel = try session.waitForScreen { $0.contains("Why cronjob/feature-backfill is ") }
    let title = panel.firstMatch(of: /Why cronjob\/feature-backfill is (\w+)/).map { String($0.1) }
    #expect(title == Self.state(of: "feature-backfill", in: panel), "screen:\n\(panel)")
    #expect(panel.contains("CRITICAL The last run, feature-backfill-"), "screen:\n\(panel)")
    #expect(panel.contains("BackoffLimitExceeded"))
    #expect(panel.contains("fix: "))

    try session.send("Escape")
    let closed = try session.waitForScreen { !$0.contains("Why cronjob/") }
    #expect(!closed.contains("Why cronjob/"), "Esc closes the panel:\n\(closed)")
    #expect(closed.contains("Jobs all"), "the Jobs pane is back")

    try session.send("g")
    try session.send("j")
    try session.send("j")
    try session.waitForScreen(timeout: 20) {
      Self.state(of: "report-export", in: $0).map { ["running", "blocked"].contains($0) } ?? false
    }
    try session.send("w")
    let pull = try session.waitForScreen(timeout: 20) {
      $0.contains("Why cronjob/report-export is ") && $0.contains("ImagePullBackOff")
    }
    #expect(pull.contains("ImagePullBackOff"), "the stuck pod is named:\n\(pull)")
    try session.send("q")
    #expect(session.exitStatus() == 0)
  }
}
