import APIMachinery
import Foundation

extension ScaleScenario {
  /// CronJob `index`: hourly, with its newest run as the last schedule time.
  func cronJob(_ index: Int, now: Date) -> JSONValue {
    let name = cronJobName(index)
    let created = now.addingTimeInterval(-90 * 86_400)
    return [
      "apiVersion": "batch/v1", "kind": "CronJob",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace(ofCronJob: index)),
        "creationTimestamp": .string(RFC3339.format(created)),
        "labels": .object(labels(cronJob: index)),
        "annotations": [
          "meta.helm.sh/release-name": "reporting",
          "meta.helm.sh/release-namespace": .string(namespace(ofCronJob: index)),
          "owner.example.com/contact": "reporting-oncall@example.com",
        ],
        "managedFields": Self.managedFields(
          manager: "helm", time: created, fields: ["schedule", "jobTemplate"]),
      ],
      "spec": [
        "schedule": .string("\(index % 60) * * * *"), "concurrencyPolicy": "Forbid",
        "successfulJobsHistoryLimit": 10, "failedJobsHistoryLimit": 3,
        "jobTemplate": [
          "spec": [
            "backoffLimit": 2,
            "template": [
              "metadata": ["labels": .object(labels(cronJob: index))],
              "spec": [
                "restartPolicy": "Never",
                "containers": [Self.container(name: "report", index: index)],
              ],
            ],
          ]
        ],
      ],
      "status": [
        "lastScheduleTime": .string(RFC3339.format(started(run: runs - 1, of: index, now: now))),
        "lastSuccessfulTime": .string(
          RFC3339.format(started(run: runs - 1, of: index, now: now).addingTimeInterval(60))),
      ],
    ]
  }

  var runs: Int { max(1, (jobs + cronJobs - 1) / cronJobs) }

  /// Job `index`: finished (succeeded, or failed about one time in twelve) a minute after start.
  func job(_ index: Int, now: Date) -> JSONValue {
    let owner = index % cronJobs
    let start = started(run: index / cronJobs, of: owner, now: now)
    let end = start.addingTimeInterval(60)
    let failed = failed(job: index)
    var labels = labels(cronJob: owner)
    labels["job-name"] = .string(jobName(index))
    labels["batch.kubernetes.io/job-name"] = .string(jobName(index))
    let condition: JSONValue = [
      "type": failed ? "Failed" : "Complete", "status": "True",
      "lastProbeTime": .string(RFC3339.format(end)),
      "lastTransitionTime": .string(RFC3339.format(end)),
      "reason": failed ? "BackoffLimitExceeded" : "Completed",
      "message": failed ? "Job has reached the specified backoff limit" : "Reached expected number",
    ]
    var status: [String: JSONValue] = [
      "startTime": .string(RFC3339.format(start)), "conditions": [condition],
      "ready": 0, "terminating": 0,
      "uncountedTerminatedPods": [:],
    ]
    if failed {
      status["failed"] = 3
    } else {
      status["succeeded"] = 1
      status["completionTime"] = .string(RFC3339.format(end))
    }
    return [
      "apiVersion": "batch/v1", "kind": "Job",
      "metadata": [
        "name": .string(jobName(index)), "namespace": .string(namespace(ofCronJob: owner)),
        "creationTimestamp": .string(RFC3339.format(start)), "labels": .object(labels),
        "annotations": [
          "batch.kubernetes.io/cronjob-scheduled-timestamp": .string(
            RFC3339.format(start))
        ],
        "ownerReferences": [
          [
            "apiVersion": "batch/v1", "kind": "CronJob", "name": .string(cronJobName(owner)),
            "controller": true, "blockOwnerDeletion": true,
          ]
        ],
        "managedFields": Self.managedFields(
          manager: "kube-controller-manager", time: start, fields: ["template", "backoffLimit"]),
      ],
      "spec": [
        "backoffLimit": 2, "completions": 1, "parallelism": 1, "completionMode": "NonIndexed",
        "suspend": false,
        "template": [
          "metadata": ["labels": .object(labels)],
          "spec": [
            "restartPolicy": "Never", "containers": [Self.container(name: "report", index: owner)],
          ],
        ],
      ],
      "status": .object(status),
    ]
  }
}
