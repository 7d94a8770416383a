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
    // Tall enough for the whole CronJob describe, pod template blocks and events included.
    let session = try session(server, height: 60)
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
      // The pod may move on (Pending to Running) between kubectl's read and the screen's:
      // each try reads kubectl afresh and waits a bounded time for the view to catch up.
      var top: [String] = []
      var shown = screen
      for _ in 0..<5 {
        let kubectl = try server.kubectl(["describe", "pod", "-n", "default", pod])
        #expect(kubectl.status == 0, "\(kubectl.stderr)")
        top = kubectl.stdout.split(separator: "\n").map(String.init)
          .prefix { !$0.hasPrefix("Containers:") }
        let lines = top
        let caught = try? session.waitForScreen(timeout: 3) { screen in
          lines.allSatisfy { screen.contains("│" + $0) }
        }
        shown = try caught ?? session.screen()
        if caught != nil { break }
      }
      #expect(top.count > 8)
      for line in top {
        #expect(shown.contains("│" + line), "kubectl's line \(line) is on screen")
      }
    }
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Describe pod/") }
  }

  /// A Job whose pod template has ports, a command, args, resources, a probe, environment
  /// from values, a field, a secret and a config map, mounts, volumes, a node selector and a
  /// toleration. The secret does not exist, so the pod stays waiting with
  /// `CreateContainerConfigError` and both describes see the same state. Fields the API
  /// server would default (protocols, probe timings, field reference versions) are written
  /// out, as the simulator stores objects as given; ports are unnamed, as kubectl releases
  /// before port names print them without.
  static let containerScenario = """
    apiVersion: batch/v1
    kind: Job
    metadata: {name: report-builder, namespace: default}
    spec:
      template:
        metadata:
          labels: {app: report-builder}
        spec:
          restartPolicy: Never
          containers:
          - name: builder
            image: busybox:1.36
            command: [sh, -c]
            args: ["echo building; sleep 3600"]
            ports:
            - {containerPort: 8080, protocol: TCP}
            - {containerPort: 9090, protocol: UDP}
            env:
            - {name: MODE, value: nightly}
            - name: POD_NAME
              valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}}
            - name: TOKEN
              valueFrom: {secretKeyRef: {name: api, key: token}}
            - name: LEVEL
              valueFrom: {configMapKeyRef: {name: settings, key: level, optional: true}}
            resources:
              limits: {cpu: 500m, memory: 256Mi}
              requests: {cpu: 250m, memory: 128Mi}
            readinessProbe:
              exec: {command: [cat, /tmp/ready]}
              initialDelaySeconds: 2
              timeoutSeconds: 1
              periodSeconds: 10
              successThreshold: 1
              failureThreshold: 3
            volumeMounts:
            - {name: scratch, mountPath: /scratch}
            - {name: config, mountPath: /etc/report, readOnly: true}
          volumes:
          - {name: scratch, emptyDir: {}}
          - name: config
            configMap: {name: report-config}
          - name: data
            persistentVolumeClaim: {claimName: reports}
          nodeSelector: {pool: batch}
          tolerations:
          - {key: dedicated, operator: Equal, value: batch, effect: NoSchedule}
    """

  @Test(.enabled(if: SimServer.hasKubectl, "needs kubectl"))
  func podAndTemplateContainerBlocksReadAsKubectlPrintsThem() throws {
    let path = NSTemporaryDirectory() + "batchdeck-describe-\(UUID().uuidString).yaml"
    try Self.containerScenario.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let server = try SimServer(["--scenario", path])
    defer { server.stop() }
    let session = try session(server, width: 160, height: 120)
    try session.waitForScreen(timeout: 15) {
      $0.contains("CreateContainerConfigError") && $0.contains("live")
    }
    // The Job's pod template first: the same blocks without statuses, indented.
    try session.send("Tab", "d")
    let described = try session.waitForScreen(timeout: 15) {
      $0.contains("Describe job/report-builder") && $0.contains("  Tolerations:")
    }
    let job = try server.kubectl(["describe", "job", "-n", "default", "report-builder"])
    #expect(job.status == 0, "\(job.stderr)")
    let template = job.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init).drop { $0 != "Pod Template:" }.prefix { !$0.hasPrefix("Events:") }
    #expect(template.count > 30, "\(job.stdout)")
    for line in template {
      #expect(described.contains("│" + line), "kubectl's line \(line) is on screen")
    }
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Describe job/") }
    try session.send("Tab", "d")
    let screen = try session.waitForScreen(timeout: 15) {
      $0.contains("Describe pod/") && $0.contains("Tolerations:")
    }
    let title = try #require(
      screen.range(of: #"Describe pod/[a-z0-9-]+"#, options: .regularExpression))
    let pod = String(screen[title].dropFirst("Describe pod/".count))
    let kubectl = try server.kubectl(["describe", "pod", "-n", "default", pod])
    #expect(kubectl.status == 0, "\(kubectl.stderr)")
    let lines = kubectl.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    // From the containers to the tolerations: every line, character for character.
    let blocks = lines.drop { !$0.hasPrefix("Containers:") }.prefix { !$0.hasPrefix("Events:") }
    #expect(blocks.count > 40, "\(kubectl.stdout)")
    for heading in ["    Environment:", "    Mounts:", "Volumes:", "    Limits:", "    Ports:"] {
      #expect(blocks.contains { $0.hasPrefix(heading) }, "kubectl prints \(heading)")
    }
    for line in blocks {
      #expect(screen.contains("│" + line), "kubectl's line \(line) is on screen")
    }
    try session.send("Escape")
    try session.waitForScreen { !$0.contains("Describe pod/") }
    try session.send("q")
    #expect(session.exitStatus(timeout: 10) == 0)
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
