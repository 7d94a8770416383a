import Foundation
import Testing

/// `batchdeck diagnose` run as a user would, on a scenario written here.
@Suite struct DiagnoseCommandTests {
  static let scenario = """
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: report
      namespace: finance
      creationTimestamp: "2026-05-01T00:00:00Z"
    spec:
      schedule: "*/15 * * * *"
      concurrencyPolicy: Forbid
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: registry.invalid/report:1
    status:
      lastScheduleTime: "2026-05-04T06:00:00Z"
      active:
      - kind: Job
        namespace: finance
        name: report-29632680
    ---
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: report-29632680
      namespace: finance
      creationTimestamp: "2026-05-04T06:00:00Z"
      ownerReferences:
      - apiVersion: batch/v1
        kind: CronJob
        name: report
        controller: true
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: registry.invalid/report:1
    status:
      startTime: "2026-05-04T06:00:01Z"
      active: 1
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: report-29632680-q2w3e
      namespace: finance
      creationTimestamp: "2026-05-04T06:00:01Z"
      ownerReferences:
      - apiVersion: batch/v1
        kind: Job
        name: report-29632680
        controller: true
    spec:
      nodeName: node-1
      containers:
      - name: main
        image: registry.invalid/report:1
    status:
      phase: Pending
      containerStatuses:
      - name: main
        ready: false
        restartCount: 0
        image: registry.invalid/report:1
        state:
          waiting:
            reason: ImagePullBackOff
            message: Back-off pulling image "registry.invalid/report:1"
    """

  func withScenario(_ body: (String) throws -> Void) throws {
    // One file per test: the suite runs its tests in parallel.
    let file = NSTemporaryDirectory() + "batchdeck-diagnose-\(UUID().uuidString).yaml"
    try Self.scenario.write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    try body(file)
  }

  @Test func explainsAForbidBlockInWords() throws {
    try withScenario { file in
      let output = try BatchdeckBinary.run([
        "diagnose", "cronjob/report", "-n", "finance", "--scenario", file,
        "--now", "2026-05-04T07:05:00Z",
      ])
      #expect(output.status == 0, "stderr: \(output.stderr)")
      #expect(output.stdout.hasPrefix("cronjob/report in namespace finance: blocked"))
      #expect(output.stdout.contains("CRITICAL: Blocked: the previous run report-29632680"))
      #expect(output.stdout.contains("4 scheduled runs skipped"))
      #expect(output.stdout.contains("report-29632680-q2w3e: ImagePullBackOff"))
      #expect(output.stdout.contains("fix: "))
    }
  }

  @Test func jsonNamesTheFindingCode() throws {
    try withScenario { file in
      let output = try BatchdeckBinary.run([
        "diagnose", "cronjob/report", "-n", "finance", "--scenario", file,
        "--now", "2026-05-04T07:05:00Z", "-o", "json",
      ])
      #expect(output.status == 0)
      let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
      let json = try #require(object as? [String: Any])
      #expect(json["state"] as? String == "blocked")
      let findings = try #require(json["findings"] as? [[String: Any]])
      #expect(findings.first?["code"] as? String == "blocked-by-active-job")
      #expect(json["nextRun"] as? String == "2026-05-04T07:15:00Z")
    }
  }

  @Test func unknownCronJobAndBadInputExitTwo() throws {
    try withScenario { file in
      let missing = try BatchdeckBinary.run(["diagnose", "cronjob/nope", "--scenario", file])
      #expect(missing.status == 2)
      #expect(missing.stderr.contains(#"cronjobs.batch "nope" not found in namespace default"#))
      let badTime = try BatchdeckBinary.run([
        "diagnose", "cronjob/report", "--scenario", file, "--now", "yesterday",
      ])
      #expect(badTime.status == 2)
      #expect(badTime.stderr.contains("--now must be an RFC 3339 time"))
      let noConfig = try BatchdeckBinary.run([
        "diagnose", "cronjob/report", "--kubeconfig", "/nonexistent/batchdeck-test.kubeconfig",
      ])
      #expect(noConfig.status == 2)
      #expect(noConfig.stderr.contains("/nonexistent/batchdeck-test.kubeconfig"))
    }
  }
}

/// `batchdeck diagnose` on the real-world cases, loaded as the cluster stored them.
@Suite struct DiagnoseRealWorldTests {
  static let cases = BatchdeckBinary.packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/realworld/cases")

  func diagnose(_ caseName: String, _ arguments: [String]) throws -> BatchdeckBinary.Output {
    let folder = Self.cases.appendingPathComponent(caseName)
    let input = try #require(
      ["input.json", "input.yaml"].map { folder.appendingPathComponent($0).path }
        .first { FileManager.default.fileExists(atPath: $0) })
    return try BatchdeckBinary.run(["diagnose"] + arguments + ["--scenario", input])
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: cases.path), "needs ../shared"))
  func stuckForbidRunAndItsCause() throws {
    let output = try diagnose(
      "24-forbid-blocked-by-stuck-job",
      ["cronjob/cache-warmer", "-n", "web-tier", "--now", "2025-06-10T08:05:00Z"])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    #expect(output.stdout.contains("cache-warmer-29154780 is still active"))
    #expect(output.stdout.contains("426 scheduled runs skipped"))
    #expect(output.stdout.contains("ImagePullBackOff"))
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: cases.path), "needs ../shared"))
  func unsupportedLastDayOfMonth() throws {
    let output = try diagnose(
      "13-last-day-L-unsupported",
      ["cronjob/month-end-close", "-n", "finance-etl", "-o", "json"])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    #expect(output.stdout.contains(#""code":"invalid-schedule""#))
    #expect(output.stdout.contains("failed to parse int from L"))
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: cases.path), "needs ../shared"))
  func ownedJobsByUIDWhenTheCronJobWasCreatedAgain() throws {
    let output = try diagnose(
      "28-jobs-owned-by-cronjob-manual-trigger",
      ["cronjob/backup", "-n", "db-ops", "--now", "2025-06-13T00:10:00Z"])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    #expect(output.stdout.hasPrefix("cronjob/backup in namespace db-ops: running"))
    #expect(output.stdout.contains("runs in the cluster: 4,"), "\(output.stdout)")
    #expect(output.stdout.contains("job backup-29158560 belongs to an earlier CronJob"))
    #expect(output.stdout.contains("job backup-restore-drill has no owner reference"))
    #expect(output.stdout.contains("forgot: backup-manual-7xk2p"))
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: cases.path), "needs ../shared"))
  func historyLimitsAndTheKeptFailedRun() throws {
    let output = try diagnose(
      "26-history-limits-defaults",
      ["cronjob/curator", "-n", "logging", "--now", "2025-06-10T08:00:00Z", "-o", "json"])
    #expect(output.status == 0, "stderr: \(output.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(json["state"] as? String == "ok")
    let findings = try #require(json["findings"] as? [[String: Any]])
    let codes = findings.compactMap { $0["code"] as? String }
    #expect(codes.contains("history-pending-cleanup"))
    #expect(codes.contains("history-failed-kept"))
    #expect(output.stdout.contains("history: 3/3 successful, 1/1 failed (2 pending cleanup)"))
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: cases.path), "needs ../shared"))
  func jobsWithASidecarAndWithATTL() throws {
    let sidecar = try diagnose(
      "38-pod-sidecar-keeps-job-running",
      ["job/pg-backup-29159100", "-n", "mesh-jobs", "--now", "2025-06-10T12:00:00Z"])
    #expect(sidecar.status == 0, "stderr: \(sidecar.stderr)")
    #expect(sidecar.stdout.hasPrefix("job/pg-backup-29159100 in namespace mesh-jobs: Running"))
    #expect(
      sidecar.stdout.contains(
        "WARNING: Main container backup finished 2025-06-10T11:06:40Z (exit 0) but sidecar "
          + "istio-proxy is still running"))
    let ttl = try diagnose(
      "34-job-ttl-after-finished",
      ["job/pi-with-ttl", "-n", "scratch", "--now", "2025-06-10T08:01:00Z"])
    #expect(ttl.stdout.contains("auto-delete in 2m20s"), "\(ttl.stdout)")
    let missing = try diagnose("34-job-ttl-after-finished", ["job/nope", "-n", "scratch"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains(#"jobs.batch "nope" not found in namespace scratch"#))
  }
}
