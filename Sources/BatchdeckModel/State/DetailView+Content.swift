import Foundation

extension DetailView {
  /// The describe text of the target in `snapshot`; `nil` when the object is gone.
  public func describeLines(in snapshot: ClusterSnapshot, now: Date, zone: TimeZone = .gmt)
    -> [String]?
  {
    switch target.kind {
    case .cronJob:
      find(snapshot.cronJobs, \.metadata).map {
        Describe.cronJob($0, events: snapshot.events, now: now, zone: zone)
      }
    case .job:
      find(snapshot.jobs, \.metadata).map {
        Describe.job($0, events: snapshot.events, now: now, zone: zone)
      }
    case .pod:
      find(snapshot.pods, \.metadata).map {
        Describe.pod($0, events: snapshot.events, now: now, zone: zone)
      }
    }
  }

  /// The pods whose logs the view reads: the pod, or every pod of the Job (oldest first).
  public func logPods(in snapshot: ClusterSnapshot) -> [Pod] {
    switch target.kind {
    case .pod: return find(snapshot.pods, \.metadata).map { [$0] } ?? []
    case .job: return find(snapshot.jobs, \.metadata).map { snapshot.pods(of: $0) } ?? []
    case .cronJob: return []
    }
  }

  /// The container names the log view can switch between (of its first pod).
  public func containers(in snapshot: ClusterSnapshot) -> [String] {
    logPods(in: snapshot).first?.containers.map(\.name) ?? []
  }

  /// The container read from `pod`: the chosen one when the pod has it, else its first.
  public func container(of pod: Pod) -> String {
    if let container, pod.containers.contains(where: { $0.name == container }) {
      return container
    }
    return pod.containers.first?.name ?? ""
  }

  private func find<T>(_ items: [T], _ meta: KeyPath<T, ObjectMeta>) -> T? {
    items.first { !target.uid.isEmpty && $0[keyPath: meta].uid == target.uid }
      ?? items.first {
        $0[keyPath: meta].namespace == target.namespace && $0[keyPath: meta].name == target.name
      }
  }
}
