import APIMachinery

/// A parsed `fieldSelector` query: `field=value`, `field==value`, `field!=value`, joined by
/// commas, over the fields the real server indexes for each resource.
struct FieldSelector: Sendable {
  struct Term: Sendable {
    var field: String
    var value: String
    var equal: Bool
  }

  var terms: [Term]

  init(_ text: String, resource: Resource) throws(APIStatus) {
    terms = []
    for part in text.split(separator: ",") {
      let item = String(part)
      var term: Term?
      for (symbol, equal) in [("!=", false), ("==", true), ("=", true)] {
        if let range = item.range(of: symbol) {
          term = Term(
            field: String(item[..<range.lowerBound]), value: String(item[range.upperBound...]),
            equal: equal)
          break
        }
      }
      guard let term else {
        throw .badRequest("invalid selector: '\(text)'; can't understand '\(item)'")
      }
      guard Self.supported(resource).contains(term.field) else {
        throw .badRequest("field label not supported: \(term.field)")
      }
      terms.append(term)
    }
  }

  func matches(_ object: JSONValue) -> Bool {
    terms.allSatisfy { term in (Self.value(of: term.field, in: object) == term.value) == term.equal
    }
  }

  static func supported(_ resource: Resource) -> Set<String> {
    var fields: Set<String> = ["metadata.name", "metadata.namespace"]
    switch resource {
    case .pods:
      fields.formUnion([
        "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
        "status.phase", "status.podIP", "status.nominatedNodeName",
      ])
    case .events:
      fields.formUnion([
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
        "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
      ])
    case .jobs:
      fields.insert("status.successful")
    case .secrets:
      fields.insert("type")
    case .namespaces:
      fields.insert("status.phase")
    default:
      break
    }
    return fields
  }

  static func value(of field: String, in object: JSONValue) -> String {
    switch field {
    case "status.successful":
      return String(object.int("status", "succeeded") ?? 0)
    case "source":
      return object.string("source", "component") ?? object.string("reportingComponent") ?? ""
    default:
      let path = field.split(separator: ".").map(String.init)
      switch object[path: path] {
      case .string(let text): return text
      case .int(let number): return String(number)
      case .bool(let flag): return String(flag)
      default: return ""
      }
    }
  }
}
