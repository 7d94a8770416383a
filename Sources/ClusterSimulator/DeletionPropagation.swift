/// How deleting an owner treats its dependents (`propagationPolicy`).
public enum DeletionPropagation: String, Sendable {
  /// The owner goes now; the garbage collector removes dependents afterwards.
  case background = "Background"
  /// The owner stays (finalizer `foregroundDeletion`) until blocking dependents are gone.
  case foreground = "Foreground"
  /// Dependents lose their owner reference and survive.
  case orphan = "Orphan"

  /// The server default when a request names no policy.
  static func serverDefault(for resource: Resource) -> DeletionPropagation {
    resource == .jobs ? .orphan : .background
  }
}
