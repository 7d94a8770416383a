import APIMachinery
import Foundation

/// Decides, deterministically, what a pod's containers do. Rules, in order:
///
/// 1. Annotations on the pod (copied from the template) win: `sim.batchdeck.dev/duration`
///    (`20s`, `2m`), `sim.batchdeck.dev/exit-code`, `sim.batchdeck.dev/fail-times` (the first
///    N attempts fail), `sim.batchdeck.dev/log-lines-per-second`, `sim.batchdeck.dev/image-pull`
///    (`fail` or `ok`), `sim.batchdeck.dev/oom-kill: "true"` (failing runs end OOMKilled, 137).
/// 2. Images that cannot exist fail to pull (ErrImagePull, then ImagePullBackOff): registries
///    named like `your-registry`, `my-registry`, `example.com`, `*.invalid`, `*.example`,
///    and tags `doesnotexist`, `nonexistent`, `invalid`.
/// 3. `sh -c` / `python -c` scripts are read by `ScriptInterpreter`: echo/print lines become
///    log lines, sleeps the run time, exit the exit code.
/// 4. Otherwise the container runs 8–20 s (from a stable hash of the image and name), writes
///    a few generic progress lines and exits 0.
///
/// Secrets are checked by the kubelet at start (`missingSecret(for:in:store:)`): a missing
/// Secret or key holds the container in CreateContainerConfigError until it appears.
enum PodBehaviour {
  static let prefix = "sim.batchdeck.dev/"

  static func behaviour(for container: JSONValue, in pod: JSONValue) -> ContainerBehaviour {
    let annotations = (pod[path: ["metadata", "annotations"]]?.objectValue ?? [:])
      .compactMapValues(\.stringValue)
    let command = container.array("command").compactMap(\.stringValue)
    let args = container.array("args").compactMap(\.stringValue)
    let name = container.string("name") ?? ""
    let image = container.string("image") ?? ""
    var result =
      ScriptInterpreter.behaviour(command: command, args: args) ?? generic(name, image: image)
    if result.duration < 1 { result.duration = 1 }
    if let text = annotations[prefix + "duration"], let value = ScriptInterpreter.seconds(text) {
      result.duration = value
    }
    if let text = annotations[prefix + "exit-code"], let code = Int(text) { result.exitCode = code }
    if annotations[prefix + "oom-kill"] == "true" {
      result.oomKilled = true
      if result.exitCode == 0, result.failTimes == nil { result.exitCode = 137 }
    }
    if let text = annotations[prefix + "fail-times"], let count = Int(text) {
      result.failTimes = count
    }
    if let text = annotations[prefix + "log-lines-per-second"], let rate = Double(text), rate > 0 {
      result.linesPerSecond = rate
    }
    switch annotations[prefix + "image-pull"] {
    case "fail": result.imagePullError = pullError(image)
    case "ok": result.imagePullError = nil
    default: result.imagePullError = imageExists(image) ? nil : pullError(image)
    }
    return result
  }

  /// Whether a simulated registry would serve `image`.
  static func imageExists(_ image: String) -> Bool {
    let parts = image.split(separator: "/").map(String.init)
    guard let last = parts.last, !image.isEmpty else { return false }
    let badRegistries = [
      "your-registry", "my-registry", "your-repo", "example.com", "registry.example.com",
    ]
    if let registry = parts.first, parts.count > 1 {
      if badRegistries.contains(registry) || registry.hasSuffix(".invalid")
        || registry.hasSuffix(".example") || registry.hasSuffix(".example.com")
      {
        return false
      }
    }
    let tag = last.split(separator: ":").dropFirst().first.map(String.init) ?? "latest"
    return !["doesnotexist", "nonexistent", "invalid", "missing"].contains(tag)
  }

  static func pullError(_ image: String) -> String {
    let reference = image.contains("/") ? image : "docker.io/library/\(image)"
    return "failed to pull and unpack image \"\(reference)\": failed to resolve reference "
      + "\"\(reference)\": pull access denied, repository does not exist or may require "
      + "authorization"
  }

  private static func generic(_ name: String, image: String) -> ContainerBehaviour {
    let hash = stableHash(image + "/" + name)
    let duration = Double(8 + hash % 13)
    let steps = 4
    var lines = [ContainerBehaviour.Line(offset: 0, text: "starting \(name) (\(image))")]
    for step in 1...steps {
      let offset = duration * Double(step) / Double(steps + 1)
      lines.append(.init(offset: offset, text: "\(name): step \(step)/\(steps) done"))
    }
    lines.append(.init(offset: duration, text: "\(name) finished"))
    return ContainerBehaviour(lines: lines, duration: duration)
  }

  /// The CreateContainerConfigError message when a Secret or key `container` needs is missing.
  static func missingSecret(for container: JSONValue, in pod: JSONValue, store: ObjectStore)
    -> String?
  {
    let namespace = pod.namespace
    for env in container.array("env") {
      guard let ref = env[path: ["valueFrom", "secretKeyRef"]],
        let secretName = ref.string("name"), ref.bool("optional") != true
      else { continue }
      guard let secret = store.get(.secrets, namespace, secretName) else {
        return "secret \"\(secretName)\" not found"
      }
      let key = ref.string("key") ?? ""
      if secret[path: ["data", key]] == nil, secret[path: ["stringData", key]] == nil {
        return "couldn't find key \(key) in Secret \(namespace)/\(secretName)"
      }
    }
    for source in container.array("envFrom") {
      guard let secretName = source.string("secretRef", "name"),
        source.bool("secretRef", "optional") != true
      else { continue }
      if store.get(.secrets, namespace, secretName) == nil {
        return "secret \"\(secretName)\" not found"
      }
    }
    return nil
  }

  /// The container's environment as plain strings (fieldRefs resolved, secrets masked).
  static func environment(for container: JSONValue, in pod: JSONValue) -> [String: String] {
    var values: [String: String] = ["HOSTNAME": pod.name]
    for env in container.array("env") {
      guard let name = env.string("name") else { continue }
      if let value = env.string("value") {
        values[name] = value
      } else if let path = env.string("valueFrom", "fieldRef", "fieldPath") {
        values[name] = fieldValue(path, pod)
      } else if env[path: ["valueFrom", "secretKeyRef"]] != nil {
        values[name] = "********"
      }
    }
    return values
  }

  private static func fieldValue(_ path: String, _ pod: JSONValue) -> String {
    switch path {
    case "metadata.name": return pod.name
    case "metadata.namespace": return pod.namespace
    case "spec.nodeName": return pod.string("spec", "nodeName") ?? ""
    default: break
    }
    for map in ["annotations", "labels"] where path.hasPrefix("metadata.\(map)['") {
      let key = path.dropFirst("metadata.\(map)['".count).dropLast(2)
      return pod.string("metadata", map, String(key)) ?? ""
    }
    return ""
  }
}
