import Foundation
import Testing

/// kubectl against the real `batchdeck sim serve` binary, over HTTP and over TLS.
@Suite(.enabled(if: SimServer.hasKubectl, "needs /usr/bin/kubectl and the built binary"))
struct SimServeKubectlTests {
  static let scenario = """
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: hello
      namespace: default
    spec:
      schedule: "*/5 * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox:1.36
                command: ["sh", "-c", "echo hello from the job; sleep 2; echo done"]
    ---
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: flaky
      namespace: default
    spec:
      template:
        metadata:
          annotations:
            sim.batchdeck.dev/fail-times: "1"
        spec:
          restartPolicy: OnFailure
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c", "echo attempt on $HOSTNAME; sleep 3; echo finishing"]
    """

  private func start(tls: Bool) throws -> SimServer {
    let folder = FileManager.default.temporaryDirectory
    let file = folder.appendingPathComponent("sim-scenario-\(UUID().uuidString).yaml")
    try Self.scenario.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    return try SimServer(["--scenario", file.path, "--speed", "5"] + (tls ? ["--tls"] : []))
  }

  @Test(arguments: [false, true])
  func getDescribeCreatePatchDelete(tls: Bool) throws {
    let server = try start(tls: tls)
    defer { server.stop() }

    let table = try server.kubectl(["get", "cronjobs,jobs,pods"])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(
      table.stdout.contains("SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE"))
    #expect(table.stdout.contains("cronjob.batch/hello   */5 * * * *   <none>     False"))
    #expect(table.stdout.contains("STATUS    COMPLETIONS   DURATION   AGE"))

    let json = try server.kubectl(["get", "cronjob", "hello", "-o", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["kind"] as? String == "CronJob")
    #expect((object?["spec"] as? [String: Any])?["schedule"] as? String == "*/5 * * * *")

    let created = try server.kubectl(["create", "job", "manual-run", "--from=cronjob/hello"])
    #expect(created.stdout.contains("job.batch/manual-run created"), "\(created.stderr)")

    let strategic = try server.kubectl([
      "patch", "cronjob", "hello", "-p", #"{"spec":{"suspend":true}}"#,
    ])
    #expect(strategic.stdout.contains("cronjob.batch/hello patched"), "\(strategic.stderr)")
    let suspended = try server.kubectl([
      "get", "cronjob", "hello", "-o", "jsonpath={.spec.suspend}",
    ])
    #expect(suspended.stdout == "true")
    let merge = try server.kubectl([
      "patch", "cronjob", "hello", "--type=merge", "-p", #"{"spec":{"suspend":false}}"#,
    ])
    #expect(merge.stdout.contains("patched"), "\(merge.stderr)")
    let resumed = try server.kubectl(["get", "cronjob", "hello", "-o", "jsonpath={.spec.suspend}"])
    #expect(resumed.stdout == "false")

    let cronJob = try server.kubectl(["describe", "cronjob", "hello"])
    #expect(cronJob.stdout.contains("Schedule:                      */5 * * * *"))
    #expect(cronJob.stdout.contains("Events:"))
    let described = try server.eventually {
      try server.kubectl(["describe", "job", "manual-run"]).stdout.contains("SuccessfulCreate")
    }
    #expect(described)
    let pod = try server.kubectl([
      "get", "pods", "-l", "job-name=manual-run", "-o", "jsonpath={.items[0].metadata.name}",
    ])
    #expect(!pod.stdout.isEmpty)
    let podText = try server.eventually {
      try server.kubectl(["describe", "pod", pod.stdout]).stdout.contains("Scheduled")
    }
    #expect(podText)

    let allowed = try server.kubectl(["auth", "can-i", "create", "jobs"])
    #expect(allowed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes")

    let deleted = try server.kubectl(["delete", "job", "manual-run"])
    #expect(deleted.stdout.contains("\"manual-run\" deleted"), "\(deleted.stderr)")
    let gone = try server.eventually {
      try server.kubectl(["get", "job", "manual-run"]).stderr.contains("NotFound")
    }
    #expect(gone)
    #expect(server.stop() == 0)
  }

  @Test(arguments: [false, true])
  func logsWatchAndPrevious(tls: Bool) throws {
    let server = try start(tls: tls)
    defer { server.stop() }
    let name = try server.kubectl([
      "get", "pods", "-l", "job-name=flaky", "-o", "jsonpath={.items[0].metadata.name}",
    ]).stdout
    #expect(!name.isEmpty)
    // The previous run's log exists once the restarted container runs (as with a kubelet).
    var previous = try server.kubectl(["logs", name, "--previous"])
    let restarted = try server.eventually(timeout: 30) {
      previous = try server.kubectl(["logs", name, "--previous"])
      return previous.status == 0
    }
    #expect(restarted, "\(previous.stderr)")
    #expect(previous.stdout.contains("attempt on \(name)"), "\(previous.stderr)")
    let restarts = try server.kubectl([
      "get", "pod", name, "-o", "jsonpath={.status.containerStatuses[0].restartCount}",
    ])
    #expect(restarts.stdout == "1")
    let tail = try server.kubectl(["logs", name, "--tail", "1"])
    #expect(tail.stdout.split(separator: "\n").count <= 1)
    let followed = try server.kubectl(["logs", "-f", name], timeout: 20)
    #expect(followed.stdout.contains("finishing"), "\(followed.stderr)")

    let watched = try server.kubectl(["get", "jobs", "-w"], timeout: 3)
    #expect(watched.stdout.contains("NAME"))
    #expect(watched.stdout.contains("flaky"))
  }

  @Test func pausedRealWorldCaseShowsItsExpectedRows() throws {
    let cases = BatchdeckBinary.packageRoot.deletingLastPathComponent()
      .appendingPathComponent("shared/fixtures/realworld/cases/24-forbid-blocked-by-stuck-job")
    let input = cases.appendingPathComponent("input.json")
    try #require(
      FileManager.default.fileExists(atPath: input.path), "the shared fixtures are absent")
    let server = try SimServer([
      "--scenario", input.path, "--paused", "--clock", "2025-06-10T08:05:00Z",
    ])
    defer { server.stop() }
    let rows = try server.kubectl(["get", "cronjobs,jobs,pods", "-A"])
    #expect(rows.stdout.contains("False     1        2d23h"), "\(rows.stdout)")
    #expect(rows.stdout.contains("Running   0/1           2d23h"))
    #expect(rows.stdout.contains("0/1     ImagePullBackOff   0"))
  }

  @Test func pausedJobPrinterVariantsMatchTheirCase() throws {
    let input = BatchdeckBinary.packageRoot.deletingLastPathComponent()
      .appendingPathComponent("shared/fixtures/realworld/cases/35-job-printer-variants/input.yaml")
    try #require(
      FileManager.default.fileExists(atPath: input.path), "the shared fixtures are absent")
    let server = try SimServer([
      "--scenario", input.path, "--paused", "--clock", "2025-06-10T10:00:00Z",
    ])
    defer { server.stop() }
    let output = try server.kubectl(["get", "jobs", "-A", "--no-headers"])
    let rows = Set(
      output.stdout.split(separator: "\n").map {
        $0.split(separator: " ").dropFirst().joined(separator: " ")
      })
    let expected = [
      "queue-workers Running 0/1 of 3 59m 60m", "single-worker Running 0/1 59m 60m",
      "queued-training Suspended 0/4 30m", "resumed-training Running 0/4 15m 120m",
      "being-deleted Terminating 0/1 49m 50m", "done-and-deleted Complete 1/1 2m30s 50m",
    ]
    for row in expected {
      #expect(rows.contains(row), "\(output.stdout)")
    }
  }

  @Test func refusesClientsWithoutTheCredentials() throws {
    let server = try start(tls: false)
    defer { server.stop() }
    let text = try String(contentsOfFile: server.kubeconfig, encoding: .utf8)
    let stripped = text.replacing(/\/sim-[0-9a-f]+/, with: "")
    #expect(stripped != text)
    let other = server.folder.appendingPathComponent("anonymous.kubeconfig")
    try stripped.write(to: other, atomically: true, encoding: .utf8)
    let refused = try server.kubectl(["--kubeconfig", other.path, "get", "pods"])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("Unauthorized") || refused.stderr.contains("logged in"))
  }

  @Test func reportsABadScenarioWithExitStatusTwo() throws {
    let output = try BatchdeckBinary.run([
      "sim", "serve", "--kubeconfig-out", "/tmp/never-written-\(UUID().uuidString)",
      "--scenario", "/nonexistent/scenario.yaml", "--log-file", "/dev/null",
    ])
    #expect(output.status == 2)
    #expect(output.stderr.contains("no such file or folder"))
  }

  @Test func refusesNonLoopbackAddresses() throws {
    let output = try BatchdeckBinary.run([
      "sim", "serve", "--listen", "0.0.0.0:0", "--kubeconfig-out", "/nonexistent/kc",
    ])
    #expect(output.status == 2)
    #expect(output.stderr.contains("loopback"))
  }
}
