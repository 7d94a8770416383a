/// Every place the screen uses colour, named for its meaning; themes map roles to styles.
public enum ThemeRole: String, Sendable, CaseIterable, Codable {
  case header
  case headerAccent = "header.accent"
  case border
  case borderFocus = "border.focus"
  case title
  case titleFocus = "title.focus"
  case columnHeader = "column.header"
  case row
  case rowSelected = "row.selected"
  case rowSelectedUnfocused = "row.selected.unfocused"
  case muted
  case statusOK = "status.ok"
  case statusRunning = "status.running"
  case statusWarning = "status.warning"
  case statusFailed = "status.failed"
  case statusSuspended = "status.suspended"
  case progressDone = "progress.done"
  case progressFailed = "progress.failed"
  case progressTodo = "progress.todo"
  case logText = "log.text"
  case logError = "log.error"
  case logWarning = "log.warning"
  case logInfo = "log.info"
  case logDebug = "log.debug"
  case footerKey = "footer.key"
  case footerText = "footer.text"
  case flashInfo = "flash.info"
  case flashWarning = "flash.warning"
  case flashError = "flash.error"
}
