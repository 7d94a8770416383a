import APIMachinery
import Foundation

/// A large, deterministic cluster for benchmarks: `cronJobs` CronJobs spread over
/// `namespaces` namespaces, `jobs` Jobs owned by them in turn, and `pods` Pods owned by the
/// Jobs in turn, each object about as large as a real API server sends it (labels,
/// annotations, managed fields, env, statuses).
///
/// ```swift
/// let scenario = ScaleScenario(cronJobs: 10, jobs: 100, pods: 100, namespaces: 2)
/// try simulator.load(objects: scenario.objects(now: simulator.clock.now), asStored: true)
/// ```
public struct ScaleScenario: Sendable, Hashable {
  public var cronJobs: Int
  public var jobs: Int
  public var pods: Int
  public var namespaces: Int
  /// Changes a second that `ScaleChurn` applies.
  public var churnPerSecond: Int
  /// Fixes every generated value.
  public var seed: UInt64

  /// The defaults are the benchmark's scale: 1,000 CronJobs, 10,000 Jobs, 10,000 Pods.
  public init(
    cronJobs: Int = 1_000, jobs: Int = 10_000, pods: Int = 10_000, namespaces: Int = 20,
    churnPerSecond: Int = 100, seed: UInt64 = 0x5CA1E
  ) {
    self.cronJobs = max(1, cronJobs)
    self.jobs = max(0, jobs)
    self.pods = jobs > 0 ? max(0, pods) : 0
    self.namespaces = max(1, namespaces)
    self.churnPerSecond = max(0, churnPerSecond)
    self.seed = seed
  }

  /// The namespace of CronJob `index` (and of its Jobs and Pods).
  public func namespace(ofCronJob index: Int) -> String { "team-\(index % namespaces)" }

  public func cronJobName(_ index: Int) -> String { "report-\(index)" }

  /// Job `index` belongs to CronJob `index % cronJobs`, as its `index / cronJobs`th run.
  public func jobName(_ index: Int) -> String {
    "\(cronJobName(index % cronJobs))-\(29_000_000 + index / cronJobs)"
  }

  /// Pod `index` belongs to Job `index % jobs`.
  public func podName(_ index: Int) -> String {
    var random = SeededRandom(seed: seed ^ UInt64(index))
    return "\(jobName(index % max(1, jobs)))-\(random.nameSuffix())"
  }

  /// The namespace of Pod `index`.
  public func namespace(ofPod index: Int) -> String {
    namespace(ofCronJob: (index % max(1, jobs)) % cronJobs)
  }

  /// Every object, CronJobs first, then Jobs, then Pods.
  public func objects(now: Date) -> [JSONValue] {
    var objects: [JSONValue] = []
    objects.reserveCapacity(cronJobs + jobs + pods)
    for index in 0..<cronJobs { objects.append(cronJob(index, now: now)) }
    for index in 0..<jobs { objects.append(job(index, now: now)) }
    for index in 0..<pods { objects.append(pod(index, now: now)) }
    return objects
  }

  /// When run `run` of a CronJob started: one run an hour, the newest an hour ago.
  func started(run: Int, of cronJob: Int, now: Date) -> Date {
    let runs = (jobs + cronJobs - 1) / cronJobs
    return now.addingTimeInterval(-Double(runs - run) * 3_600 - Double(cronJob % 60) * 7)
  }

  /// Whether Job `index` failed (about one in twelve, decided by the seed).
  func failed(job index: Int) -> Bool {
    var random = SeededRandom(seed: seed &+ UInt64(index) &* 31)
    return random.next() % 12 == 0
  }

  func labels(cronJob index: Int) -> [String: JSONValue] {
    [
      "app.kubernetes.io/name": .string(cronJobName(index)),
      "app.kubernetes.io/part-of": "reporting",
      "app.kubernetes.io/managed-by": "helm",
      "team": .string(namespace(ofCronJob: index)),
      "tier": .string(index % 3 == 0 ? "critical" : "batch"),
    ]
  }

  static func managedFields(manager: String, time: Date, fields: [String]) -> JSONValue {
    var spec: [String: JSONValue] = [:]
    for field in fields { spec["f:\(field)"] = [:] }
    return [
      [
        "manager": .string(manager), "operation": "Update", "apiVersion": "batch/v1",
        "time": .string(RFC3339.format(time)), "fieldsType": "FieldsV1",
        "fieldsV1": [
          "f:metadata": ["f:labels": [:], "f:annotations": [:]], "f:spec": .object(spec),
        ],
      ],
      [
        "manager": "kube-controller-manager", "operation": "Update", "apiVersion": "batch/v1",
        "time": .string(RFC3339.format(time)), "fieldsType": "FieldsV1", "subresource": "status",
        "fieldsV1": ["f:status": ["f:conditions": [:], "f:startTime": [:], "f:active": [:]]],
      ],
    ]
  }

  static func container(name: String, index: Int) -> JSONValue {
    let env: [JSONValue] = (0..<12).map { variable in
      [
        "name": .string("REPORT_SETTING_\(variable)"),
        "value": .string("value-\(index)-\(variable)-\(String(repeating: "x", count: 24))"),
      ]
    }
    return [
      "name": .string(name),
      "image": .string("registry.example.com/reporting/worker:1.24.\(index % 9)"),
      "imagePullPolicy": "IfNotPresent",
      "command": [
        "/bin/sh", "-c", .string("run-report --window 1h --output s3://reports/\(name)"),
      ],
      "env": .array(env),
      "resources": [
        "requests": ["cpu": "250m", "memory": "256Mi"], "limits": ["cpu": "1", "memory": "1Gi"],
      ],
      "volumeMounts": [
        ["name": "config", "mountPath": "/etc/report"],
        [
          "name": "kube-api-access", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
          "readOnly": true,
        ],
      ],
      "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
    ]
  }
}
