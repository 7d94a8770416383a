import BatchdeckModel
import Foundation

/// How a pane's title and column headers show its filter and sort.
enum PaneTitle {
  /// `(6)` without a filter; `(2/6) /log` with one: shown rows, rows before the filter, and
  /// the filter as typed; then ` by AGE↑` when sorted (the column may be off screen).
  static func count(_ rows: DashboardRows, _ pane: Pane, _ navigation: Navigation) -> String {
    let shown: Int
    switch pane {
    case .cronJobs: shown = rows.cronJobs.count
    case .jobs: shown = rows.jobs.count
    case .pods, .logs: shown = rows.pods.count
    }
    let sort = navigation.sorts[pane].map { " by \($0.column.rawValue)\($0.ascending ? "↑" : "↓")" }
    guard let filter = navigation.filters[pane] else { return "(\(shown))" + (sort ?? "") }
    return "(\(shown)/\(rows.totals[pane] ?? shown)) /\(filter.text)" + (sort ?? "")
  }

  /// The columns with `↑` or `↓` after the title of the one the pane is sorted by.
  static func sortMarked(_ columns: [TableColumn], by sort: RowSort?) -> [TableColumn] {
    guard let sort else { return columns }
    return columns.map { column in
      guard column.title == sort.column.rawValue else { return column }
      var marked = column
      marked.title += sort.ascending ? "↑" : "↓"
      return marked
    }
  }
}
