/// Field numbers of the Kubernetes protobuf messages the server decodes (from the API's
/// `generated.proto` files), with JSON names. Fields not listed here are dropped.
enum ProtobufSchema {
  /// How one field is read.
  enum FieldType {
    case string, strings, int, bool, time, map
    case message(String)
    case messages(String)
    /// An embedded struct whose fields appear in the parent's JSON (LocalObjectReference).
    case inline(String)
  }

  /// Field number → JSON name and type.
  typealias Message = [Int: (String, FieldType)]

  /// The top-level kinds accepted in protobuf bodies.
  static let kinds: [String: Message] = [
    "Job": named("Job"), "CronJob": named("CronJob"), "Pod": named("Pod"),
    "SelfSubjectAccessReview": named("SelfSubjectAccessReview"),
    "Secret": named("Secret"), "Namespace": ["metadata": (1, .message("ObjectMeta"))].schema,
  ]

  static func named(_ name: String) -> Message { table[name]?.schema ?? [:] }

  private static let table: [String: [String: (Int, FieldType)]] = [
    "ObjectMeta": [
      "name": (1, .string), "generateName": (2, .string), "namespace": (3, .string),
      "uid": (5, .string), "resourceVersion": (6, .string),
      "creationTimestamp": (8, .time), "labels": (11, .map), "annotations": (12, .map),
      "ownerReferences": (13, .messages("OwnerReference")), "finalizers": (14, .strings),
    ],
    "OwnerReference": [
      "kind": (1, .string), "name": (3, .string), "uid": (4, .string),
      "apiVersion": (5, .string), "controller": (6, .bool), "blockOwnerDeletion": (7, .bool),
    ],
    "Job": ["metadata": (1, .message("ObjectMeta")), "spec": (2, .message("JobSpec"))],
    "JobSpec": [
      "parallelism": (1, .int), "completions": (2, .int), "activeDeadlineSeconds": (3, .int),
      "selector": (4, .message("LabelSelector")), "manualSelector": (5, .bool),
      "template": (6, .message("PodTemplateSpec")), "backoffLimit": (7, .int),
      "ttlSecondsAfterFinished": (8, .int), "completionMode": (9, .string),
      "suspend": (10, .bool), "podReplacementPolicy": (14, .string),
    ],
    "CronJob": ["metadata": (1, .message("ObjectMeta")), "spec": (2, .message("CronJobSpec"))],
    "CronJobSpec": [
      "schedule": (1, .string), "startingDeadlineSeconds": (2, .int),
      "concurrencyPolicy": (3, .string), "suspend": (4, .bool),
      "jobTemplate": (5, .message("JobTemplateSpec")), "successfulJobsHistoryLimit": (6, .int),
      "failedJobsHistoryLimit": (7, .int), "timeZone": (8, .string),
    ],
    "JobTemplateSpec": [
      "metadata": (1, .message("ObjectMeta")), "spec": (2, .message("JobSpec")),
    ],
    "LabelSelector": [
      "matchLabels": (1, .map), "matchExpressions": (2, .messages("LabelSelectorRequirement")),
    ],
    "LabelSelectorRequirement": [
      "key": (1, .string), "operator": (2, .string), "values": (3, .strings),
    ],
    "PodTemplateSpec": ["metadata": (1, .message("ObjectMeta")), "spec": (2, .message("PodSpec"))],
    "Pod": ["metadata": (1, .message("ObjectMeta")), "spec": (2, .message("PodSpec"))],
    "PodSpec": [
      "containers": (2, .messages("Container")), "restartPolicy": (3, .string),
      "terminationGracePeriodSeconds": (4, .int), "activeDeadlineSeconds": (5, .int),
      "dnsPolicy": (6, .string), "nodeSelector": (7, .map), "serviceAccountName": (8, .string),
      "nodeName": (10, .string), "hostname": (16, .string), "subdomain": (17, .string),
      "schedulerName": (19, .string), "initContainers": (20, .messages("Container")),
      "priorityClassName": (24, .string),
    ],
    "Container": [
      "name": (1, .string), "image": (2, .string), "command": (3, .strings),
      "args": (4, .strings), "workingDir": (5, .string), "env": (7, .messages("EnvVar")),
      "terminationMessagePath": (13, .string), "imagePullPolicy": (14, .string),
      "envFrom": (19, .messages("EnvFromSource")), "terminationMessagePolicy": (20, .string),
      "restartPolicy": (24, .string),
    ],
    "EnvVar": [
      "name": (1, .string), "value": (2, .string), "valueFrom": (3, .message("EnvVarSource")),
    ],
    "EnvVarSource": [
      "fieldRef": (1, .message("ObjectFieldSelector")),
      "configMapKeyRef": (3, .message("KeySelector")), "secretKeyRef": (4, .message("KeySelector")),
    ],
    "ObjectFieldSelector": ["apiVersion": (1, .string), "fieldPath": (2, .string)],
    "KeySelector": [
      "localObjectReference": (1, .inline("LocalObjectReference")), "key": (2, .string),
      "optional": (3, .bool),
    ],
    "LocalObjectReference": ["name": (1, .string)],
    "EnvFromSource": [
      "prefix": (1, .string), "configMapRef": (2, .message("EnvSource")),
      "secretRef": (3, .message("EnvSource")),
    ],
    "EnvSource": [
      "localObjectReference": (1, .inline("LocalObjectReference")), "optional": (2, .bool),
    ],
    "Secret": [
      "metadata": (1, .message("ObjectMeta")), "type": (3, .string), "immutable": (5, .bool),
    ],
    "SelfSubjectAccessReview": [
      "metadata": (1, .message("ObjectMeta")),
      "spec": (2, .message("SelfSubjectAccessReviewSpec")),
    ],
    "SelfSubjectAccessReviewSpec": [
      "resourceAttributes": (1, .message("ResourceAttributes")),
      "nonResourceAttributes": (2, .message("NonResourceAttributes")),
    ],
    "ResourceAttributes": [
      "namespace": (1, .string), "verb": (2, .string), "group": (3, .string),
      "version": (4, .string), "resource": (5, .string), "subresource": (6, .string),
      "name": (7, .string),
    ],
    "NonResourceAttributes": ["path": (1, .string), "verb": (2, .string)],
  ]
}

extension Dictionary where Key == String, Value == (Int, ProtobufSchema.FieldType) {
  /// Keyed by field number instead of JSON name.
  var schema: ProtobufSchema.Message {
    [Int: (String, ProtobufSchema.FieldType)](
      uniqueKeysWithValues: map { ($0.value.0, ($0.key, $0.value.1)) })
  }
}
