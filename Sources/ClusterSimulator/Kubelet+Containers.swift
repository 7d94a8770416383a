import APIMachinery
import Foundation

extension Kubelet {
  /// Moves one container along its stages: pull, config check, run, exit, restart back-off.
  func step(
    _ container: inout ContainerRun, run: PodRun, pod: JSONValue, restartPolicy: String, now: Date
  ) {
    let field = "spec.containers{\(container.name)}"
    func event(_ reason: String, _ message: String, warning: Bool = false) {
      events.record(
        pod, type: warning ? "Warning" : "Normal", reason: reason, message: message,
        component: "kubelet", host: run.nodeName, fieldPath: field, now: now)
    }

    switch container.stage {
    case .creating(let since):
      guard now.timeIntervalSince(since) >= 2 else { return }
      event("Pulling", "Pulling image \"\(container.image)\"")
      if let error = container.behaviour.imagePullError {
        pullFailed(&container, error: error, attempts: 1, now: now, event: event)
        return
      }
      let took = 1.2 + Double(stableHash(container.image) % 30) / 10
      let size = 2_000_000 + stableHash(container.image) % 90_000_000
      event(
        "Pulled",
        "Successfully pulled image \"\(container.image)\" in \(took)s (\(took)s including "
          + "waiting). Image size: \(size) bytes.")
      startIfConfigured(&container, pod: pod, now: now, event: event)

    case .pullFailed(let since, let backingOff, let attempts):
      let error = container.behaviour.imagePullError ?? ""
      if !backingOff, now.timeIntervalSince(since) >= 1 {
        container.stage = .pullFailed(since: now, backingOff: true, attempts: attempts)
        container.state = [
          "waiting": [
            "reason": "ImagePullBackOff",
            "message": .string(
              "Back-off pulling image \"\(container.image)\": ErrImagePull: \(error)"),
          ]
        ]
        event("BackOff", "Back-off pulling image \"\(container.image)\"")
        event("Failed", "Error: ImagePullBackOff", warning: true)
      } else if backingOff,
        now.timeIntervalSince(since) >= min(10 * pow(2, Double(attempts - 1)), 300)
      {
        event("Pulling", "Pulling image \"\(container.image)\"")
        pullFailed(&container, error: error, attempts: attempts + 1, now: now, event: event)
      }

    case .configError(let lastEvent):
      if PodBehaviour.missingSecret(for: specOf(container, pod), in: pod, store: store) == nil {
        startIfConfigured(&container, pod: pod, now: now, event: event)
      } else if now.timeIntervalSince(lastEvent) >= 10 {
        startIfConfigured(&container, pod: pod, now: now, event: event)
      }

    case .running(let startedAt, let written, let generated):
      emitLogs(
        &container, pod: pod, startedAt: startedAt, written: written, generated: generated,
        now: now)
      let behaviour = container.behaviour
      guard now.timeIntervalSince(startedAt) >= behaviour.duration else { return }
      let attempt = failuresByOwner[run.ownerKey] ?? 0
      let failing = behaviour.failTimes.map { attempt < $0 } ?? (behaviour.exitCode != 0)
      let failureCode =
        behaviour.oomKilled ? 137 : (behaviour.exitCode != 0 ? behaviour.exitCode : 1)
      let code = failing ? failureCode : 0
      let finished = startedAt.addingTimeInterval(behaviour.duration)
      if failing {
        failuresByOwner[run.ownerKey] = attempt + 1
        if behaviour.failTimes != nil {
          logs.append(
            pod: pod.uid, container: container.name,
            .init(time: finished, text: "error: attempt \(attempt + 1) failed (exit code \(code))"))
        }
      }
      let reason = code == 0 ? "Completed" : (behaviour.oomKilled ? "OOMKilled" : "Error")
      terminate(&container, pod: pod, code: code, reason: reason, at: finished)
      if code != 0, restartPolicy != "Never" {
        container.lastState = container.state
        container.restartCount += 1
        let delay = min(10 * pow(2, Double(container.restartCount - 1)), 300)
        container.stage = .crashBackOff(until: finished.addingTimeInterval(delay))
        container.state = [
          "waiting": [
            "reason": "CrashLoopBackOff",
            "message": .string(
              "back-off \(Int(delay))s restarting failed container=\(container.name) "
                + "pod=\(pod.name)_\(pod.namespace)(\(pod.uid))"),
          ]
        ]
        event(
          "BackOff",
          "Back-off restarting failed container \(container.name) in pod "
            + "\(pod.name)_\(pod.namespace)(\(pod.uid))", warning: true)
      }

    case .crashBackOff(let until):
      guard now >= until else { return }
      event("Pulled", "Container image \"\(container.image)\" already present on machine")
      startIfConfigured(&container, pod: pod, now: now, event: event)

    case .done:
      return
    }
  }

  private func pullFailed(
    _ container: inout ContainerRun, error: String, attempts: Int, now: Date,
    event: (String, String, Bool) -> Void
  ) {
    container.stage = .pullFailed(since: now, backingOff: false, attempts: attempts)
    container.state = ["waiting": ["reason": "ErrImagePull", "message": .string(error)]]
    event("Failed", "Failed to pull image \"\(container.image)\": \(error)", true)
    event("Failed", "Error: ErrImagePull", true)
  }

  private func startIfConfigured(
    _ container: inout ContainerRun, pod: JSONValue, now: Date,
    event: (String, String, Bool) -> Void
  ) {
    let spec = specOf(container, pod)
    if let missing = PodBehaviour.missingSecret(for: spec, in: pod, store: store) {
      container.stage = .configError(lastEvent: now)
      container.state = [
        "waiting": ["reason": "CreateContainerConfigError", "message": .string(missing)]
      ]
      event("Failed", "Error: \(missing)", true)
      return
    }
    event("Created", "Created container: \(container.name)", false)
    event("Started", "Started container \(container.name)", false)
    container.stage = .running(startedAt: now, written: 0, generated: 0)
    container.state = ["running": ["startedAt": now.rfc3339]]
    container.everStarted = true
    logs.startAttempt(pod: pod.uid, container: container.name)
    emitLogs(&container, pod: pod, startedAt: now, written: 0, generated: 0, now: now)
  }

  func terminate(
    _ container: inout ContainerRun, pod: JSONValue, code: Int, reason: String, at time: Date
  ) {
    let startedAt = container.state["running"]?["startedAt"] ?? time.rfc3339
    let digest = (0..<4).map {
      String(stableHash("\(pod.uid)/\(container.name)/\(container.restartCount)\($0)"), radix: 16)
        .leftPadded(16)
    }
    container.state = [
      "terminated": [
        "exitCode": .int(Int64(code)), "reason": .string(reason), "startedAt": startedAt,
        "finishedAt": time.rfc3339, "containerID": .string("containerd://" + digest.joined()),
      ]
    ]
    container.exitCode = code
    container.stage = .done
    logs.finishAttempt(pod: pod.uid, container: container.name)
  }

  private func emitLogs(
    _ container: inout ContainerRun, pod: JSONValue, startedAt: Date, written: Int,
    generated: Int, now: Date
  ) {
    let elapsed = min(now.timeIntervalSince(startedAt), container.behaviour.duration)
    let env = PodBehaviour.environment(for: specOf(container, pod), in: pod)
    var count = written
    let lines = container.behaviour.lines
    while count < lines.count, lines[count].offset <= elapsed {
      let time = startedAt.addingTimeInterval(lines[count].offset)
      let text = expand(lines[count].text, env: env, time: time)
      logs.append(pod: pod.uid, container: container.name, .init(time: time, text: text))
      count += 1
    }
    var extra = generated
    if let rate = container.behaviour.linesPerSecond {
      while Double(extra + 1) / rate <= elapsed {
        extra += 1
        let time = startedAt.addingTimeInterval(Double(extra) / rate)
        logs.append(
          pod: pod.uid, container: container.name,
          .init(time: time, text: "\(container.name): processed record \(extra)"))
      }
    }
    container.stage = .running(startedAt: startedAt, written: count, generated: extra)
  }

  private func specOf(_ container: ContainerRun, _ pod: JSONValue) -> JSONValue {
    pod.array("spec", "containers").first { $0.string("name") == container.name } ?? [:]
  }

  /// Expands `$(hostname)`, `$(date)`, `$VAR` and `${VAR}` in an echoed line.
  func expand(_ text: String, env: [String: String], time: Date) -> String {
    var output = text.replacingOccurrences(of: "$(hostname)", with: env["HOSTNAME"] ?? "")
    output = output.replacingOccurrences(of: "$(date)", with: Self.dateText(time))
    for (name, value) in env.sorted(by: { $0.key.count > $1.key.count }) {
      output = output.replacingOccurrences(of: "${\(name)}", with: value)
      output = output.replacingOccurrences(of: "$\(name)", with: value)
    }
    return output
  }

  /// The virtual time as `date` prints it, e.g. `Thu Dec  3 22:06:04 UTC 2026`.
  static func dateText(_ time: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second, .weekday], from: time)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let day = String(parts.day ?? 1).leftPadded(2, with: " ")
    let clock = [parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0]
      .map { String($0).leftPadded(2) }.joined(separator: ":")
    return "\(days[((parts.weekday ?? 1) - 1) % 7]) \(months[((parts.month ?? 1) - 1) % 12]) "
      + "\(day) \(clock) UTC \(parts.year ?? 1970)"
  }
}
