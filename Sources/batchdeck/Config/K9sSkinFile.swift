import APIMachinery
import BatchdeckView
import Foundation
import KubeYAML

/// A k9s skin file (`*.yaml`): its string settings flattened to dotted paths for `K9sSkin`.
enum K9sSkinFile {
  /// Whether `nameOrPath` names a skin: a `.yaml`/`.yml` path, or `<name>.yaml` in a theme
  /// folder; returns the file.
  static func find(_ nameOrPath: String, in directories: [String]) -> String? {
    if nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") { return nameOrPath }
    guard !nameOrPath.contains("/") else { return nil }
    return directories.lazy.flatMap { directory in
      ["yaml", "yml"].map { "\(directory)/\(nameOrPath).\($0)" }
    }.first { FileManager.default.fileExists(atPath: $0) }
  }

  /// The theme of the skin at `path`, and what could not be read (file, line, key).
  static func load(path: String) -> (theme: Theme?, problems: [ConfigProblem]) {
    let file = URL(fileURLWithPath: path).lastPathComponent
    let documents: [YAMLDocument]
    do {
      documents = try YAMLParser().parse(contentsOf: path)
    } catch {
      return (
        nil, [ConfigProblem(file: file, line: error.line, key: "(file)", reason: error.reason)]
      )
    }
    guard let document = documents.first, case .object(let top) = document.value,
      top["k9s"] != nil
    else {
      return (nil, [ConfigProblem(file: file, line: 1, key: "k9s", reason: "not a k9s skin")])
    }
    var settings: [K9sSkin.Setting] = []
    func walk(_ value: JSONValue, _ path: [String]) {
      switch value {
      case .object(let members):
        for (key, member) in members.sorted(by: { $0.key < $1.key }) { walk(member, path + [key]) }
      case .string(let text):
        settings.append(
          K9sSkin.Setting(
            path: path.joined(separator: "."), value: text, line: document.line(at: path)))
      default: break
      }
    }
    walk(document.value, [])
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let (theme, problems) = K9sSkin.theme(named: name, settings: settings)
    return (
      theme,
      problems.map { ConfigProblem(file: file, line: $0.line, key: $0.key, reason: $0.reason) }
    )
  }
}
