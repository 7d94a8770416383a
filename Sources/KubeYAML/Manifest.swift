import APIMachinery

/// Where a manifest object was written: a file and the line (from 1) where the object starts.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file path as given to the loader (or the name passed with inline text).
  public var file: String

  /// The line, counting from 1.
  public var line: Int

  /// Creates a location.
  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }

  /// `file:line`.
  public var description: String { "\(file):\(line)" }
}

/// One Kubernetes object read from a manifest file, already checked by `ManifestValidator`.
public struct Manifest: Sendable, Hashable {
  /// The object as written (list items also get `kind` and `apiVersion` from their list).
  public var object: JSONValue

  /// Where the object was written.
  public var source: SourceLocation

  /// Creates a manifest.
  public init(object: JSONValue, source: SourceLocation) {
    self.object = object
    self.source = source
  }

  /// The object's `kind`, or `""`.
  public var kind: String { object["kind"]?.stringValue ?? "" }

  /// The object's `apiVersion`, or `""`.
  public var apiVersion: String { object["apiVersion"]?.stringValue ?? "" }

  /// `metadata.name`, or `""` when only `generateName` is set.
  public var name: String { object[path: ["metadata", "name"]]?.stringValue ?? "" }

  /// `metadata.namespace`, or `nil` when none is written.
  public var namespace: String? { object[path: ["metadata", "namespace"]]?.stringValue }
}

/// One problem with a manifest: its file, its line (from 1) and the reason in plain words.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file the problem is in.
  public var file: String

  /// The line of the problem (the nearest line known for the offending field), from 1;
  /// 0 when the file itself could not be read.
  public var line: Int

  /// What is wrong, naming the field path where there is one.
  public var reason: String

  /// Creates an error.
  public init(file: String, line: Int, reason: String) {
    self.file = file
    self.line = line
    self.reason = reason
  }

  /// The error as `file:line: reason`.
  public var description: String { "\(file):\(line): \(reason)" }
}

/// Every problem found by one `ManifestLoader.load` call (at least one), in file order.
public struct ManifestLoadError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The problems, in the order of files and of lines within a file.
  public var errors: [ManifestError]

  /// Creates a load error from its problems.
  public init(errors: [ManifestError]) {
    self.errors = errors
  }

  /// One problem per line.
  public var description: String {
    let count = errors.count
    let heading = count == 1 ? "1 problem in manifests:" : "\(count) problems in manifests:"
    return ([heading] + errors.map { "  " + $0.description }).joined(separator: "\n")
  }
}
