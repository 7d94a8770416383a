import Foundation

/// One of the five fields of a cron expression, named as a user would name it.
public enum CronField: String, Sendable, Equatable, CaseIterable {
  case minute
  case hour
  case dayOfMonth = "day-of-month"
  case month
  case dayOfWeek = "day-of-week"

  /// The smallest and largest value the field accepts.
  public var bounds: ClosedRange<Int> {
    switch self {
    case .minute: return 0...59
    case .hour: return 0...23
    case .dayOfMonth: return 1...31
    case .month: return 1...12
    case .dayOfWeek: return 0...6
    }
  }
}

/// Why a cron expression (or its time zone) was rejected, in words a person can act on.
///
/// `message` is the exact text the Kubernetes controller's cron library reports (so it can be
/// matched against events such as `UnparseableSchedule`); `field` names the field at fault when
/// there is one, and `hint` says in plain words what to change. `description` combines them.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The library's own message, e.g. `end of range (7) above maximum (6): 7`.
  public var message: String
  /// The field at fault, or `nil` when the whole expression (or the zone) is wrong.
  public var field: CronField?
  /// What to change, in plain words; may be empty.
  public var hint: String

  /// Creates an error from the library's message, the field at fault and a hint.
  public init(_ message: String, field: CronField? = nil, hint: String = "") {
    self.message = message
    self.field = field
    self.hint = hint
  }

  /// `<field> field: <message> (<hint>)`, leaving out the parts that are absent.
  public var description: String {
    var text = message
    if let field {
      text = "\(field.rawValue) field: \(message)"
    }
    if !hint.isEmpty {
      text += " (\(hint))"
    }
    return text
  }
}
