import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

/// 2024-01-01T00:00:30Z: half a minute before a minute boundary.
let testStart = Date(timeIntervalSince1970: 1_704_067_230)

func makeSimulator(objects: [JSONValue] = [], seed: UInt64 = 7) throws -> Simulator {
  let simulator = Simulator(clock: .manual(start: testStart), seed: seed)
  try simulator.load(objects: [namespace("default")] + objects)
  return simulator
}

func namespace(_ name: String) -> JSONValue {
  ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
}

func podTemplate(
  image: String = "busybox:1.36", script: String? = nil, restartPolicy: String = "Never",
  annotations: [String: String] = [:], env: [JSONValue] = []
) -> JSONValue {
  var container: JSONValue = ["name": "main", "image": .string(image)]
  if let script {
    container["command"] = ["sh", "-c"]
    container["args"] = [.string(script)]
  }
  if !env.isEmpty { container["env"] = .array(env) }
  var template: JSONValue = [
    "spec": ["containers": [container], "restartPolicy": .string(restartPolicy)]
  ]
  if !annotations.isEmpty {
    template[path: ["metadata", "annotations"]] = .object(annotations.mapValues { .string($0) })
  }
  return template
}

func jobManifest(
  _ name: String, spec extra: [String: JSONValue] = [:], template: JSONValue = podTemplate()
) -> JSONValue {
  var spec: [String: JSONValue] = ["template": template]
  spec.merge(extra) { _, new in new }
  return [
    "apiVersion": "batch/v1", "kind": "Job",
    "metadata": ["name": .string(name), "namespace": "default"], "spec": .object(spec),
  ]
}

func cronJobManifest(
  _ name: String, schedule: String = "* * * * *", spec extra: [String: JSONValue] = [:],
  template: JSONValue = podTemplate()
) -> JSONValue {
  var spec: [String: JSONValue] = [
    "schedule": .string(schedule), "jobTemplate": ["spec": ["template": template]],
  ]
  spec.merge(extra) { _, new in new }
  return [
    "apiVersion": "batch/v1", "kind": "CronJob",
    "metadata": ["name": .string(name), "namespace": "default"], "spec": .object(spec),
  ]
}

extension Simulator {
  func pods(ownedBy job: String) -> [JSONValue] {
    store.list(.pods, namespace: "default").items.filter {
      $0.controllerRef?.string("name") == job
    }
  }

  func job(_ name: String) -> JSONValue? { store.get(.jobs, "default", name) }

  func conditionTypes(_ job: String) -> [String] {
    (self.job(job)?.array("status", "conditions") ?? []).filter {
      $0.string("status") == "True"
    }.compactMap { $0.string("type") }
  }

  /// One GET through the transport, whole body.
  func request(_ path: String, query: [(String, String)] = []) throws -> (
    status: Int, json: JSONValue?, text: String, headers: [String: String]
  ) {
    try request("GET", path, query: query)
  }

  /// One request through the transport, whole body.
  func request(
    _ method: String, _ path: String, query: [(String, String)] = [],
    body: JSONValue? = nil, contentType: String = "application/json"
  ) throws -> (status: Int, json: JSONValue?, text: String, headers: [String: String]) {
    let request = HTTPRequest(
      method: method, path: path, query: query.map { QueryItem($0.0, $0.1) },
      headers: [("Content-Type", contentType)], body: body.map { $0.serialized() } ?? [])
    let response = try transport.perform(request)
    let text = String(decoding: response.body, as: UTF8.self)
    return (response.status, try? JSONValue.parse(response.body), text, response.head.headers)
  }
}
