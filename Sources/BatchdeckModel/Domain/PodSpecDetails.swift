import Foundation

/// The parts of a container's spec that only describe prints: ports, command, environment,
/// mounts, resources and probes. Empty by default, so a container costs nothing extra when the
/// fields are absent.
public struct ContainerDetails: Sendable, Hashable {
  public var ports: [ContainerPort] = []
  public var command: [String] = []
  public var args: [String] = []
  public var env: [EnvVar] = []
  public var envFrom: [EnvFromSource] = []
  public var mounts: [VolumeMount] = []
  /// `resources.limits` in the order they were read.
  public var limits: [ResourceAmount] = []
  /// `resources.requests` in the order they were read.
  public var requests: [ResourceAmount] = []
  /// Liveness, readiness and startup probes that are set.
  public var probes: [Probe] = []

  public init() {}
}

/// One entry of `ports`.
public struct ContainerPort: Sendable, Hashable {
  public var name: String
  public var containerPort: Int
  public var hostPort: Int
  /// `TCP`, `UDP` or `SCTP`.
  public var protocolName: String

  public init(
    name: String = "", containerPort: Int, hostPort: Int = 0, protocolName: String = "TCP"
  ) {
    self.name = name
    self.containerPort = containerPort
    self.hostPort = hostPort
    self.protocolName = protocolName
  }
}

/// One entry of `env`: a literal value or a reference.
public struct EnvVar: Sendable, Hashable {
  /// Where an environment variable's value comes from.
  public enum Source: Sendable, Hashable {
    case value(String)
    /// `fieldRef`: an API version and a field path of the pod.
    case field(apiVersion: String, path: String)
    /// `resourceFieldRef`: a container's resource, e.g. `limits.cpu`.
    case resource(container: String, resource: String)
    case secretKey(name: String, key: String, optional: Bool)
    case configMapKey(name: String, key: String, optional: Bool)
  }

  public var name: String
  public var source: Source

  public init(name: String, source: Source) {
    self.name = name
    self.source = source
  }
}

/// One entry of `envFrom`: all keys of a ConfigMap or Secret.
public struct EnvFromSource: Sendable, Hashable {
  /// `ConfigMap` or `Secret`.
  public var kind: String
  public var name: String
  public var prefix: String
  public var optional: Bool

  public init(kind: String, name: String, prefix: String = "", optional: Bool = false) {
    self.kind = kind
    self.name = name
    self.prefix = prefix
    self.optional = optional
  }
}

/// One entry of `volumeMounts`.
public struct VolumeMount: Sendable, Hashable {
  public var name: String
  public var mountPath: String
  public var readOnly: Bool
  public var subPath: String

  public init(name: String, mountPath: String, readOnly: Bool = false, subPath: String = "") {
    self.name = name
    self.mountPath = mountPath
    self.readOnly = readOnly
    self.subPath = subPath
  }
}

/// A resource name with its quantity as written, e.g. `cpu` `500m`.
public struct ResourceAmount: Sendable, Hashable {
  public var name: String
  public var quantity: String

  public init(name: String, quantity: String) {
    self.name = name
    self.quantity = quantity
  }
}

/// A liveness, readiness or startup probe.
public struct Probe: Sendable, Hashable {
  /// Which of the container's probes this is.
  public enum Purpose: String, Sendable, Hashable {
    case liveness = "Liveness"
    case readiness = "Readiness"
    case startup = "Startup"
  }

  /// What the probe does.
  public enum Action: Sendable, Hashable {
    case exec([String])
    case httpGet(scheme: String, host: String, port: String, path: String)
    case tcpSocket(host: String, port: String)
    case grpc(port: Int, service: String)
    case unknown
  }

  public var purpose: Purpose
  public var action: Action
  public var initialDelaySeconds = 0
  public var timeoutSeconds = 1
  public var periodSeconds = 10
  public var successThreshold = 1
  public var failureThreshold = 3

  public init(purpose: Purpose, action: Action) {
    self.purpose = purpose
    self.action = action
  }
}

/// One entry of `volumes`: its name and the kind of source, with the kind's own fields.
public struct Volume: Sendable, Hashable {
  /// The volume's source, for the kinds describe spells out; others by their field name.
  public enum Source: Sendable, Hashable {
    case hostPath(path: String, type: String)
    case emptyDir(medium: String, sizeLimit: String)
    case secret(name: String, optional: Bool)
    case configMap(name: String, optional: Bool)
    case persistentVolumeClaim(claimName: String, readOnly: Bool)
    case projected([ProjectedSource])
    /// Any other kind, by its field name (e.g. `nfs`, `csi`).
    case other(String)
  }

  public var name: String
  public var source: Source

  public init(name: String, source: Source) {
    self.name = name
    self.source = source
  }
}

/// One source of a projected volume.
public enum ProjectedSource: Sendable, Hashable {
  /// A Secret; `optional` is `nil` when the field is absent.
  case secret(name: String, optional: Bool?)
  /// A ConfigMap; `optional` is `nil` when the field is absent.
  case configMap(name: String, optional: Bool?)
  case downwardAPI
  case serviceAccountToken(expirationSeconds: Int64)
  case other
}

/// One entry of `tolerations`.
public struct Toleration: Sendable, Hashable {
  public var key: String
  /// `Exists` or `Equal`.
  public var operatorName: String
  public var value: String
  public var effect: String
  public var tolerationSeconds: Int64?

  public init(
    key: String = "", operatorName: String = "Equal", value: String = "", effect: String = "",
    tolerationSeconds: Int64? = nil
  ) {
    self.key = key
    self.operatorName = operatorName
    self.value = value
    self.effect = effect
    self.tolerationSeconds = tolerationSeconds
  }
}

/// Pod spec fields that only describe prints, shared by pods and pod templates.
public struct PodSpecDetails: Sendable, Hashable {
  public var priorityClassName = ""
  public var runtimeClassName = ""
  public var volumes: [Volume] = []
  public var nodeSelector: [String: String] = [:]
  public var tolerations: [Toleration] = []
  /// `readinessGates[].conditionType`.
  public var readinessGates: [String] = []

  public init() {}
}

/// The pod template of a Job or CronJob beyond its labels and containers, for describe.
public struct PodTemplateDetails: Sendable, Hashable {
  public var annotations: [String: String] = [:]
  public var serviceAccountName = ""
  public var initContainers: [ContainerSpec] = []
  public var spec = PodSpecDetails()

  public init() {}
}
