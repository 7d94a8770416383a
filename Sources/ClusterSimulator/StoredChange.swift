import APIMachinery

/// One entry of the store's change log, as a watch replays it.
struct StoredChange: Sendable {
  enum ChangeType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
  }

  var revision: Int64
  var resource: Resource
  var type: ChangeType
  var object: JSONValue
  /// The object before a modification, so a filtered watch can tell "left the selection".
  var previous: JSONValue?
}
