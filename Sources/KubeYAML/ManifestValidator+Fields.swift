import APIMachinery

/// Field checks shared by the kinds: presence and JSON type of one field at a path.
extension ObjectCheck {
  @discardableResult
  func requiredString(_ path: [String]) throws(ManifestError) -> String {
    guard let value = object.lookup(path), !value.isNull else {
      throw fail(path, "\(Self.dotted(path)) is required")
    }
    guard let text = value.stringValue, !text.isEmpty else {
      throw fail(path, "\(Self.dotted(path)) must be a non-empty string, found \(Self.show(value))")
    }
    return text
  }

  @discardableResult
  func optionalString(_ path: [String]) throws(ManifestError) -> String? {
    guard let value = object.lookup(path), !value.isNull else { return nil }
    guard let text = value.stringValue else {
      throw fail(path, "\(Self.dotted(path)) must be a string, found \(Self.show(value))")
    }
    return text
  }

  /// Whether a mapping is present; a missing one fails only when `required`.
  @discardableResult
  func mapping(_ path: [String], required: Bool) throws(ManifestError) -> Bool {
    guard let value = object.lookup(path), !value.isNull else {
      if required { throw fail(path, "\(Self.dotted(path)) is required") }
      return false
    }
    guard case .object = value else {
      throw fail(path, "\(Self.dotted(path)) must be a mapping, found \(Self.show(value))")
    }
    return true
  }

  /// An optional map of strings to strings (labels, annotations, Secret data).
  func stringMap(_ path: [String]) throws(ManifestError) {
    guard try mapping(path, required: false), let members = object.lookup(path)?.objectValue
    else { return }

    for key in members.keys.sorted() {
      guard let value = members[key], value.stringValue == nil else { continue }
      throw fail(
        path + [key],
        "\(Self.dotted(path + [key])) must be a string, found \(Self.show(value))"
          + " (a map of strings is expected)")
    }
  }

  func boolean(_ path: [String]) throws(ManifestError) {
    guard let value = object.lookup(path), !value.isNull, value.boolValue == nil else { return }
    throw fail(path, "\(Self.dotted(path)) must be true or false, found \(Self.show(value))")
  }

  /// An optional integer (int32 unless `bits64`) of at least `minimum`.
  func integer(_ path: [String], minimum: Int64, bits64: Bool = false) throws(ManifestError) {
    guard let value = object.lookup(path), !value.isNull else { return }

    let name = Self.dotted(path)
    guard let number = value.intValue else {
      throw fail(path, "\(name) must be an integer, found \(Self.show(value))")
    }
    guard bits64 || number <= Int64(Int32.max) else {
      throw fail(path, "\(name) must be at most \(Int32.max), found \(number)")
    }
    guard number >= minimum else {
      throw fail(path, "\(name) must be at least \(minimum), found \(number)")
    }
  }

  /// An optional string that must be one of `values`.
  func oneOf(_ path: [String], _ values: [String]) throws(ManifestError) {
    guard let text = try optionalString(path), !values.contains(text) else { return }
    let wanted = values.map { "\"\($0)\"" }.joined(separator: ", ")
    throw fail(
      path, "\(Self.dotted(path)): unsupported value \"\(text)\"; supported values: \(wanted)")
  }

  func fail(_ path: [String], _ reason: String) -> ManifestError {
    ManifestError(file: file, line: document.line(at: path), reason: reason)
  }

  /// `spec.template.spec.containers[0].name` for a path.
  static func dotted(_ path: [String]) -> String {
    var text = ""
    for key in path {
      if !key.isEmpty, key.allSatisfy({ $0.isASCII && $0.isNumber }) {
        text += "[\(key)]"
      } else {
        text += text.isEmpty ? key : "." + key
      }
    }
    return text
  }

  /// A value for a message: its type and, for scalars, its text.
  static func show(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): return "string \"\(text)\""
    case .int(let number): return "integer \(number)"
    case .double(let number): return "number \(number)"
    case .bool(let flag): return "boolean \(flag)"
    default: return typeName(value)
    }
  }

  static func typeName(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int, .double: return "a number"
    case .string: return "a string"
    case .array: return "a list"
    case .object: return "a mapping"
    }
  }
}
