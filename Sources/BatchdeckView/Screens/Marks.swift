/// How marked rows look: a `✓` before the name and a count in the pane's title.
enum Marks {
  static func name(_ name: String, marked: Bool) -> String {
    marked ? "✓ \(name)" : name
  }

  static func note<T: Identifiable>(_ items: [T], _ marks: Set<String>) -> String
  where T.ID == String {
    let count = items.count { marks.contains($0.id) }
    return count == 0 ? "" : ", \(count) marked"
  }
}
