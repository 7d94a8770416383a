import APIMachinery
import ClusterSimulator

/// CronJobs are also served as `batch/v1beta1` (clusters older than 1.21 had only that):
/// the same objects, relabelled.
enum BetaVersion {
  static let groupVersion = "batch/v1beta1"

  static func applies(to path: RequestPath?) -> Bool {
    guard let path else { return false }
    return path.group == "batch" && path.version == "v1beta1" && path.resource == "cronjobs"
  }

  static func stableTarget(_ path: String) -> String {
    path.replacingOccurrences(of: "/apis/batch/v1beta1/", with: "/apis/batch/v1/")
  }

  /// Sets `apiVersion` to v1beta1 on the object or list (list items carry none).
  static func relabel(_ object: JSONValue) -> JSONValue {
    var copy = object
    if copy["apiVersion"]?.stringValue == "batch/v1" {
      copy["apiVersion"] = .string(groupVersion)
    }
    return copy
  }

  /// `/apis` with v1beta1 listed, and `/apis/batch/v1beta1`; `nil` for other paths.
  static func discovery(_ path: String, simulator: Simulator) -> JSONValue? {
    let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    guard trimmed == "/apis" || trimmed == "/apis/batch/v1beta1" else { return nil }
    var stable = HTTPRequest(path: trimmed == "/apis" ? "/apis" : "/apis/batch/v1")
    stable.headers = [("Accept", "application/json")]
    guard let response = try? simulator.server.perform(stable),
      var document = try? JSONValue.parse(response.body)
    else { return nil }
    if trimmed == "/apis" {
      let groups = (document["groups"]?.arrayValue ?? []).map { group -> JSONValue in
        guard group["name"]?.stringValue == "batch" else { return group }
        var copy = group
        let versions =
          (group["versions"]?.arrayValue ?? []) + [
            ["groupVersion": .string(groupVersion), "version": "v1beta1"]
          ]
        copy["versions"] = .array(versions)
        return copy
      }
      document["groups"] = .array(groups)
      return document
    }
    document["groupVersion"] = .string(groupVersion)
    document["resources"] = .array(
      (document["resources"]?.arrayValue ?? []).filter {
        ($0["name"]?.stringValue ?? "").hasPrefix("cronjobs")
      })
    return document
  }
}
