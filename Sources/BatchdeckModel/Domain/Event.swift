import Foundation

/// A core/v1 Event about some object.
public struct Event: Sendable, Hashable, Identifiable {
  public var metadata: ObjectMeta
  /// `involvedObject`: kind, name and uid of what the event is about.
  public var involvedObject: OwnerReference
  public var reason: String
  public var message: String
  /// `Normal` or `Warning`.
  public var type: String
  public var count: Int
  public var firstTimestamp: Date?
  public var lastTimestamp: Date?
  public var source: String
  /// `involvedObject.fieldPath`, e.g. `spec.containers{main}`; describe prefixes messages with it.
  public var fieldPath = ""

  public init(
    metadata: ObjectMeta, involvedObject: OwnerReference, reason: String, message: String,
    type: String = "Normal", count: Int = 1, firstTimestamp: Date? = nil,
    lastTimestamp: Date? = nil, source: String = ""
  ) {
    self.metadata = metadata
    self.involvedObject = involvedObject
    self.reason = reason
    self.message = message
    self.type = type
    self.count = count
    self.firstTimestamp = firstTimestamp
    self.lastTimestamp = lastTimestamp
    self.source = source
  }

  public var id: String { metadata.uid }
}
