/// A question waiting for the user's yes or no before the cluster is changed.
///
/// Holds everything the dialog shows, worked out when the question was asked, so the dialog
/// and the operations it sends agree even if the cluster moves on meanwhile.
public struct Confirmation: Sendable, Hashable {
  /// What is asked.
  public enum Kind: Sendable, Hashable {
    case suspend(Bool)
    case trigger
    case delete
    case kill
  }

  public var kind: Kind
  /// The objects acted on: the selected row, or the pane's marked rows.
  public var targets: [ObjectRef]
  /// The Job names a trigger creates, one per target.
  public var jobNames: [String]
  /// What goes with the targets when they are deleted, such as `2 Jobs and 3 Pods`.
  public var dependents: String
  /// The policy a delete sends; changed in the dialog.
  public var propagation: DeletePropagation = .background

  /// A question about `targets`; `jobNames` only for a trigger.
  public init(
    kind: Kind, targets: [ObjectRef], jobNames: [String] = [], dependents: String = ""
  ) {
    self.kind = kind
    self.targets = targets
    self.jobNames = jobNames
    self.dependents = dependents
  }

  /// The operations accepting sends.
  public var operations: [ClusterOperation] {
    switch kind {
    case .suspend(let suspended): targets.map { .setSuspended($0, suspended) }
    case .trigger:
      zip(targets, jobNames).map { .trigger(cronJob: $0, jobName: $1) }
    case .delete: targets.map { .delete($0, propagation) }
    case .kill: targets.map { .kill($0) }
    }
  }

  /// The dialog's title.
  public var title: String {
    switch kind {
    case .suspend(let suspended): suspended ? "Suspend" : "Resume"
    case .trigger: "Trigger"
    case .delete: "Delete"
    case .kill: "Kill"
    }
  }

  /// The objects, as one line: `cronjob/a in default` or `3 objects: job/a, job/b, job/c`.
  public var targetText: String {
    guard targets.count > 1 else {
      return targets.first.map { "\($0.display) in namespace \($0.namespace)" } ?? "nothing"
    }
    return "\(targets.count) objects: " + targets.map(\.display).joined(separator: ", ")
  }

  /// The dialog's body, line by line.
  public var lines: [String] {
    switch kind {
    case .suspend(let suspended):
      let from = suspended ? "False" : "True"
      let to = suspended ? "True" : "False"
      return [
        "\(title) \(targetText)?",
        "spec.suspend: \(from) → \(to)",
        suspended ? "No new runs start until it is resumed." : "Scheduled runs start again.",
      ]
    case .trigger:
      let names = jobNames.map { "job/\($0)" }.joined(separator: ", ")
      return [
        "Run \(targetText) now?",
        "Creates \(names)",
        "from the jobTemplate of " + targets.map(\.display).joined(separator: ", "),
        "annotation cronjob.kubernetes.io/instantiate: manual",
      ]
    case .delete:
      let policyLine =
        "Propagation: "
        + DeletePropagation.allCases.map { $0 == propagation ? "[\($0.rawValue)]" : $0.rawValue }
        .joined(separator: " ")
      return [
        "Delete \(targetText)?",
        dependentsLine,
        policyLine + "   (Tab, b, f, o change it)",
      ]
    case .kill:
      return [
        "Kill \(targetText)?",
        "Deletes with a grace period of 0: containers stop at once.",
        "Its Job may start a replacement pod.",
      ]
    }
  }

  private var dependentsLine: String {
    guard !dependents.isEmpty else { return "Nothing else is deleted with it." }
    switch propagation {
    case .background: return "Also deleted, in the background: \(dependents)"
    case .foreground: return "Also deleted, before it goes: \(dependents)"
    case .orphan: return "Left behind without an owner: \(dependents)"
    }
  }
}
