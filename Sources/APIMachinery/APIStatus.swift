/// The API's error object (`kind: Status`), as a server sends it and a client reads it.
public struct APIStatus: Error, Sendable, Equatable, CustomStringConvertible {
  public var code: Int
  /// A CamelCase reason such as `NotFound`, `Forbidden`, `Expired`.
  public var reason: String
  /// The server's message, shown to the user verbatim.
  public var message: String
  public var details: JSONValue?

  public init(code: Int, reason: String, message: String, details: JSONValue? = nil) {
    self.code = code
    self.reason = reason
    self.message = message
    self.details = details
  }

  public var description: String { message }

  /// The Status object as JSON.
  public var json: JSONValue {
    var object: JSONValue = [
      "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
      "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
    ]
    if let details { object["details"] = details }
    return object
  }

  /// Reads a Status object; `nil` when the JSON is not one.
  public init?(json: JSONValue) {
    guard json["kind"]?.stringValue == "Status" else { return nil }
    self.code = Int(json["code"]?.intValue ?? 0)
    self.reason = json["reason"]?.stringValue ?? ""
    self.message = json["message"]?.stringValue ?? ""
    self.details = json["details"]
  }

  public static func notFound(resource: String, group: String, name: String) -> APIStatus {
    let qualified = group.isEmpty ? resource : "\(resource).\(group)"
    return APIStatus(
      code: 404, reason: "NotFound", message: "\(qualified) \"\(name)\" not found",
      details: ["name": .string(name), "group": .string(group), "kind": .string(resource)])
  }

  public static func alreadyExists(resource: String, group: String, name: String) -> APIStatus {
    let qualified = group.isEmpty ? resource : "\(resource).\(group)"
    return APIStatus(
      code: 409, reason: "AlreadyExists", message: "\(qualified) \"\(name)\" already exists",
      details: ["name": .string(name), "group": .string(group), "kind": .string(resource)])
  }

  public static func badRequest(_ message: String) -> APIStatus {
    APIStatus(code: 400, reason: "BadRequest", message: message)
  }

  public static func expired(_ message: String) -> APIStatus {
    APIStatus(code: 410, reason: "Expired", message: message)
  }

  public static func methodNotAllowed(_ message: String) -> APIStatus {
    APIStatus(code: 405, reason: "MethodNotAllowed", message: message)
  }

  public static func unauthorized() -> APIStatus {
    APIStatus(code: 401, reason: "Unauthorized", message: "Unauthorized")
  }
}
