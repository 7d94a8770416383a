import APIMachinery
import Foundation

extension SimulatedAPIServer {
  /// The selectors of a list or watch request.
  struct Filter {
    var namespace: String?
    var labels: LabelSelector
    var fields: FieldSelector

    /// Whether only the namespace narrows the request (no label or field selector).
    var selectsEverything: Bool { labels.requirements.isEmpty && fields.terms.isEmpty }

    func matches(_ object: JSONValue) -> Bool {
      if let namespace, object.namespace != namespace { return false }
      return labels.matches(object.labels) && fields.matches(object)
    }
  }

  func filter(_ request: HTTPRequest, _ route: APIRoute) throws(APIStatus) -> Filter {
    Filter(
      namespace: route.namespace,
      labels: try LabelSelector(request.queryValue("labelSelector") ?? ""),
      fields: try FieldSelector(request.queryValue("fieldSelector") ?? "", resource: route.resource)
    )
  }

  /// A `<Kind>List` with `metadata.resourceVersion`, honouring selectors and `limit`/`continue`.
  func list(_ request: HTTPRequest, _ route: APIRoute) throws(APIStatus) -> JSONValue {
    let selection = try filter(request, route)
    var after: String?
    var tokenRevision: Int64?
    if let token = request.queryValue("continue"), !token.isEmpty {
      guard let (revision, key) = Self.decodeContinue(token) else {
        throw .badRequest("continue key is not valid: illegal base64 data")
      }
      tokenRevision = revision
      after = key
    }
    let limit = request.queryValue("limit").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    var matching: ((JSONValue) -> Bool)?
    if !selection.selectsEverything { matching = { selection.matches($0) } }
    let page = store.page(
      route.resource, namespace: route.namespace, after: after, limit: limit, matching: matching)
    let items = page.items
    let revision = tokenRevision ?? page.revision
    var metadata: JSONValue = ["resourceVersion": .string(String(revision))]
    if page.more {
      if let last = items.last {
        metadata["continue"] = .string(
          Self.encodeContinue(revision, ObjectStore.key(last.namespace, last.name)))
      }
      if request.queryValue("labelSelector") == nil, request.queryValue("fieldSelector") == nil,
        let remaining = page.remaining
      {
        metadata["remainingItemCount"] = .int(Int64(remaining))
      }
    }
    let stripped = items.map { item -> JSONValue in
      var copy = item
      copy["kind"] = nil
      copy["apiVersion"] = nil
      return copy
    }
    return [
      "kind": .string(route.resource.listKind), "apiVersion": .string(route.resource.apiVersion),
      "metadata": metadata, "items": .array(stripped),
    ]
  }

  static func encodeContinue(_ revision: Int64, _ key: String) -> String {
    let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(revision), "start": .string(key)]
    return Data(json.serialized()).base64EncodedString()
  }

  static func decodeContinue(_ token: String) -> (Int64, String)? {
    guard let data = Data(base64Encoded: token),
      let json = try? JSONValue.parse(Array(data)), let revision = json.int("rv"),
      let key = json.string("start")
    else { return nil }
    return (revision, key)
  }
}
