import APIMachinery
import BatchdeckModel

extension Event {
  /// Reads a core/v1 Event; `count` 0 counts as 1, as kubectl does.
  public init(wire object: JSONValue) {
    let involved = object["involvedObject"] ?? .object([:])
    let component = object.optionalString("source", "component") ?? ""
    self.init(
      metadata: ObjectMeta(wire: object),
      involvedObject: OwnerReference(
        kind: involved.string("kind"), name: involved.string("name"), uid: involved.string("uid")),
      reason: object.string("reason"), message: object.string("message"),
      type: object.optionalString("type") ?? "Normal", count: max(1, object.int("count")),
      firstTimestamp: object.date("firstTimestamp") ?? object.date("eventTime"),
      lastTimestamp: object.date("lastTimestamp") ?? object.date("firstTimestamp")
        ?? object.date("eventTime"),
      source: component.isEmpty ? object.string("reportingComponent") : component)
    fieldPath = involved.string("fieldPath")
  }
}
