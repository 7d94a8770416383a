import APIMachinery
import BatchdeckModel
import Foundation
import Testing

@testable import KubeClient

/// Pods, Jobs and CronJobs from the API's round-trip test data (every field set) decode with
/// the fields describe needs and describe without crashing, with every section kubectl prints.
@Suite struct DescribeFixtureTests {
  static let now = Date(timeIntervalSince1970: 1_796_342_400)

  func fixture(_ name: String) throws -> JSONValue? {
    guard let data = SharedFixtures.data("fixtures/api-testdata/\(name)") else { return nil }
    return try JSONValue.parse(data)
  }

  @Test(
    .enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"),
    arguments: ["HEAD", "v1.33.0"])
  func podFromTestDataDecodesDescribeFieldsAndDescribes(version: String) throws {
    let json = try #require(try fixture("\(version)/core.v1.Pod.json"))
    let pod = Pod(wire: json)
    let container = try #require(pod.containers.first)
    #expect(container.details.ports.first?.containerPort == 3)
    #expect(container.details.ports.first?.hostPort == 2)
    #expect(container.details.command.first == "commandValue")
    #expect(container.details.args.first == "argsValue")
    #expect(
      container.details.env.first?.source
        == .field(
          apiVersion: "apiVersionValue", path: "fieldPathValue"))
    #expect(container.details.mounts.first?.mountPath == "mountPathValue")
    #expect(container.details.probes.map(\.purpose) == [.liveness, .readiness, .startup])
    #expect(pod.containerStatuses.first?.containerID == "containerIDValue")
    #expect(pod.containerStatuses.first?.imageID == "imageIDValue")
    #expect(
      pod.specDetails.volumes.first?.source == .hostPath(path: "pathValue", type: "typeValue"))
    #expect(pod.specDetails.tolerations.first?.tolerationSeconds == 5)
    #expect(pod.specDetails.nodeSelector == ["nodeSelectorKey": "nodeSelectorValue"])
    #expect(pod.qosClass == "qosClassValue")
    #expect(pod.initContainers.first?.image == "imageValue")

    let lines = Describe.pod(pod, events: [], now: Self.now)
    let headings = [
      "Name:", "Namespace:", "Priority:", "Service Account:", "Node:", "Labels:",
      "Annotations:", "Status:", "IP:", "IPs:", "Init Containers:", "Containers:",
      "Readiness Gates:", "Conditions:", "Volumes:", "QoS Class:", "Node-Selectors:",
      "Tolerations:", "Events:",
    ]
    let starts = headings.map { heading in lines.firstIndex { $0.hasPrefix(heading) } }
    #expect(!starts.contains(nil), "\(zip(headings, starts).filter { $0.1 == nil })")
    #expect(starts.compactMap { $0 } == starts.compactMap { $0 }.sorted(), "in kubectl's order")
    let blocks = [
      "    Container ID:", "    Image ID:", "    Port:", "    Host Port:", "    Command:",
      "    Args:", "    State:", "    Ready:", "    Restart Count:", "    Limits:",
      "    Requests:", "    Liveness:", "    Readiness:", "    Startup:",
      "    Environment Variables from:", "    Environment:", "    Mounts:",
    ]
    for block in blocks { #expect(lines.contains { $0.hasPrefix(block) }, "\(block)") }
    #expect(lines.contains { $0.hasPrefix("QoS Class:") && $0.hasSuffix(" qosClassValue") })
  }

  @Test(
    .enabled(if: SharedFixtures.isAvailable, "needs ../shared/fixtures"),
    arguments: ["HEAD", "v1.33.0"])
  func jobAndCronJobTemplatesFromTestDataDescribe(version: String) throws {
    let jobJSON = try #require(try fixture("\(version)/batch.v1.Job.json"))
    let cronJSON = try #require(try fixture("\(version)/batch.v1.CronJob.json"))
    let job = Describe.job(Job(wire: jobJSON), events: [], now: Self.now)
    let cronJob = Describe.cronJob(CronJob(wire: cronJSON), events: [], now: Self.now)
    for lines in [job, cronJob] {
      let template = lines.drop { $0 != "Pod Template:" }
      for heading in [
        "  Labels:", "  Annotations:", "  Service Account:", "  Init Containers:",
        "  Containers:", "    Environment:", "    Mounts:", "  Volumes:",
        "  Priority Class Name:", "  Node-Selectors:", "  Tolerations:",
      ] {
        #expect(template.contains { $0.hasPrefix(heading) }, "\(heading)")
      }
    }
  }
}
