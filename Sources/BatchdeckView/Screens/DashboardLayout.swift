/// Where each pane of the main screen goes for a terminal size.
public struct DashboardLayout: Sendable, Hashable {
  public static let minimumWidth = 60
  public static let minimumHeight = 16

  public var header: Rect
  public var cronJobs: Rect
  public var jobs: Rect
  public var pods: Rect
  public var logs: Rect
  public var footer: Rect

  /// `nil` when the terminal is smaller than the minimum.
  public init?(width: Int, height: Int) {
    guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
    let body = height - 2
    let cronHeight = max(5, body * 3 / 10)
    let jobsHeight = max(5, body * 3 / 10)
    let bottomHeight = body - cronHeight - jobsHeight
    let podsWidth = width / 2
    header = Rect(column: 0, row: 0, width: width, height: 1)
    cronJobs = Rect(column: 0, row: 1, width: width, height: cronHeight)
    jobs = Rect(column: 0, row: 1 + cronHeight, width: width, height: jobsHeight)
    pods = Rect(column: 0, row: 1 + cronHeight + jobsHeight, width: podsWidth, height: bottomHeight)
    logs = Rect(
      column: podsWidth, row: pods.row, width: width - podsWidth, height: bottomHeight)
    footer = Rect(column: 0, row: height - 1, width: width, height: 1)
  }

  /// Rows of data a pane shows (inside the border, below the column header).
  public func visibleRows(of pane: Rect) -> Int { max(1, pane.height - 3) }
}
