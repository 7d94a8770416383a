import BatchdeckModel

/// Which colour role a printed status takes.
enum StatusRoles {
  static func job(_ status: String) -> ThemeRole {
    switch status {
    case "Complete": .statusOK
    case "Failed", "FailureTarget": .statusFailed
    case "Suspended": .statusSuspended
    case "Terminating": .statusWarning
    default: .statusRunning
    }
  }

  static func pod(_ status: String) -> ThemeRole {
    switch status {
    case "Completed", "Succeeded": .statusOK
    case "Running": .statusRunning
    case "Pending", "ContainerCreating", "PodInitializing", "Terminating", "NotReady":
      .statusWarning
    case _ where status.hasPrefix("Init:") && status.contains("/"): .statusWarning
    default: .statusFailed
    }
  }
}
