import APIMachinery
import Foundation

/// Loads Kubernetes manifests from files or folders and checks every object.
///
/// A folder is read one level deep (not recursively): its files whose names end in `.yaml`,
/// `.yml` or `.json` (any case), in byte order of their names; names starting with `.` are
/// skipped. A file may hold several documents. `kind: List` and typed lists such as
/// `CronJobList` are replaced by their `items`; an item without `kind` takes the list kind
/// minus `List`, one without `apiVersion` the list's. All problems of all files are collected
/// and thrown together as one `ManifestLoadError`.
public struct ManifestLoader: Sendable {
  /// The YAML parser used for every file.
  public var parser: YAMLParser

  /// The checks applied to every object.
  public var validator: ManifestValidator

  /// Creates a loader.
  public init(parser: YAMLParser = YAMLParser(), validator: ManifestValidator = ManifestValidator())
  {
    self.parser = parser
    self.validator = validator
  }

  /// The manifests of a file, or of the manifest files directly inside a folder.
  public func load(path: String) throws(ManifestLoadError) -> [Manifest] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ManifestLoadError(errors: [
        ManifestError(file: path, line: 0, reason: "no such file or folder")
      ])
    }

    let files = isFolder.boolValue ? try manifestFiles(in: path) : [path]
    var manifests: [Manifest] = []
    var errors: [ManifestError] = []
    for file in files {
      let (found, problems) = collect(file: file) { () throws(YAMLError) in
        try parser.parse(contentsOf: file)
      }
      manifests += found
      errors += problems
    }
    guard errors.isEmpty else { throw ManifestLoadError(errors: errors) }
    return manifests
  }

  /// The manifests in YAML `text`; `file` names it in locations and errors.
  public func load(text: String, file: String = "<input>") throws(ManifestLoadError) -> [Manifest] {
    let (found, problems) = collect(file: file) { () throws(YAMLError) in
      file.lowercased().hasSuffix(".json")
        ? [try parser.parseJSON(text, file: file)] : try parser.parse(text, file: file)
    }
    guard problems.isEmpty else { throw ManifestLoadError(errors: problems) }
    return found
  }

  /// The files of a folder that are manifests, sorted by name.
  private func manifestFiles(in folder: String) throws(ManifestLoadError) -> [String] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      throw ManifestLoadError(errors: [
        ManifestError(file: folder, line: 0, reason: "the folder cannot be read")
      ])
    }

    let suffixes = [".yaml", ".yml", ".json"]
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    return names.filter { name in
      let lower = name.lowercased()
      return !name.hasPrefix(".") && suffixes.contains { lower.hasSuffix($0) }
    }
    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    .map { base + $0 }
  }

  /// Parses one source, expands lists and validates, keeping the problems apart.
  private func collect(
    file: String, parse: () throws(YAMLError) -> [YAMLDocument]
  ) -> ([Manifest], [ManifestError]) {
    let documents: [YAMLDocument]
    do {
      documents = try parse()
    } catch {
      let place = error.line > 0 ? " (column \(error.column))" : ""
      return ([], [ManifestError(file: file, line: error.line, reason: error.reason + place)])
    }

    var manifests: [Manifest] = []
    var errors: [ManifestError] = []
    for document in documents {
      for item in expand(document, file: file, errors: &errors) {
        do {
          try validator.validate(item, file: file)
          let line = item.line
          manifests.append(
            Manifest(object: item.value, source: SourceLocation(file: file, line: line)))
        } catch {
          errors.append(error)
        }
      }
    }
    return (manifests, errors)
  }

  /// The objects of a document: the document itself, or the items of a list (recursively).
  private func expand(
    _ document: YAMLDocument, file: String, errors: inout [ManifestError]
  ) -> [YAMLDocument] {
    guard let kind = document.value["kind"]?.stringValue, kind.hasSuffix("List") else {
      return [document]
    }

    let items = document.value["items"] ?? .array([])
    guard case .array(let elements) = items.isNull ? .array([]) : items else {
      let line = document.line(at: ["items"])
      errors.append(ManifestError(file: file, line: line, reason: "items: must be a list"))
      return []
    }

    let itemKind = kind == "List" ? nil : String(kind.dropLast("List".count))
    let apiVersion = document.value["apiVersion"]
    var result: [YAMLDocument] = []
    for index in elements.indices {
      guard var item = document.subdocument(at: ["items", String(index)]) else { continue }
      if case .object = item.value {
        if item.value["kind"] == nil, let itemKind { item.value["kind"] = .string(itemKind) }
        if item.value["apiVersion"] == nil, let apiVersion { item.value["apiVersion"] = apiVersion }
      }
      result += expand(item, file: file, errors: &errors)
    }
    return result
  }
}
