import APIMachinery

/// JSON merge patch (RFC 7386), also used for strategic merge patches of plain fields
/// (lists are replaced whole, `$patch` directives are not interpreted).
enum MergePatch {
  static func apply(_ patch: JSONValue, to target: JSONValue?) -> JSONValue {
    guard case .object(let members) = patch else { return patch }
    var result: [String: JSONValue] = target?.objectValue ?? [:]
    for (key, value) in members where !key.hasPrefix("$") {
      if value.isNull {
        result[key] = nil
      } else {
        result[key] = apply(value, to: result[key])
      }
    }
    return .object(result)
  }
}
