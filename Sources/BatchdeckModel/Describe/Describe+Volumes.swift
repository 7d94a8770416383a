import Foundation

extension Describe {
  /// `describeVolumes`: `Volumes:` with one block per volume, or `<none>`. A template's
  /// heading is indented one level and its names by one more space.
  static func volumes(_ volumes: [Volume], template: Bool, into writer: inout DescribeWriter) {
    let space = template ? "  " : ""
    guard !volumes.isEmpty else {
      writer.write(0, "\(space)Volumes:\t<none>")
      return
    }
    writer.write(0, "\(space)Volumes:")
    for volume in volumes {
      writer.write(1, "\(template ? " " : "")\(volume.name):")
      volumeSource(volume.source, into: &writer)
    }
  }

  static func volumeSource(_ source: Volume.Source, into writer: inout DescribeWriter) {
    switch source {
    case .hostPath(let path, let type):
      writer.write(2, "Type:\tHostPath (bare host directory volume)")
      writer.write(2, "Path:\t\(path)")
      writer.write(2, "HostPathType:\t\(type.isEmpty ? "<none>" : type)")
    case .emptyDir(let medium, let sizeLimit):
      writer.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)")
      writer.write(2, "Medium:\t\(medium)")
      let positive = Quantity.parse(sizeLimit).map { $0 > 0 } ?? false
      writer.write(2, "SizeLimit:\t\(positive ? sizeLimit : "<unset>")")
    case .secret(let name, let optional):
      writer.write(2, "Type:\tSecret (a volume populated by a Secret)")
      writer.write(2, "SecretName:\t\(name)")
      writer.write(2, "Optional:\t\(optional)")
    case .configMap(let name, let optional):
      writer.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)")
      writer.write(2, "Name:\t\(name)")
      writer.write(2, "Optional:\t\(optional)")
    case .persistentVolumeClaim(let claimName, let readOnly):
      writer.write(
        2,
        "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same"
          + " namespace)")
      writer.write(2, "ClaimName:\t\(claimName)")
      writer.write(2, "ReadOnly:\t\(readOnly)")
    case .projected(let sources):
      writer.write(
        2, "Type:\tProjected (a volume that contains injected data from multiple sources)")
      for source in sources { projectedSource(source, into: &writer) }
    case .other(let kind):
      writer.write(2, "Type:\t\(kind)")
    }
  }

  static func projectedSource(_ source: ProjectedSource, into writer: inout DescribeWriter) {
    func optional(_ flag: Bool?) -> String { flag.map { "\($0)" } ?? "<nil>" }
    switch source {
    case .secret(let name, let flag):
      writer.write(2, "SecretName:\t\(name)")
      writer.write(2, "SecretOptionalName:\t\(optional(flag))")
    case .configMap(let name, let flag):
      writer.write(2, "ConfigMapName:\t\(name)")
      writer.write(2, "ConfigMapOptional:\t\(optional(flag))")
    case .downwardAPI:
      writer.write(2, "DownwardAPI:\ttrue")
    case .serviceAccountToken(let seconds):
      writer.write(2, "TokenExpirationSeconds:\t\(seconds)")
    case .other:
      break
    }
  }

  /// `Tolerations:` sorted by key, `key=value:Effect op=Exists for Ns`, or `<none>`;
  /// continuation lines start at the value column.
  static func tolerations(
    _ tolerations: [Toleration], level: Int, into writer: inout DescribeWriter
  ) {
    guard !tolerations.isEmpty else {
      writer.write(level, "Tolerations:\t<none>")
      return
    }
    let sorted = tolerations.enumerated().sorted {
      $0.element.key == $1.element.key ? $0.offset < $1.offset : $0.element.key < $1.element.key
    }.map(\.element)
    for (index, toleration) in sorted.enumerated() {
      var text = toleration.key
      if !toleration.value.isEmpty { text += "=\(toleration.value)" }
      if !toleration.effect.isEmpty { text += ":\(toleration.effect)" }
      if toleration.operatorName == "Exists", toleration.value.isEmpty {
        text += toleration.key.isEmpty && toleration.effect.isEmpty ? "op=Exists" : " op=Exists"
      }
      if let seconds = toleration.tolerationSeconds { text += " for \(seconds)s" }
      if index == 0 {
        writer.write(level, "Tolerations:\t\(text)")
      } else {
        writer.write(0, "\t\(text)")
      }
    }
  }

  /// The pod's QoS class: `status.qosClass` when reported, else derived from the containers'
  /// CPU and memory requests and limits as Kubernetes derives it.
  static func qosClass(_ pod: Pod) -> String {
    if !pod.qosClass.isEmpty { return pod.qosClass }
    let all = pod.containers.map(\.details) + pod.initContainers.map(\.details)
    var requests: [String: Decimal] = [:]
    var limits: [String: Decimal] = [:]
    var guaranteed = true
    func positive(_ amounts: [ResourceAmount]) -> [(String, Decimal)] {
      amounts.compactMap { amount in
        guard amount.name == "cpu" || amount.name == "memory",
          let value = Quantity.parse(amount.quantity), value > 0
        else { return nil }
        return (amount.name, value)
      }
    }
    for details in all {
      for (name, value) in positive(details.requests) { requests[name, default: 0] += value }
      let found = positive(details.limits)
      for (name, value) in found { limits[name, default: 0] += value }
      if !(found.contains { $0.0 == "cpu" } && found.contains { $0.0 == "memory" }) {
        guaranteed = false
      }
    }
    if requests.isEmpty, limits.isEmpty { return "BestEffort" }
    if guaranteed, requests.allSatisfy({ limits[$0.key] == $0.value }),
      requests.count == limits.count
    {
      return "Guaranteed"
    }
    return "Burstable"
  }
}

/// Kubernetes resource quantities (`500m`, `128Mi`, `1.5`, `2e3`) as exact decimals.
enum Quantity {
  static let suffixes: [String: Decimal] = [
    "": 1, "m": Decimal(string: "0.001")!, "k": 1_000, "M": 1_000_000, "G": 1_000_000_000,
    "T": Decimal(string: "1e12")!, "P": Decimal(string: "1e15")!, "E": Decimal(string: "1e18")!,
    "Ki": 1_024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": Decimal(1_099_511_627_776),
    "Pi": Decimal(1_125_899_906_842_624), "Ei": Decimal(1_152_921_504_606_846_976),
  ]

  /// The quantity's value, or `nil` when the text is not a quantity.
  static func parse(_ text: String) -> Decimal? {
    let number = text.prefix { "0123456789.+-".contains($0) }
    var suffix = String(text.dropFirst(number.count))
    var scale: Decimal = 1
    if let first = suffix.first, first == "e" || first == "E", suffix.count > 1,
      let exponent = Int(suffix.dropFirst())
    {
      let power = pow(Decimal(10), abs(exponent))
      scale = exponent < 0 ? 1 / power : power
      suffix = ""
    } else if let known = suffixes[suffix] {
      scale = known
    } else {
      return nil
    }
    guard !number.isEmpty, let value = Decimal(string: String(number)) else { return nil }
    return value * scale
  }
}
