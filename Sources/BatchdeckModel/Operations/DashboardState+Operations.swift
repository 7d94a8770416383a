import Foundation

extension DashboardAction {
  /// Whether the action changes the cluster: hidden and refused in read-only mode.
  public var changesCluster: Bool {
    switch self {
    case .toggleSuspend, .trigger, .delete, .kill: true
    default: false
    }
  }

  /// Whether the action asks for a confirmation before it does anything.
  public var isDangerous: Bool { changesCluster }
}

extension DashboardState {
  /// The kind of object the focused pane lists (the log pane counts as its pod).
  public var focusedKind: ObjectKind {
    switch focus {
    case .cronJobs: .cronJob
    case .jobs: .job
    case .pods, .logs: .pod
    }
  }

  /// Starts an operation: refuses it (read-only, wrong pane, forbidden) with a flash, or asks
  /// for a confirmation.
  mutating func begin(
    _ action: DashboardAction, rows: DashboardRows, in snapshot: ClusterSnapshot, now: Date
  ) {
    guard !readOnly else {
      flash = Flash(
        "read-only mode (--readonly): \(Self.name(of: action)) is turned off", level: .warning,
        now: now)
      return
    }
    let targets = self.targets(rows: rows)
    let allowed = Self.kinds(for: action)
    guard allowed.contains(focusedKind) else {
      let kinds = allowed.map(\.rawValue).sorted().joined(separator: " or ")
      flash = Flash(
        "\(Self.name(of: action)) works on a \(kinds): move to its pane", level: .warning,
        now: now)
      return
    }
    guard !targets.isEmpty else {
      flash = Flash("nothing selected", level: .warning, now: now)
      return
    }
    let question = confirmation(for: action, targets: targets, in: snapshot, now: now)
    guard let question else { return }
    for operation in question.operations {
      if case .denied(let reason) = permissions[operation.permission] {
        flash = Flash(
          Self.forbiddenText(operation.permission, reason: reason), level: .error, now: now)
        return
      }
    }
    confirmation = question
  }

  /// Applies a key while a confirmation is open: accept, cancel or change the policy.
  mutating func answer(_ action: DashboardAction) -> DashboardOutcome {
    guard let question = confirmation else { return .none }
    switch action {
    case .accept:
      confirmation = nil
      marks = []
      return .perform(question.operations)
    case .back, .cancel:
      confirmation = nil
      return .redraw
    case .cyclePropagation where question.kind == .delete:
      confirmation?.propagation = question.propagation.next
    case .setPropagation(let policy) where question.kind == .delete:
      confirmation?.propagation = policy
    case .quit:
      return .quit
    default:
      return .none
    }
    return .redraw
  }

  /// Takes in what the action runner reports: a flash, and the new Job selected after a
  /// trigger. Nothing else changes: the rows move only when the cluster's data does.
  public mutating func receive(_ result: OperationResult, now: Date) {
    if let failure = result.failure {
      flash = Flash(
        "\(result.operation.target.display): \(failure)", level: .error, now: now)
      return
    }
    flash = Flash(result.operation.doneText, level: .info, now: now)
    if let created = result.created, created.kind == .job {
      if drilledCronJob != nil, drilledCronJob != result.operation.target.uid {
        drilledCronJob = nil
      }
      selectedJob = created.uid
      selectedPod = nil
      focus = .jobs
    }
  }

  /// Records an RBAC answer.
  public mutating func learn(_ permission: Permission, for key: PermissionKey) {
    permissions[key] = permission
  }

  /// Clears the flash once its time is up; returns whether it did.
  public mutating func expireFlash(now: Date) -> Bool {
    guard let current = flash, current.expires <= now else { return false }
    flash = nil
    return true
  }

  /// The flash text for a forbidden operation.
  public static func forbiddenText(_ key: PermissionKey, reason: String) -> String {
    let scope = key.namespace.isEmpty ? "" : " in namespace \(key.namespace)"
    return "forbidden: you may not \(key.verb) \(key.kind.resource)\(scope)"
      + (reason.isEmpty ? "" : " (\(reason))")
  }

  /// The operation's name in messages and help.
  public static func name(of action: DashboardAction) -> String {
    switch action {
    case .toggleSuspend: "suspend/resume"
    case .trigger: "trigger"
    case .delete: "delete"
    case .kill: "kill"
    default: "\(action)"
    }
  }

  static func kinds(for action: DashboardAction) -> Set<ObjectKind> {
    switch action {
    case .toggleSuspend: [.cronJob, .job]
    case .trigger: [.cronJob]
    case .delete: [.cronJob, .job, .pod]
    case .kill: [.pod]
    default: []
    }
  }

  /// The marked rows of the focused pane, or its selected row when none is marked.
  func targets(rows: DashboardRows) -> [ObjectRef] {
    func refs<T: Identifiable>(_ items: [T], selected: T?, meta: (T) -> ObjectMeta) -> [ObjectRef]
    where T.ID == String {
      let marked = items.filter { marks.contains($0.id) }
      return (marked.isEmpty ? selected.map { [$0] } ?? [] : marked).map {
        let metadata = meta($0)
        return ObjectRef(
          kind: focusedKind, namespace: metadata.namespace, name: metadata.name,
          uid: metadata.uid)
      }
    }
    switch focusedKind {
    case .cronJob: return refs(rows.cronJobs, selected: rows.selectedCronJob) { $0.metadata }
    case .job: return refs(rows.jobs, selected: rows.selectedJob) { $0.metadata }
    case .pod: return refs(rows.pods, selected: rows.selectedPod) { $0.metadata }
    }
  }

  private mutating func confirmation(
    for action: DashboardAction, targets: [ObjectRef], in snapshot: ClusterSnapshot, now: Date
  ) -> Confirmation? {
    switch action {
    case .toggleSuspend:
      guard let first = targets.first else { return nil }
      let suspended =
        first.kind == .cronJob
        ? snapshot.cronJobs.first { $0.id == first.uid }?.suspend ?? false
        : snapshot.jobs.first { $0.id == first.uid }?.suspend ?? false
      return Confirmation(kind: .suspend(!suspended), targets: targets)
    case .trigger:
      let names = targets.map { target in
        triggerCount &+= 1
        let seed = UInt64(max(0, now.timeIntervalSince1970 * 1000)) &+ triggerCount
        return ManualJobName.make(cronJob: target.name, seed: seed)
      }
      return Confirmation(kind: .trigger, targets: targets, jobNames: names)
    case .delete:
      return Confirmation(
        kind: .delete, targets: targets, dependents: Self.dependents(of: targets, in: snapshot))
    case .kill:
      return Confirmation(kind: .kill, targets: targets)
    default:
      return nil
    }
  }

  /// What deleting `targets` takes with it: a CronJob's Jobs and their Pods, a Job's Pods.
  static func dependents(of targets: [ObjectRef], in snapshot: ClusterSnapshot) -> String {
    var jobs: [Job] = []
    var pods = 0
    for target in targets {
      switch target.kind {
      case .cronJob:
        guard let cronJob = snapshot.cronJobs.first(where: { $0.id == target.uid }) else {
          continue
        }
        jobs += snapshot.jobs(of: cronJob)
      case .job:
        if let job = snapshot.jobs.first(where: { $0.id == target.uid }) {
          pods += snapshot.pods(of: job).count
        }
      case .pod:
        break
      }
    }
    if targets.contains(where: { $0.kind == .cronJob }) {
      pods += jobs.reduce(0) { $0 + snapshot.pods(of: $1).count }
    }
    var parts: [String] = []
    if !jobs.isEmpty { parts.append(Self.count(jobs.count, "Job")) }
    if pods > 0 { parts.append(Self.count(pods, "Pod")) }
    return parts.joined(separator: " and ")
  }

  private static func count(_ value: Int, _ noun: String) -> String {
    "\(value) \(noun)\(value == 1 ? "" : "s")"
  }
}

extension DashboardState {
  /// Why `action` cannot be used on the focused pane's selection right now, if it cannot:
  /// read-only mode, or RBAC said no. Help shows this next to the key.
  public func unavailableReason(of action: DashboardAction, in snapshot: ClusterSnapshot)
    -> String?
  {
    unavailableReason(of: action, building: { rows(in: snapshot) })
  }

  /// Why `action` cannot be used now, like `unavailableReason(of:in:)`, with the rows of this
  /// state already built (the main loop builds them once per change).
  public func unavailableReason(of action: DashboardAction, rows: DashboardRows) -> String? {
    unavailableReason(of: action, building: { rows })
  }

  private func unavailableReason(
    of action: DashboardAction, building rows: () -> DashboardRows
  )
    -> String?
  {
    guard action.changesCluster else { return nil }
    if readOnly { return "read-only mode" }
    guard Self.kinds(for: action).contains(focusedKind) else { return nil }
    let kind: ObjectKind = action == .trigger ? .job : focusedKind
    let verb: String
    switch action {
    case .toggleSuspend: verb = "patch"
    case .trigger: verb = "create"
    default: verb = "delete"
    }
    // The footer and help ask this for every operation each frame: only a denial of this
    // verb and kind somewhere makes the (filtered, sorted) rows worth building.
    let deniedSomewhere = permissions.contains { key, answer in
      guard key.verb == verb, key.kind == kind, case .denied = answer else { return false }
      return true
    }
    guard deniedSomewhere else { return nil }
    let namespaces = Set(targets(rows: rows()).map(\.namespace))
    for namespace in namespaces.sorted() {
      let key = PermissionKey(verb: verb, kind: kind, namespace: namespace)
      if case .denied(let reason) = permissions[key] {
        return Self.forbiddenText(key, reason: reason)
      }
    }
    return nil
  }

  /// The RBAC questions worth asking for the current selection, so answers are in before a
  /// key is pressed; the loop hands them to the runner, which asks each once.
  public func permissionQuestions(in snapshot: ClusterSnapshot) -> [PermissionKey] {
    permissionQuestions(rows: rows(in: snapshot))
  }

  /// The RBAC questions worth asking, like `permissionQuestions(in:)`, with the rows of this
  /// state already built.
  public func permissionQuestions(rows: DashboardRows) -> [PermissionKey] {
    var namespaces: [String] = []
    for namespace in [
      rows.selectedCronJob?.metadata.namespace, rows.selectedJob?.metadata.namespace,
      rows.selectedPod?.metadata.namespace,
    ] {
      if let namespace, !namespaces.contains(namespace) { namespaces.append(namespace) }
    }
    return namespaces.flatMap { namespace in
      [
        PermissionKey(verb: "patch", kind: .cronJob, namespace: namespace),
        PermissionKey(verb: "patch", kind: .job, namespace: namespace),
        PermissionKey(verb: "create", kind: .job, namespace: namespace),
        PermissionKey(verb: "delete", kind: .cronJob, namespace: namespace),
        PermissionKey(verb: "delete", kind: .job, namespace: namespace),
        PermissionKey(verb: "delete", kind: .pod, namespace: namespace),
      ]
    }.filter { permissions[$0] == nil }
  }
}
