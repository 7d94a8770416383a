import Foundation
import Testing

@testable import BatchdeckModel

@Suite struct OperationStateTests {
  let now = Date(timeIntervalSince1970: 1_796_342_400)
  let snapshot: ClusterSnapshot = {
    let owner = OwnerReference(kind: "CronJob", name: "hourly", uid: "cj1")
    let cronJobs = [
      CronJob(
        metadata: ObjectMeta(namespace: "a", name: "hourly", uid: "cj1"), schedule: "0 * * * *"),
      CronJob(
        metadata: ObjectMeta(namespace: "b", name: "nightly", uid: "cj2"), schedule: "0 2 * * *",
        suspend: true),
    ]
    let jobs = [
      Job(metadata: ObjectMeta(namespace: "a", name: "hourly-1", uid: "j1", controller: owner))
    ]
    let pods = [
      Pod(
        metadata: ObjectMeta(
          namespace: "a", name: "hourly-1-abcde", uid: "p1",
          controller: OwnerReference(kind: "Job", name: "hourly-1", uid: "j1")))
    ]
    return ClusterSnapshot(cronJobs: cronJobs, jobs: jobs, pods: pods)
  }()

  @Test func suspendAsksThenAcceptSendsThePatch() {
    var state = DashboardState()
    #expect(state.apply(.toggleSuspend, in: snapshot, now: now) == .redraw)
    let question = try? #require(state.confirmation)
    #expect(question?.lines.first == "Suspend cronjob/hourly in namespace a?")
    #expect(question?.lines.contains("spec.suspend: False → True") == true)
    let target = ObjectRef(kind: .cronJob, namespace: "a", name: "hourly", uid: "cj1")
    #expect(state.apply(.accept, in: snapshot, now: now) == .perform([.setSuspended(target, true)]))
    #expect(state.confirmation == nil)
  }

  @Test func resumeOfASuspendedCronJob() {
    var state = DashboardState()
    _ = state.apply(.moveDown, in: snapshot, now: now)
    _ = state.apply(.toggleSuspend, in: snapshot, now: now)
    #expect(state.confirmation?.kind == .suspend(false))
    #expect(state.confirmation?.title == "Resume")
  }

  @Test func cancelChangesNothing() {
    var state = DashboardState()
    _ = state.apply(.toggleSuspend, in: snapshot, now: now)
    var expected = state
    expected.confirmation = nil
    #expect(state.apply(.cancel, in: snapshot, now: now) == .redraw)
    #expect(state == expected)
    _ = state.apply(.delete, in: snapshot, now: now)
    #expect(state.apply(.back, in: snapshot, now: now) == .redraw, "Esc maps to back here")
    #expect(state.confirmation == nil)
    #expect(state.focus == .cronJobs, "Esc closed the dialog and did not also go back")
  }

  @Test func deleteNamesDependentsAndThePolicyCanChange() {
    var state = DashboardState()
    _ = state.apply(.delete, in: snapshot, now: now)
    #expect(state.confirmation?.lines[1] == "Also deleted, in the background: 1 Job and 1 Pod")
    _ = state.apply(.cyclePropagation, in: snapshot, now: now)
    #expect(state.confirmation?.propagation == .foreground)
    _ = state.apply(.setPropagation(.orphan), in: snapshot, now: now)
    #expect(state.confirmation?.lines[1] == "Left behind without an owner: 1 Job and 1 Pod")
    #expect(
      state.confirmation?.lines[2].hasPrefix("Propagation: Background Foreground [Orphan]") == true)
    let target = ObjectRef(kind: .cronJob, namespace: "a", name: "hourly", uid: "cj1")
    #expect(state.apply(.accept, in: snapshot, now: now) == .perform([.delete(target, .orphan)]))
  }

  @Test func triggerShowsTheJobToBeCreated() throws {
    var state = DashboardState()
    _ = state.apply(.trigger, in: snapshot, now: now)
    let question = try #require(state.confirmation)
    let name = try #require(question.jobNames.first)
    #expect(name.hasPrefix("hourly-manual-") && name.count == "hourly-manual-".count + 5)
    #expect(question.lines.contains("Creates job/\(name)"))
    #expect(question.lines.contains("annotation cronjob.kubernetes.io/instantiate: manual"))
  }

  @Test func triggerSuccessSelectsTheNewJob() {
    var state = DashboardState()
    let source = ObjectRef(kind: .cronJob, namespace: "a", name: "hourly", uid: "cj1")
    let created = ObjectRef(kind: .job, namespace: "a", name: "hourly-manual-abcde", uid: "new")
    state.receive(
      OperationResult(
        operation: .trigger(cronJob: source, jobName: created.name), created: created),
      now: now)
    #expect(state.selectedJob == "new")
    #expect(state.focus == .jobs)
    #expect(state.flash?.level == .info)
  }

  @Test func killOnlyOnPodsAndWrongPaneSaysSo() {
    var state = DashboardState()
    _ = state.apply(.kill, in: snapshot, now: now)
    #expect(state.confirmation == nil)
    #expect(state.flash?.text == "kill works on a Pod: move to its pane")
    state.focus = .pods
    _ = state.apply(.kill, in: snapshot, now: now)
    #expect(state.confirmation?.targets.map(\.name) == ["hourly-1-abcde"])
  }

  @Test func marksMakeOneQuestionForEveryMarkedRow() {
    var state = DashboardState()
    _ = state.apply(.toggleMark, in: snapshot, now: now)
    _ = state.apply(.moveDown, in: snapshot, now: now)
    _ = state.apply(.toggleMark, in: snapshot, now: now)
    _ = state.apply(.delete, in: snapshot, now: now)
    #expect(state.confirmation?.targets.map(\.name) == ["hourly", "nightly"])
    _ = state.apply(.accept, in: snapshot, now: now)
    #expect(state.marks.isEmpty)
  }

  @Test func readOnlyRefusesWithAMessage() {
    var state = DashboardState(readOnly: true)
    for action in [DashboardAction.toggleSuspend, .trigger, .delete, .kill] {
      state.flash = nil
      _ = state.apply(action, in: snapshot, now: now)
      #expect(state.confirmation == nil)
      #expect(state.flash?.text.hasPrefix("read-only mode (--readonly)") == true)
    }
    #expect(state.unavailableReason(of: .delete, in: snapshot) == "read-only mode")
  }

  @Test func forbiddenActionSaysWhy() {
    var state = DashboardState()
    let key = PermissionKey(verb: "delete", kind: .cronJob, namespace: "a")
    state.learn(.denied(reason: "no RBAC policy matched"), for: key)
    _ = state.apply(.delete, in: snapshot, now: now)
    #expect(state.confirmation == nil)
    #expect(
      state.flash?.text
        == "forbidden: you may not delete cronjobs in namespace a (no RBAC policy matched)")
    #expect(state.flash?.level == .error)
    #expect(state.unavailableReason(of: .delete, in: snapshot) == state.flash?.text)
    #expect(state.unavailableReason(of: .toggleSuspend, in: snapshot) == nil)
  }

  @Test func failureFlashesTheServerMessageAndExpires() {
    var state = DashboardState()
    let before = state
    let target = ObjectRef(kind: .cronJob, namespace: "a", name: "hourly", uid: "cj1")
    let message = "Error from server (NotFound): cronjobs.batch \"hourly\" not found"
    state.receive(
      OperationResult(operation: .setSuspended(target, true), failure: message), now: now)
    #expect(state.flash?.text == "cronjob/hourly: \(message)")
    #expect(state.flash?.level == .error)
    var rest = state
    rest.flash = nil
    #expect(rest == before, "a failure changes nothing but the flash")
    let early = state.expireFlash(now: now.addingTimeInterval(Flash.lifetime(of: .error) - 0.1))
    #expect(!early)
    #expect(state.flash != nil)
    let due = state.expireFlash(now: now.addingTimeInterval(Flash.lifetime(of: .error)))
    #expect(due)
    #expect(state.flash == nil)
  }

  @Test func manualJobNamesFitAndDiffer() {
    let long = String(repeating: "x", count: 52)
    #expect(ManualJobName.make(cronJob: long, seed: 1).count <= 63)
    #expect(ManualJobName.make(cronJob: "a", seed: 1) != ManualJobName.make(cronJob: "a", seed: 2))
  }
}
