import APIMachinery

/// Why a scenario could not be loaded.
public enum SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An object has a `kind` the simulator does not store.
  case unsupportedKind(String, name: String)
  /// The API server rejected an object (invalid, duplicate).
  case rejected(APIStatus)

  public var description: String {
    switch self {
    case .unsupportedKind(let kind, let name): "unsupported kind \(kind) for object \(name)"
    case .rejected(let status): status.message
    }
  }
}
