import APIMachinery
import BatchdeckModel

extension ContainerDetails {
  /// Reads the describe-only fields of a container; missing fields stay empty.
  init(wire container: JSONValue) {
    self.init()
    ports = container.list("ports").map {
      ContainerPort(
        name: $0.string("name"), containerPort: $0.int("containerPort"),
        hostPort: $0.int("hostPort"), protocolName: $0.optionalString("protocol") ?? "TCP")
    }
    command = container.list("command").compactMap(\.stringValue)
    args = container.list("args").compactMap(\.stringValue)
    env = container.list("env").map(EnvVar.init(wire:))
    envFrom = container.list("envFrom").compactMap(EnvFromSource.init(wire:))
    mounts = container.list("volumeMounts").map {
      VolumeMount(
        name: $0.string("name"), mountPath: $0.string("mountPath"),
        readOnly: $0.optionalBool("readOnly") ?? false, subPath: $0.string("subPath"))
    }
    limits = Self.amounts(container[path: ["resources", "limits"]])
    requests = Self.amounts(container[path: ["resources", "requests"]])
    let purposes: [(String, Probe.Purpose)] = [
      ("livenessProbe", .liveness), ("readinessProbe", .readiness), ("startupProbe", .startup),
    ]
    probes = purposes.compactMap { key, purpose in
      container[key].map { Probe(wire: $0, purpose: purpose) }
    }
  }

  static func amounts(_ list: JSONValue?) -> [ResourceAmount] {
    (list?.objectValue ?? [:]).map { ResourceAmount(name: $0.key, quantity: $0.value.quantity) }
      .sorted { $0.name < $1.name }
  }
}

extension JSONValue {
  /// A quantity or int-or-string as text: strings as they are, numbers in decimal.
  var quantity: String {
    switch self {
    case .string(let text): text
    case .int(let number): "\(number)"
    case .double(let number): "\(number)"
    default: ""
    }
  }
}

extension EnvVar {
  init(wire env: JSONValue) {
    let name = env.string("name")
    guard let from = env["valueFrom"] else {
      self.init(name: name, source: .value(env.string("value")))
      return
    }
    if let field = from["fieldRef"] {
      self.init(
        name: name,
        source: .field(
          apiVersion: field.optionalString("apiVersion") ?? "v1",
          path: field.string("fieldPath")))
    } else if let resource = from["resourceFieldRef"] {
      self.init(
        name: name,
        source: .resource(
          container: resource.string("containerName"), resource: resource.string("resource")))
    } else if let secret = from["secretKeyRef"] {
      self.init(
        name: name,
        source: .secretKey(
          name: secret.string("name"), key: secret.string("key"),
          optional: secret.optionalBool("optional") ?? false))
    } else if let configMap = from["configMapKeyRef"] {
      self.init(
        name: name,
        source: .configMapKey(
          name: configMap.string("name"), key: configMap.string("key"),
          optional: configMap.optionalBool("optional") ?? false))
    } else {
      self.init(name: name, source: .value(""))
    }
  }
}

extension EnvFromSource {
  init?(wire source: JSONValue) {
    let prefix = source.string("prefix")
    if let configMap = source["configMapRef"] {
      self.init(
        kind: "ConfigMap", name: configMap.string("name"), prefix: prefix,
        optional: configMap.optionalBool("optional") ?? false)
    } else if let secret = source["secretRef"] {
      self.init(
        kind: "Secret", name: secret.string("name"), prefix: prefix,
        optional: secret.optionalBool("optional") ?? false)
    } else {
      return nil
    }
  }
}

extension Probe {
  /// Reads a probe; absent numbers take the API server's defaults.
  init(wire probe: JSONValue, purpose: Purpose) {
    let action: Action
    if let exec = probe["exec"] {
      action = .exec(exec.list("command").compactMap(\.stringValue))
    } else if let get = probe["httpGet"] {
      action = .httpGet(
        scheme: get.optionalString("scheme") ?? "HTTP", host: get.string("host"),
        port: get["port"]?.quantity ?? "", path: get.string("path"))
    } else if let socket = probe["tcpSocket"] {
      action = .tcpSocket(host: socket.string("host"), port: socket["port"]?.quantity ?? "")
    } else if let grpc = probe["grpc"] {
      action = .grpc(port: grpc.int("port"), service: grpc.string("service"))
    } else {
      action = .unknown
    }
    self.init(purpose: purpose, action: action)
    initialDelaySeconds = probe.int("initialDelaySeconds")
    timeoutSeconds = probe.int("timeoutSeconds", default: 1)
    periodSeconds = probe.int("periodSeconds", default: 10)
    successThreshold = probe.int("successThreshold", default: 1)
    failureThreshold = probe.int("failureThreshold", default: 3)
  }
}

extension Volume {
  init(wire volume: JSONValue) {
    let name = volume.string("name")
    let source: Source
    if let hostPath = volume["hostPath"] {
      source = .hostPath(path: hostPath.string("path"), type: hostPath.string("type"))
    } else if let emptyDir = volume["emptyDir"] {
      source = .emptyDir(
        medium: emptyDir.string("medium"), sizeLimit: emptyDir["sizeLimit"]?.quantity ?? "")
    } else if let secret = volume["secret"] {
      source = .secret(
        name: secret.string("secretName"), optional: secret.optionalBool("optional") ?? false)
    } else if let configMap = volume["configMap"] {
      source = .configMap(
        name: configMap.string("name"), optional: configMap.optionalBool("optional") ?? false)
    } else if let claim = volume["persistentVolumeClaim"] {
      source = .persistentVolumeClaim(
        claimName: claim.string("claimName"), readOnly: claim.optionalBool("readOnly") ?? false)
    } else if let projected = volume["projected"] {
      source = .projected(projected.list("sources").map(ProjectedSource.init(wire:)))
    } else {
      let kind = (volume.objectValue ?? [:]).keys.filter { $0 != "name" }.sorted().first
      source = .other(kind ?? "")
    }
    self.init(name: name, source: source)
  }
}

extension ProjectedSource {
  init(wire source: JSONValue) {
    if let secret = source["secret"] {
      self = .secret(name: secret.string("name"), optional: secret.optionalBool("optional"))
    } else if let configMap = source["configMap"] {
      self = .configMap(
        name: configMap.string("name"), optional: configMap.optionalBool("optional"))
    } else if source["downwardAPI"] != nil {
      self = .downwardAPI
    } else if let token = source["serviceAccountToken"] {
      self = .serviceAccountToken(
        expirationSeconds: token.optionalInt64("expirationSeconds") ?? 3600)
    } else {
      self = .other
    }
  }
}

extension Toleration {
  init(wire toleration: JSONValue) {
    self.init(
      key: toleration.string("key"),
      operatorName: toleration.optionalString("operator") ?? "Equal",
      value: toleration.string("value"), effect: toleration.string("effect"),
      tolerationSeconds: toleration.optionalInt64("tolerationSeconds"))
  }
}

extension PodSpecDetails {
  /// Reads the describe-only fields of a pod spec; missing fields stay empty.
  init(wire spec: JSONValue?) {
    self.init()
    guard let spec else { return }
    priorityClassName = spec.string("priorityClassName")
    runtimeClassName = spec.string("runtimeClassName")
    volumes = spec.list("volumes").map(Volume.init(wire:))
    nodeSelector = spec.stringMap("nodeSelector")
    tolerations = spec.list("tolerations").map(Toleration.init(wire:))
    readinessGates = spec.list("readinessGates").map { $0.string("conditionType") }
  }
}

extension PodTemplateDetails {
  /// Reads a pod template (`metadata` and `spec`) beyond its labels and containers.
  init(wire template: JSONValue?) {
    self.init()
    guard let template else { return }
    annotations = template.stringMap("metadata", "annotations")
    serviceAccountName = template.string("spec", "serviceAccountName")
    initContainers = template.list("spec", "initContainers").map(ContainerSpec.init(wire:))
    spec = PodSpecDetails(wire: template["spec"])
  }
}

extension ContainerSpec {
  init(wire container: JSONValue) {
    self.init(name: container.string("name"), image: container.string("image"))
    details = ContainerDetails(wire: container)
  }
}
