import Foundation
import Testing

/// Every operation by its key in a real terminal against `batchdeck sim serve` over HTTP, with
/// the effect read back from the API server by kubectl; then the same keys in `--readonly`.
///
/// The server runs `--paused` on a scenario written by the test: no controller changes
/// anything behind the test's back, so whatever changed in the API was the dashboard's call.
@Suite(
  .serialized,
  .enabled(if: TmuxSession.isAvailable && SimServer.hasKubectl, "needs tmux and kubectl"))
struct OperationsAgainstSimServeTests {
  /// Two CronJobs, three Jobs (one owned by a CronJob) and a running pod of `worker`.
  static let scenario = """
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: alpha-report
      namespace: default
    spec:
      schedule: "0 2 * * *"
      suspend: false
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: report
                image: busybox:1.36
    ---
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: beta-audit
      namespace: default
    spec:
      schedule: "30 3 * * 1"
      suspend: false
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: audit
                image: busybox:1.36
    ---
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: cleanup-old
      namespace: default
      creationTimestamp: "2026-12-04T00:00:00Z"
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: cleanup
            image: busybox:1.36
    status:
      succeeded: 1
      startTime: "2026-12-04T00:00:00Z"
      completionTime: "2026-12-04T00:00:20Z"
      conditions:
      - type: Complete
        status: "True"
    ---
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: export-batch
      namespace: default
      creationTimestamp: "2026-12-04T00:05:00Z"
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: export
            image: busybox:1.36
    status:
      succeeded: 1
      startTime: "2026-12-04T00:05:00Z"
      completionTime: "2026-12-04T00:05:30Z"
      conditions:
      - type: Complete
        status: "True"
    ---
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: worker
      namespace: default
      creationTimestamp: "2026-12-04T00:10:00Z"
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:1.36
    status:
      active: 1
      startTime: "2026-12-04T00:10:00Z"
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: worker-7xk2p
      namespace: default
      creationTimestamp: "2026-12-04T00:10:00Z"
      labels:
        job-name: worker
        batch.kubernetes.io/job-name: worker
      ownerReferences:
      - apiVersion: batch/v1
        kind: Job
        name: worker
        controller: true
        blockOwnerDeletion: true
    spec:
      nodeName: sim-node
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
    status:
      phase: Running
      startTime: "2026-12-04T00:10:01Z"
      containerStatuses:
      - name: main
        image: busybox:1.36
        ready: true
        started: true
        restartCount: 0
        state:
          running:
            startedAt: "2026-12-04T00:10:02Z"

    """

  /// A paused server on the scenario, and the dashboard on its kubeconfig at 140x40.
  func start(_ extra: [String] = []) throws -> (SimServer, TmuxSession) {
    let folder = NSTemporaryDirectory() + "batchdeck-ops-scenario-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Self.scenario.write(toFile: folder + "/ops.yaml", atomically: true, encoding: .utf8)
    let server = try SimServer([
      "--scenario", folder, "--paused", "--clock", "2026-12-04T00:20:00Z",
    ])
    let binary = try #require(BatchdeckBinary.url, "the batchdeck binary is built").path
    let home = server.folder.appendingPathComponent("home").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let session = try TmuxSession(
      command: [binary, "--kubeconfig", server.kubeconfig, "-n", "default"] + extra,
      width: 140, height: 40,
      environment: ["HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"])
    try session.waitForScreen(timeout: 15) { screen in
      screen.contains("alpha-report") && screen.contains("worker") && screen.contains("live")
    }
    return (server, session)
  }

  /// One object as JSON from the API, or `nil` when the server says it does not exist.
  func object(_ server: SimServer, _ kind: String, _ name: String) throws -> [String: Any]? {
    let output = try server.kubectl(["get", kind, name, "-n", "default", "-o", "json"])
    if output.status != 0 {
      #expect(output.stderr.contains("NotFound"), "kubectl failed: \(output.stderr)")
      return nil
    }
    let data = Data(output.stdout.utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The names of the Jobs in `default`.
  func jobNames(_ server: SimServer) throws -> [String] {
    let output = try server.kubectl([
      "get", "jobs", "-n", "default", "-o", "jsonpath={.items[*].metadata.name}",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    return output.stdout.split(separator: " ").map(String.init).sorted()
  }

  /// `spec.suspend` of a CronJob as the API server has it.
  func suspend(_ server: SimServer, _ name: String) throws -> Bool? {
    let cronJob = try object(server, "cronjob", name)
    return (cronJob?["spec"] as? [String: Any])?["suspend"] as? Bool
  }

  func metadata(_ object: [String: Any]?) -> [String: Any] {
    object?["metadata"] as? [String: Any] ?? [:]
  }

  /// The row of `name` on the screen.
  static func row(_ name: String, in screen: String) -> String {
    screen.split(separator: "\n").first { $0.hasPrefix("│default ") && $0.contains("\(name) ") }
      .map(String.init) ?? ""
  }

  @Test func suspendAndResumeFlipSpecSuspendAndMarksActOnBoth() throws {
    let (server, session) = try start()
    defer { server.stop() }
    #expect(try suspend(server, "alpha-report") == false)

    try session.send("s")
    let asked = try session.waitForScreen { $0.contains("Suspend cronjob/alpha-report") }
    #expect(asked.contains("spec.suspend: False → True"), "screen was:\n\(asked)")
    try session.send("Enter")
    #expect(try server.eventually { try suspend(server, "alpha-report") == true })
    #expect(try suspend(server, "beta-audit") == false, "only the selected CronJob changed")
    let shown = try session.waitForScreen {
      Self.row("alpha-report", in: $0).contains(" suspended ")
    }
    #expect(shown.contains("suspended cronjob/alpha-report"), "screen was:\n\(shown)")

    try session.send("s")
    let resume = try session.waitForScreen { $0.contains("Resume cronjob/alpha-report") }
    #expect(resume.contains("spec.suspend: True → False"), "screen was:\n\(resume)")
    try session.send("Enter")
    #expect(try server.eventually { try suspend(server, "alpha-report") == false })
    try session.waitForScreen { !Self.row("alpha-report", in: $0).contains(" suspended ") }

    // Marks: Space on both rows, then one `s` suspends both.
    try session.send("g", "Space", "j", "Space")
    let marked = try session.waitForScreen {
      Self.row("alpha-report", in: $0).contains("✓ alpha-report")
        && Self.row("beta-audit", in: $0).contains("✓ beta-audit")
    }
    #expect(marked.contains("✓ beta-audit"), "screen was:\n\(marked)")
    try session.send("s")
    let both = try session.waitForScreen { $0.contains("2 objects: ") }
    #expect(both.contains("cronjob/alpha-report, cronjob/beta-audit"), "screen was:\n\(both)")
    try session.send("Enter")
    #expect(
      try server.eventually {
        try suspend(server, "alpha-report") == true && suspend(server, "beta-audit") == true
      })
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }

  @Test func triggerCreatesAManualJobOwnedByTheCronJobAndSelectsIt() throws {
    let (server, session) = try start()
    defer { server.stop() }
    let cronJob = try #require(try object(server, "cronjob", "alpha-report"))
    let cronJobUID = try #require(metadata(cronJob)["uid"] as? String)

    try session.send("t")
    let asked = try session.waitForScreen { $0.contains("cronjob.kubernetes.io/instantiate") }
    let name = try #require(
      asked.firstMatch(of: /Creates job\/(alpha-report-manual-[a-z0-9]{5})/).map { String($0.1) },
      "screen was:\n\(asked)")
    try session.send("Enter")
    let selected = try session.waitForScreen { $0.contains("Pods of job/\(name)") }
    #expect(selected.contains("Pods of job/\(name)"), "the new Job is selected:\n\(selected)")

    let job = try #require(try object(server, "job", name), "the Job exists in the API")
    let annotations = metadata(job)["annotations"] as? [String: String] ?? [:]
    #expect(annotations["cronjob.kubernetes.io/instantiate"] == "manual", "\(annotations)")
    let owners = metadata(job)["ownerReferences"] as? [[String: Any]] ?? []
    #expect(owners.count == 1, "\(owners)")
    #expect(owners.first?["kind"] as? String == "CronJob")
    #expect(owners.first?["name"] as? String == "alpha-report")
    #expect(owners.first?["uid"] as? String == cronJobUID)
    #expect(owners.first?["controller"] as? Bool == true)
    #expect(try jobNames(server) == ["cleanup-old", "export-batch", name, "worker"].sorted())
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }

  @Test func deleteRemovesJobsWithTheChosenPropagationAndKillRemovesThePod() throws {
    let (server, session) = try start()
    defer { server.stop() }

    // The Jobs pane lists cleanup-old first.
    try session.send("Tab", "C-d")
    let asked = try session.waitForScreen { $0.contains("Delete job/cleanup-old") }
    #expect(asked.contains("[Background]"), "screen was:\n\(asked)")
    try session.send("Enter")
    #expect(try server.eventually { try object(server, "job", "cleanup-old") == nil })
    try session.waitForScreen { Self.row("cleanup-old", in: $0).isEmpty }

    // Foreground: with no controllers running, the server keeps the Job with its
    // deletionTimestamp and the `foregroundDeletion` finalizer, which records the policy.
    try session.send("/")
    try session.send("-l", "export")
    try session.send("Enter")
    try session.send("C-d")
    try session.waitForScreen { $0.contains("Delete job/export-batch") }
    try session.send("f")
    let foreground = try session.waitForScreen { $0.contains("[Foreground]") }
    #expect(foreground.contains("Delete job/export-batch"), "screen was:\n\(foreground)")
    try session.send("Enter")
    #expect(
      try server.eventually {
        metadata(try object(server, "job", "export-batch"))["deletionTimestamp"] != nil
      })
    let finalizers = metadata(try object(server, "job", "export-batch"))["finalizers"]
    #expect(
      (finalizers as? [String])?.contains("foregroundDeletion") == true, "\(finalizers ?? "")")
    try session.waitForScreen { $0.contains("deleted job/export-batch (foreground propagation)") }

    // Kill: the pod of worker, from the Pods pane.
    try session.send("Escape")
    try session.send("/")
    try session.send("-l", "worker")
    try session.send("Enter")
    try session.waitForScreen { $0.contains("Pods of job/worker") && $0.contains("worker-7xk2p") }
    try session.send("Tab", "C-k")
    let kill = try session.waitForScreen { $0.contains("Kill pod/worker-7xk2p") }
    #expect(kill.contains("grace period of 0"), "screen was:\n\(kill)")
    try session.send("Enter")
    #expect(try server.eventually { try object(server, "pod", "worker-7xk2p") == nil })
    #expect(try object(server, "job", "worker") != nil, "killing the pod leaves its Job")
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }

  @Test func readOnlyRefusesEveryOperationAndTheAPIStaysAsItWas() throws {
    let (server, session) = try start(["--readonly"])
    defer { server.stop() }
    let header = try session.screen().split(separator: "\n").first.map(String.init) ?? ""
    #expect(header.contains("read-only"), "the header says read-only: \(header)")
    let jobsBefore = try jobNames(server)

    // Consecutive refusals differ, so each one's flash is new on the footer; the last two
    // aim at the Job worker (the last row) and its running pod.
    let refusals: [(keys: [String], action: String)] = [
      (["s"], "suspend/resume"), (["t"], "trigger"),
      (["Space", "j", "Space", "s"], "suspend/resume"), (["Tab", "G", "C-d"], "delete"),
      (["Tab", "C-k"], "kill"),
    ]
    for refusal in refusals {
      for key in refusal.keys { try session.send(key) }
      let text = "read-only mode (--readonly): \(refusal.action) is turned off"
      let screen = try session.waitForScreen { $0.contains(text) }
      let footer = screen.split(separator: "\n").last.map(String.init) ?? ""
      #expect(footer.contains(text), "the footer says so after \(refusal.keys): \(screen)")
      #expect(!screen.contains("Enter/y confirm"), "no confirmation opens")
    }
    let last = try session.screen()
    #expect(last.contains("Pods of job/worker"), "the refusals aimed at worker:\n\(last)")
    #expect(try suspend(server, "alpha-report") == false)
    #expect(try suspend(server, "beta-audit") == false)
    #expect(try jobNames(server) == jobsBefore)
    #expect(try object(server, "pod", "worker-7xk2p") != nil)
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
  }
}
