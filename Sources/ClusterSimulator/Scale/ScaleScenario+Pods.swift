import APIMachinery
import Foundation

extension ScaleScenario {
  /// Pod `index`: the Pod of Job `index % jobs`, in the phase its Job ended with.
  func pod(_ index: Int, now: Date) -> JSONValue {
    let jobIndex = index % max(1, jobs)
    let owner = jobIndex % cronJobs
    let start = started(run: jobIndex / cronJobs, of: owner, now: now)
    let failed = failed(job: jobIndex)
    let name = podName(index)
    var labels = labels(cronJob: owner)
    labels["job-name"] = .string(jobName(jobIndex))
    labels["controller-uid"] = .string("scale-\(jobIndex)")
    return [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace(ofCronJob: owner)),
        "creationTimestamp": .string(RFC3339.format(start)), "labels": .object(labels),
        "annotations": [
          "kubectl.kubernetes.io/default-container": "report",
          "prometheus.io/scrape": "true", "prometheus.io/port": "9102",
        ],
        "ownerReferences": [
          [
            "apiVersion": "batch/v1", "kind": "Job", "name": .string(jobName(jobIndex)),
            "controller": true, "blockOwnerDeletion": true,
          ]
        ],
        "managedFields": Self.managedFields(
          manager: "kubelet", time: start, fields: ["containers", "volumes"]),
      ],
      "spec": [
        "restartPolicy": "Never", "nodeName": .string("node-\(index % 50)"),
        "serviceAccountName": "default", "schedulerName": "default-scheduler",
        "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
        "containers": [Self.container(name: "report", index: owner)],
        "volumes": [
          ["name": "config", "configMap": ["name": "report-config", "defaultMode": 420]],
          [
            "name": "kube-api-access",
            "projected": [
              "defaultMode": 420,
              "sources": [
                ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt"]]]],
              ],
            ],
          ],
        ],
        "tolerations": [
          ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"]
        ],
      ],
      "status": Self.podStatus(
        phase: failed ? "Failed" : "Succeeded", start: start, exitCode: failed ? 1 : 0,
        index: index),
    ]
  }

  /// A status as the kubelet reports it: conditions, IPs and one container's state.
  static func podStatus(phase: String, start: Date, exitCode: Int, index: Int) -> JSONValue {
    let running = phase == "Running"
    let end = RFC3339.format(start.addingTimeInterval(60))
    let began = RFC3339.format(start.addingTimeInterval(2))
    let state: JSONValue =
      running
      ? ["running": ["startedAt": .string(began)]]
      : [
        "terminated": [
          "exitCode": .int(Int64(exitCode)), "reason": exitCode == 0 ? "Completed" : "Error",
          "startedAt": .string(began), "finishedAt": .string(end),
          "containerID": .string("containerd://\(String(repeating: "ab", count: 32))"),
        ]
      ]
    let conditions: [JSONValue] = [
      "PodReadyToStartContainers", "Initialized", "Ready",
      "ContainersReady", "PodScheduled",
    ].map { type in
      [
        "type": .string(type), "status": running || type == "PodScheduled" ? "True" : "False",
        "lastTransitionTime": .string(RFC3339.format(start)),
      ]
    }
    return [
      "phase": .string(phase), "conditions": .array(conditions),
      "hostIP": .string("10.0.\(index % 50).1"),
      "podIP": .string("10.244.\(index % 250).\(index % 200)"),
      "startTime": .string(RFC3339.format(start)), "qosClass": "Burstable",
      "containerStatuses": [
        [
          "name": "report", "ready": .bool(running), "restartCount": 0, "started": .bool(running),
          "image": "registry.example.com/reporting/worker:1.24.0",
          "imageID": .string(
            "registry.example.com/reporting/worker@sha256:\(String(repeating: "c", count: 64))"),
          "state": state,
        ]
      ],
    ]
  }
}
