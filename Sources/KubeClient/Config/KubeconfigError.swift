/// A kubeconfig problem, naming where it is: the file, the line, the context and the field.
public struct KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of problem it is, for callers that react differently.
  public enum Kind: Sendable, Equatable {
    /// No kubeconfig file and no in-cluster service account.
    case noConfiguration
    /// A file named explicitly or a referenced file cannot be read.
    case unreadable
    /// The file is not valid YAML or JSON, or a field has the wrong type.
    case syntax
    /// The settings contradict each other or a value is not allowed.
    case invalid
    /// A context, cluster or user that is named does not exist.
    case notFound
    /// The user's credential kind is no longer supported (gcp, azure, exec v1alpha1).
    case unsupported
  }

  public var kind: Kind
  /// The message in words a user can act on.
  public var message: String
  /// The kubeconfig file the problem is in, when there is one.
  public var file: String?
  /// The line of the field in `file` (from 1), when known.
  public var line: Int?
  /// The context being resolved, when there is one.
  public var context: String?
  /// The field, such as `users[alice].user.client-key`.
  public var field: String?

  public init(
    _ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil,
    context: String? = nil, field: String? = nil
  ) {
    self.kind = kind
    self.message = message
    self.file = file
    self.line = line
    self.context = context
    self.field = field
  }

  /// `FILE:LINE: context "C": FIELD: MESSAGE`, leaving out the parts that are unknown.
  public var description: String {
    var parts: [String] = []
    if let file { parts.append(line.map { "\(file):\($0)" } ?? file) }
    if let context { parts.append("context \"\(context)\"") }
    if let field { parts.append(field) }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}
