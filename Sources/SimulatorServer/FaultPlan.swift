import APIMachinery
import Foundation
import Synchronization

/// Faults the server injects for resilience tests, set with `--faults JSON` or through
/// `POST /batchdeck/v1/faults` (see docs/sim-serve.md). Every field is optional:
///
/// ```json
/// {"delayMs": 300, "failStatus": 503, "failCount": 2, "retryAfterSeconds": 1,
///  "dropWatchesAfterSeconds": 3, "forbid": [{"resource": "jobs", "namespace": "team-a"}],
///  "expireWatches": 2, "downSeconds": 5}
/// ```
public struct FaultPlan: Sendable, Equatable {
  /// Real milliseconds every API request waits before it is answered.
  public var delayMs = 0
  /// The status the next `failCount` API requests get (5xx or 429).
  public var failStatus = 503
  /// How many API requests still fail.
  public var failCount = 0
  /// Sent as `Retry-After` with failures (always with 429).
  public var retryAfterSeconds: Int?
  /// Watch streams (and followed logs) are cut, without a clean end, after this many seconds.
  public var dropWatchesAfterSeconds: Double?
  /// Resources and/or namespaces answered with 403 Forbidden; `nil` fields match anything.
  public var forbid: [Rule] = []
  /// One-off: the server goes away for this many seconds, then listens again.
  public var downSeconds: Double?
  /// How many watch requests still get `410 Gone` (an `ERROR` event with an `Expired` Status,
  /// as a server that compacted the requested resource version sends), so clients list again.
  public var expireWatches = 0

  /// A resource (plural, such as `jobs`) and namespace that are refused.
  public struct Rule: Sendable, Equatable {
    public var resource: String?
    public var namespace: String?
  }

  public init() {}

  /// Reads the JSON form; throws a 400 Status for a body that is not an object.
  public init(json: JSONValue) throws(APIStatus) {
    guard json.objectValue != nil else { throw .badRequest("the fault plan must be an object") }
    delayMs = json.number("delayMs") ?? 0
    failStatus = json.number("failStatus") ?? 503
    failCount = json.number("failCount") ?? 0
    retryAfterSeconds = json.number("retryAfterSeconds")
    dropWatchesAfterSeconds = json["dropWatchesAfterSeconds"].flatMap(Self.seconds)
    downSeconds = json["downSeconds"].flatMap(Self.seconds)
    expireWatches = json.number("expireWatches") ?? 0
    forbid = json.items("forbid").map {
      Rule(resource: $0["resource"]?.stringValue, namespace: $0["namespace"]?.stringValue)
    }
    guard (400...599).contains(failStatus) else {
      throw .badRequest("failStatus must be between 400 and 599")
    }
  }

  /// The JSON form, as `GET /batchdeck/v1/faults` returns it.
  public var json: JSONValue {
    var object: JSONValue = [
      "delayMs": .int(Int64(delayMs)), "failStatus": .int(Int64(failStatus)),
      "failCount": .int(Int64(failCount)), "expireWatches": .int(Int64(expireWatches)),
      "forbid": .array(
        forbid.map { rule in
          var entry: JSONValue = [:]
          if let resource = rule.resource { entry["resource"] = .string(resource) }
          if let namespace = rule.namespace { entry["namespace"] = .string(namespace) }
          return entry
        }),
    ]
    if let retryAfterSeconds { object["retryAfterSeconds"] = .int(Int64(retryAfterSeconds)) }
    if let dropWatchesAfterSeconds {
      object["dropWatchesAfterSeconds"] = .double(dropWatchesAfterSeconds)
    }
    return object
  }

  /// Whether a request for `resource` in `namespace` is refused.
  func forbids(resource: String, namespace: String?) -> Bool {
    forbid.contains { rule in
      (rule.resource == nil || rule.resource == resource)
        && (rule.namespace == nil || rule.namespace == namespace)
    }
  }

  private static func seconds(_ value: JSONValue) -> Double? {
    switch value {
    case .int(let whole): Double(whole)
    case .double(let fraction): fraction
    default: nil
    }
  }
}

/// The fault plan shared by all connections.
final class FaultState: Sendable {
  private let plan: Mutex<FaultPlan>

  init(_ initial: FaultPlan) {
    plan = Mutex(initial)
  }

  var current: FaultPlan { plan.withLock { $0 } }

  func replace(_ fresh: FaultPlan) {
    plan.withLock { $0 = fresh }
  }

  /// Takes one expiry off the count; whether this watch is answered with 410.
  func takeExpiry() -> Bool {
    plan.withLock { plan in
      guard plan.expireWatches > 0 else { return false }
      plan.expireWatches -= 1
      return true
    }
  }

  /// Takes one failure off the count; the status to answer with, or `nil`.
  func takeFailure() -> (status: Int, retryAfter: Int?)? {
    plan.withLock { plan in
      guard plan.failCount > 0 else { return nil }
      plan.failCount -= 1
      let retry = plan.retryAfterSeconds ?? (plan.failStatus == 429 ? 1 : nil)
      return (plan.failStatus, retry)
    }
  }
}
