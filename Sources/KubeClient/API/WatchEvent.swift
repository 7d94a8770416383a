import APIMachinery

/// One line of a watch stream.
public enum WatchEvent: Sendable, Equatable {
  case added(JSONValue)
  case modified(JSONValue)
  case deleted(JSONValue)
  /// Only the resource version moved on.
  case bookmark(resourceVersion: String)
  /// The server ended the watch with a Status (410 means re-list).
  case error(APIStatus)

  /// Reads one watch line: `{"type": ..., "object": ...}`; the object lacks
  /// `KubeAPI.unreadMembers` (its `managedFields`).
  public init(line: [UInt8]) throws(KubeError) {
    let json: JSONValue
    do {
      json = try JSONValue.parse(line, droppingArrays: KubeAPI.unreadMembers)
    } catch {
      throw .decoding("watch event: \(error)")
    }
    guard let type = json["type"]?.stringValue, let object = json["object"] else {
      throw .decoding("watch event without type or object")
    }
    switch type {
    case "ADDED": self = .added(object)
    case "MODIFIED": self = .modified(object)
    case "DELETED": self = .deleted(object)
    case "BOOKMARK":
      self = .bookmark(
        resourceVersion: object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
    case "ERROR":
      self = .error(
        APIStatus(json: object)
          ?? APIStatus(code: 500, reason: "InternalError", message: "watch error: \(object)"))
    default:
      throw .decoding("unknown watch event type \(type)")
    }
  }
}
