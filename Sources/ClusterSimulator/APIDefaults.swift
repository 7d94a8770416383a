import APIMachinery

/// The defaulting the API server applies on create (KUBERNETES.md 1.2, 1.3, 7.1).
enum APIDefaults {
  /// Defaults any supported object; Jobs also get their generated selector and labels, which
  /// needs the UID, so call this after the UID is known.
  static func apply(_ resource: Resource, to object: inout JSONValue) {
    switch resource {
    case .jobs: defaultJob(&object)
    case .cronjobs: defaultCronJob(&object)
    case .pods: defaultPod(&object)
    default: break
    }
  }

  static func defaultCronJob(_ cronJob: inout JSONValue) {
    setIfMissing(&cronJob, ["spec", "concurrencyPolicy"], "Allow")
    setIfMissing(&cronJob, ["spec", "suspend"], false)
    setIfMissing(&cronJob, ["spec", "successfulJobsHistoryLimit"], 3)
    setIfMissing(&cronJob, ["spec", "failedJobsHistoryLimit"], 1)
    if var template = cronJob[path: ["spec", "jobTemplate", "spec", "template"]] {
      defaultPodSpec(&template, path: ["spec"])
      cronJob[path: ["spec", "jobTemplate", "spec", "template"]] = template
    }
    setIfMissing(&cronJob, ["status"], [:])
  }

  static func defaultJob(_ job: inout JSONValue) {
    if job[path: ["spec", "parallelism"]] == nil {
      job[path: ["spec", "parallelism"]] = 1
      if job[path: ["spec", "completions"]] == nil { job[path: ["spec", "completions"]] = 1 }
    }
    let perIndex = job[path: ["spec", "backoffLimitPerIndex"]] != nil
    setIfMissing(&job, ["spec", "backoffLimit"], .int(perIndex ? 2_147_483_647 : 6))
    setIfMissing(&job, ["spec", "completionMode"], "NonIndexed")
    setIfMissing(&job, ["spec", "suspend"], false)
    setIfMissing(&job, ["spec", "manualSelector"], false)
    let hasFailurePolicy = job[path: ["spec", "podFailurePolicy"]] != nil
    setIfMissing(
      &job, ["spec", "podReplacementPolicy"],
      .string(hasFailurePolicy ? "Failed" : "TerminatingOrFailed"))
    if var template = job[path: ["spec", "template"]] {
      defaultPodSpec(&template, path: ["spec"])
      job[path: ["spec", "template"]] = template
    }
    if job.bool("spec", "manualSelector") != true {
      let uid = JSONValue.string(job.uid)
      let name = JSONValue.string(job.name)
      let generated: [(String, JSONValue)] = [
        ("batch.kubernetes.io/controller-uid", uid), ("batch.kubernetes.io/job-name", name),
        ("controller-uid", uid), ("job-name", name),
      ]
      for (key, value) in generated {
        setIfMissing(&job, ["spec", "template", "metadata", "labels", key], value)
      }
      setIfMissing(
        &job, ["spec", "selector", "matchLabels", "batch.kubernetes.io/controller-uid"], uid)
    }
    if job[path: ["metadata", "labels"]]?.objectValue?.isEmpty ?? true,
      let labels = job[path: ["spec", "template", "metadata", "labels"]]
    {
      job[path: ["metadata", "labels"]] = labels
    }
    setIfMissing(&job, ["status"], [:])
  }

  static func defaultPod(_ pod: inout JSONValue) {
    defaultPodSpec(&pod, path: ["spec"])
    setIfMissing(&pod, ["spec", "serviceAccountName"], "default")
    setIfMissing(&pod, ["spec", "serviceAccount"], "default")
    setIfMissing(&pod, ["spec", "enableServiceLinks"], true)
    setIfMissing(&pod, ["spec", "priority"], 0)
    setIfMissing(&pod, ["spec", "preemptionPolicy"], "PreemptLowerPriority")
    setIfMissing(
      &pod, ["spec", "tolerations"],
      [
        toleration("node.kubernetes.io/not-ready"),
        toleration("node.kubernetes.io/unreachable"),
      ])
    setIfMissing(&pod, ["status", "phase"], "Pending")
    let requested = pod.array("spec", "containers").contains {
      !($0[path: ["resources", "requests"]]?.objectValue?.isEmpty ?? true)
        || !($0[path: ["resources", "limits"]]?.objectValue?.isEmpty ?? true)
    }
    setIfMissing(&pod, ["status", "qosClass"], .string(requested ? "Burstable" : "BestEffort"))
  }

  /// Defaults a PodSpec found at `path` inside `holder` (a pod or a pod template).
  static func defaultPodSpec(_ holder: inout JSONValue, path: [String]) {
    setIfMissing(&holder, path + ["restartPolicy"], "Always")
    setIfMissing(&holder, path + ["terminationGracePeriodSeconds"], 30)
    setIfMissing(&holder, path + ["dnsPolicy"], "ClusterFirst")
    setIfMissing(&holder, path + ["schedulerName"], "default-scheduler")
    setIfMissing(&holder, path + ["securityContext"], [:])
    let containers = holder[path: path + ["containers"]]?.arrayValue ?? []
    holder[path: path + ["containers"]] = .array(containers.map(defaultContainer))
  }

  private static func defaultContainer(_ input: JSONValue) -> JSONValue {
    var container = input
    setIfMissing(&container, ["terminationMessagePath"], "/dev/termination-log")
    setIfMissing(&container, ["terminationMessagePolicy"], "File")
    setIfMissing(&container, ["resources"], [:])
    let image = container.string("image") ?? ""
    let lastPart = image.split(separator: "/").last.map(String.init) ?? image
    let pinned = lastPart.contains(":") && !lastPart.hasSuffix(":latest") || image.contains("@")
    setIfMissing(&container, ["imagePullPolicy"], .string(pinned ? "IfNotPresent" : "Always"))
    return container
  }

  private static func toleration(_ key: String) -> JSONValue {
    [
      "key": .string(key), "operator": "Exists", "effect": "NoExecute",
      "tolerationSeconds": 300,
    ]
  }

  private static func setIfMissing(_ object: inout JSONValue, _ path: [String], _ value: JSONValue)
  {
    if object[path: path] == nil || object[path: path] == .null { object[path: path] = value }
  }
}
