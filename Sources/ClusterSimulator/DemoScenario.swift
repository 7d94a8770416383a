import APIMachinery
import BatchdeckModel
import Foundation

/// The built-in cluster `batchdeck --demo` shows: ML-pipeline style batch work in two
/// namespaces, tuned so that at speed 10 something changes every few seconds and CronJobs
/// keep firing for as long as the demo runs.
///
/// - `ml-pipeline/embedding-refresh`: one-off Python Job, five batches, then done.
/// - `default/batch-processor`: 5 completions, 2 at a time.
/// - `ml-pipeline/document-ingest`: Indexed, 20 completions, 4 at a time.
/// - `default/log-cleanup`: CronJob every minute, history 3/1.
/// - `ml-pipeline/embedding-sync`: nightly 03:00, Forbid, with a finished run from last night.
/// - `ml-pipeline/model-migration`: one-off Job, removed 2 minutes after it finishes (TTL).
/// - `default/report-export`: every 2 minutes; its image does not exist (ImagePullBackOff),
///   Forbid, and a 10-minute deadline that fails each run with DeadlineExceeded.
/// - `ml-pipeline/feature-backfill`: every 3 minutes; pods exit 1 until backoffLimit 2 fails
///   the Job.
/// - `default/metrics-rollup`: every 2 minutes, 6 short pods 2 at a time.
/// - `default/weekly-reindex`: suspended.
public enum DemoScenario {
  /// The scenario's objects, with history timestamps relative to `now`.
  public static func objects(now: Date) -> [JSONValue] {
    let lastSync = previousRun(of: "0 3 * * *", before: now)
    let lastSyncJob = "embedding-sync-\(Int64(lastSync.timeIntervalSince1970) / 60)"
    return [
      namespace("default"), namespace("ml-pipeline"),
      secret("openai-credentials", "ml-pipeline", ["api-key": "c2stZGVtby1ub3QtYS1yZWFsLWtleQ=="]),
      secret("db-credentials", "ml-pipeline", ["connection-string": "cG9zdGdyZXM6Ly9kZW1v"]),
      job(
        "embedding-refresh", "ml-pipeline", backoffLimit: 4,
        template: pod(
          "refresh", "python:3.12-slim", command: ["python", "-c"],
          args: [
            """
            import time
            print("Loading the embedding model...")
            for i in range(5):
                print(f"Re-embedding chunk {i+1} of 5")
                time.sleep(24)
            print("All chunks re-embedded.")
            """
          ])),
      job(
        "batch-processor", "default", completions: 5, parallelism: 2,
        template: pod(
          "worker", "busybox:1.36", command: ["sh", "-c"],
          args: [
            """
            echo "Worker $(hostname) picked up a task"
            sleep 30
            echo "Halfway there on $(hostname)"
            sleep 30
            echo "Task finished"
            """
          ])),
      job(
        "document-ingest", "ml-pipeline", completions: 20, parallelism: 4, indexed: true,
        template: pod(
          "ingest", "alpine:3.20", command: ["sh", "-c"],
          args: [
            """
            echo "Ingesting shard $JOB_COMPLETION_INDEX"
            sleep 20
            echo "Shard $JOB_COMPLETION_INDEX: 10 documents parsed"
            sleep 20
            echo "Shard $JOB_COMPLETION_INDEX stored"
            """
          ])),
      cronJob(
        "log-cleanup", "default", schedule: "* * * * *",
        template: pod(
          "cleanup", "busybox:1.36", command: ["sh", "-c"], restartPolicy: "OnFailure",
          args: [
            """
            echo "Sweeping old logs at $(date)"
            sleep 12
            echo "Compressed yesterday's logs"
            sleep 12
            echo "Deleted files older than a week"
            sleep 12
            echo "Sweep done"
            """
          ])),
      cronJob(
        "embedding-sync", "ml-pipeline", schedule: "0 3 * * *", policy: "Forbid",
        template: pod(
          "sync", "ghcr.io/batchdeck-demo/embedding-sync:1.4", restartPolicy: "OnFailure",
          env: [
            [
              "name": "OPENAI_API_KEY",
              "valueFrom": ["secretKeyRef": ["name": "openai-credentials", "key": "api-key"]],
            ]
          ],
          annotations: [
            "sim.batchdeck.dev/duration": "4m", "sim.batchdeck.dev/log-lines-per-second": "0.5",
          ]),
        status: [
          "lastScheduleTime": lastSync.rfc3339,
          "lastSuccessfulTime": lastSync.addingTimeInterval(251).rfc3339,
        ]),
      finishedJob(lastSyncJob, "ml-pipeline", owner: "embedding-sync", start: lastSync),
      job(
        "model-migration", "ml-pipeline", backoffLimit: 2, ttl: 120,
        template: pod(
          "migrate", "ghcr.io/batchdeck-demo/model-migrator:2.0",
          env: [
            ["name": "TARGET_MODEL", "value": "small-embed-v2"],
            [
              "name": "DB_URL",
              "valueFrom": [
                "secretKeyRef": ["name": "db-credentials", "key": "connection-string"]
              ],
            ],
          ],
          annotations: [
            "sim.batchdeck.dev/duration": "90s", "sim.batchdeck.dev/log-lines-per-second": "0.2",
          ])),
      cronJob(
        "report-export", "default", schedule: "*/2 * * * *", policy: "Forbid", deadline: 600,
        template: pod("export", "your-registry/report-exporter:v3")),
      cronJob(
        "feature-backfill", "ml-pipeline", schedule: "*/3 * * * *", backoffLimit: 2,
        template: pod(
          "backfill", "python:3.12-slim", command: ["python", "-c"],
          args: [
            """
            import time
            print("Connecting to the feature store...")
            time.sleep(6)
            print("ERROR: feature store refused the connection")
            exit(1)
            """
          ])),
      cronJob(
        "metrics-rollup", "default", schedule: "*/2 * * * *", completions: 6, parallelism: 2,
        template: pod(
          "rollup", "busybox:1.36", command: ["sh", "-c"],
          args: [
            """
            echo "Rolling up metrics on $(hostname)"
            sleep 8
            echo "Aggregated one hour of samples"
            sleep 8
            echo "Rollup written"
            """
          ])),
      cronJob(
        "weekly-reindex", "default", schedule: "30 4 * * 0", suspend: true,
        template: pod("reindex", "busybox:1.36")),
    ]
  }

  private static func previousRun(of expression: String, before now: Date) -> Date {
    let utc = TimeZone(identifier: "UTC") ?? .gmt
    guard let schedule = try? CronSchedule.parse(expression),
      let next = schedule.next(after: now.addingTimeInterval(-86_400), in: utc)
    else { return now.addingTimeInterval(-86_400) }
    return next > now ? next.addingTimeInterval(-86_400) : next
  }

  private static func namespace(_ name: String) -> JSONValue {
    ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
  }

  private static func secret(_ name: String, _ namespace: String, _ data: [String: String])
    -> JSONValue
  {
    [
      "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
      "metadata": ["name": .string(name), "namespace": .string(namespace)],
      "data": .strings(data),
    ]
  }

  private static func pod(
    _ name: String, _ image: String, command: [String] = [], restartPolicy: String = "Never",
    args: [String] = [], env: [JSONValue] = [], annotations: [String: String] = [:]
  ) -> JSONValue {
    var container: JSONValue = ["name": .string(name), "image": .string(image)]
    if !command.isEmpty { container["command"] = .array(command.map { .string($0) }) }
    if !args.isEmpty { container["args"] = .array(args.map { .string($0) }) }
    if !env.isEmpty { container["env"] = .array(env) }
    var template: JSONValue = [
      "spec": ["containers": [container], "restartPolicy": .string(restartPolicy)]
    ]
    if !annotations.isEmpty { template[path: ["metadata", "annotations"]] = .strings(annotations) }
    return template
  }

  private static func jobSpec(
    completions: Int64?, parallelism: Int64?, backoffLimit: Int64?, indexed: Bool,
    template: JSONValue
  ) -> JSONValue {
    var spec: JSONValue = ["template": template]
    if let completions { spec["completions"] = .int(completions) }
    if let parallelism { spec["parallelism"] = .int(parallelism) }
    if let backoffLimit { spec["backoffLimit"] = .int(backoffLimit) }
    if indexed { spec["completionMode"] = "Indexed" }
    return spec
  }

  private static func job(
    _ name: String, _ namespace: String, completions: Int64? = nil, parallelism: Int64? = nil,
    backoffLimit: Int64? = nil, indexed: Bool = false, ttl: Int64? = nil, template: JSONValue
  ) -> JSONValue {
    var spec = jobSpec(
      completions: completions, parallelism: parallelism, backoffLimit: backoffLimit,
      indexed: indexed, template: template)
    if let ttl { spec["ttlSecondsAfterFinished"] = .int(ttl) }
    return [
      "apiVersion": "batch/v1", "kind": "Job",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace), "labels": ["app": .string(name)],
      ],
      "spec": spec,
    ]
  }

  private static func cronJob(
    _ name: String, _ namespace: String, schedule: String, policy: String = "Allow",
    suspend: Bool = false, deadline: Int64? = nil, backoffLimit: Int64? = nil,
    completions: Int64? = nil, parallelism: Int64? = nil, template: JSONValue,
    status: JSONValue = [:]
  ) -> JSONValue {
    var jobTemplate = jobSpec(
      completions: completions, parallelism: parallelism, backoffLimit: backoffLimit,
      indexed: false,
      template: template)
    if let deadline { jobTemplate["activeDeadlineSeconds"] = .int(deadline) }
    return [
      "apiVersion": "batch/v1", "kind": "CronJob",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace), "labels": ["app": .string(name)],
      ],
      "spec": [
        "schedule": .string(schedule), "concurrencyPolicy": .string(policy),
        "suspend": .bool(suspend), "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1,
        "jobTemplate": ["metadata": ["labels": ["app": .string(name)]], "spec": jobTemplate],
      ],
      "status": status,
    ]
  }

  private static func finishedJob(_ name: String, _ namespace: String, owner: String, start: Date)
    -> JSONValue
  {
    let end = start.addingTimeInterval(251).rfc3339
    let reason = "CompletionsReached"
    let message = "Reached expected number of succeeded pods"
    let conditions: JSONValue = .array(
      ["SuccessCriteriaMet", "Complete"].map { type in
        [
          "type": .string(type), "status": "True", "reason": .string(reason),
          "message": .string(message), "lastProbeTime": end, "lastTransitionTime": end,
        ]
      })
    return [
      "apiVersion": "batch/v1", "kind": "Job",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace),
        "creationTimestamp": start.rfc3339, "labels": ["app": .string(owner)],
        "annotations": [
          "batch.kubernetes.io/cronjob-scheduled-timestamp": start.rfc3339
        ],
        "ownerReferences": [
          [
            "apiVersion": "batch/v1", "kind": "CronJob", "name": .string(owner), "controller": true,
            "blockOwnerDeletion": true,
          ]
        ],
      ],
      "spec": jobSpec(
        completions: 1, parallelism: 1, backoffLimit: nil, indexed: false,
        template: pod(
          "sync", "ghcr.io/batchdeck-demo/embedding-sync:1.4", restartPolicy: "OnFailure")),
      "status": [
        "startTime": start.rfc3339, "completionTime": end, "succeeded": 1, "ready": 0,
        "terminating": 0, "conditions": conditions, "uncountedTerminatedPods": [:],
      ],
    ]
  }
}
