import APIMachinery
import Foundation

/// Turns Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`, which
/// kubectl's typed clients send) into the JSON the simulated API server reads. Only the
/// kinds and fields in `ProtobufSchema` are known; other fields are left out.
enum ProtobufDecoder {
  /// The envelope's magic prefix, `k8s\0`.
  static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

  /// The object as JSON, or `nil` when the body is not a known kind in the envelope.
  static func json(_ body: [UInt8]) -> JSONValue? {
    guard body.starts(with: magic) else { return nil }
    var envelope = ProtobufReader(body.dropFirst(4))
    var apiVersion = ""
    var kind = ""
    var raw: ArraySlice<UInt8> = []
    do {
      while let (field, value) = try envelope.next() {
        guard case .bytes(let bytes) = value else { continue }
        if field == 2 { raw = bytes }
        guard field == 1 else { continue }
        var typeMeta = ProtobufReader(bytes)
        while let (inner, text) = try typeMeta.next() {
          guard case .bytes(let chars) = text else { continue }
          if inner == 1 { apiVersion = String(decoding: chars, as: UTF8.self) }
          if inner == 2 { kind = String(decoding: chars, as: UTF8.self) }
        }
      }
      guard let schema = ProtobufSchema.kinds[kind] else { return nil }
      var object = try message(raw, schema)
      object["apiVersion"] = .string(apiVersion)
      object["kind"] = .string(kind)
      return object
    } catch {
      return nil
    }
  }

  static func message(
    _ bytes: ArraySlice<UInt8>, _ schema: ProtobufSchema.Message
  ) throws(ProtobufReader.Malformed) -> JSONValue {
    var reader = ProtobufReader(bytes)
    var members: [String: JSONValue] = [:]
    while let (number, value) = try reader.next() {
      guard let (name, type) = schema[number] else { continue }
      switch (type, value) {
      case (.string, .bytes(let chars)):
        let text = String(decoding: chars, as: UTF8.self)
        if !text.isEmpty { members[name] = .string(text) }
      case (.strings, .bytes(let chars)):
        let items = members[name]?.arrayValue ?? []
        members[name] = .array(items + [.string(String(decoding: chars, as: UTF8.self))])
      case (.int, .varint(let raw)):
        members[name] = .int(Int64(bitPattern: raw))
      case (.bool, .varint(let raw)):
        members[name] = .bool(raw != 0)
      case (.time, .bytes(let inner)):
        if let date = try time(inner) { members[name] = .string(RFC3339.format(date)) }
      case (.map, .bytes(let inner)):
        let entry = try message(inner, ["key": (1, .string), "value": (2, .string)].schema)
        var map = members[name]?.objectValue ?? [:]
        map[entry["key"]?.stringValue ?? ""] = .string(entry["value"]?.stringValue ?? "")
        members[name] = .object(map)
      case (.message(let nested), .bytes(let inner)):
        let decoded = try message(inner, ProtobufSchema.named(nested))
        if decoded.objectValue?.isEmpty == false { members[name] = decoded }
      case (.messages(let nested), .bytes(let inner)):
        let items = members[name]?.arrayValue ?? []
        members[name] = .array(items + [try message(inner, ProtobufSchema.named(nested))])
      case (.inline(let nested), .bytes(let inner)):
        for (key, member) in try message(inner, ProtobufSchema.named(nested)).objectValue ?? [:] {
          members[key] = member
        }
      default:
        continue
      }
    }
    return .object(members)
  }

  /// A `meta.v1.Time` (seconds, nanos); `nil` for the zero time.
  private static func time(_ bytes: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) -> Date? {
    var reader = ProtobufReader(bytes)
    var seconds: Int64 = 0
    while let (field, value) = try reader.next() {
      if field == 1, case .varint(let raw) = value { seconds = Int64(bitPattern: raw) }
    }
    return seconds == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(seconds))
  }
}
