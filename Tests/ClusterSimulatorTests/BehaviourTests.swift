import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

/// Pod templates transcribed from the seed chapter's manifests.
enum SeedTemplates {
  static let batchProcessor: JSONValue = [
    "spec": [
      "containers": [
        [
          "name": "processor", "image": "busybox:1.36", "command": ["sh", "-c"],
          "args": [
            "echo \"Processing task on $(hostname)...\"\nsleep 5\necho \"Task complete!\"\n"
          ],
        ]
      ],
      "restartPolicy": "Never",
    ]
  ]

  static let embeddingRefresh: JSONValue = [
    "spec": [
      "containers": [
        [
          "name": "refresh", "image": "python:3.11-slim", "command": ["python", "-c"],
          "args": [
            .string(
              "import time\nprint(\"Starting embedding refresh...\")\nfor i in range(5):\n"
                + "    print(f\"Processing batch {i+1}/5...\")\n    time.sleep(2)\n"
                + "print(\"Embedding refresh complete!\")\n")
          ],
        ]
      ],
      "restartPolicy": "Never",
    ]
  ]

  static let embeddingSync: JSONValue = [
    "spec": [
      "containers": [
        [
          "name": "sync", "image": "your-registry/embedding-sync:v1",
          "env": [
            [
              "name": "OPENAI_API_KEY",
              "valueFrom": ["secretKeyRef": ["name": "openai-credentials", "key": "api-key"]],
            ]
          ],
        ]
      ],
      "restartPolicy": "OnFailure",
    ]
  ]

  static let migrationWithSecret: JSONValue = [
    "spec": [
      "containers": [
        [
          "name": "migrate", "image": "busybox:1.36",
          "env": [
            [
              "name": "DB_URL",
              "valueFrom": [
                "secretKeyRef": ["name": "db-credentials", "key": "connection-string"]
              ],
            ]
          ],
        ]
      ],
      "restartPolicy": "Never",
    ]
  ]
}

@Suite struct BehaviourTests {
  func waitingReason(_ simulator: Simulator, _ job: String) -> String? {
    simulator.pods(ownedBy: job).first?[path: ["status", "containerStatuses"]]?[0]?
      .string("state", "waiting", "reason")
  }

  @Test func shellScriptEchoesBecomeLogLinesAndSleepsTheRunTime() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest("batch-processor", template: SeedTemplates.batchProcessor)
    ])
    simulator.run(for: 5)
    let pod = try #require(simulator.pods(ownedBy: "batch-processor").first)
    #expect(pod.string("status", "phase") == "Running")
    let path = "/api/v1/namespaces/default/pods/\(pod.name)/log"
    #expect(try simulator.request(path).text == "Processing task on \(pod.name)...\n")
    simulator.run(for: 5)
    let done = try #require(simulator.pods(ownedBy: "batch-processor").first)
    #expect(done.string("status", "phase") == "Succeeded")
    let terminated = try #require(
      done[path: ["status", "containerStatuses"]]?[0]?["state"]?["terminated"])
    #expect(terminated.string("reason") == "Completed")
    #expect(terminated.int("exitCode") == 0)
    let started = try #require(terminated.time("startedAt"))
    let finished = try #require(terminated.time("finishedAt"))
    #expect(finished.timeIntervalSince(started) == 5)
    #expect(try simulator.request(path).text.hasSuffix("Task complete!\n"))
  }

  @Test func pythonLoopPrintsEveryBatch() {
    let behaviour = PodBehaviour.behaviour(
      for: SeedTemplates.embeddingRefresh.array("spec", "containers")[0], in: [:])
    #expect(
      behaviour.lines.map(\.text) == [
        "Starting embedding refresh...", "Processing batch 1/5...", "Processing batch 2/5...",
        "Processing batch 3/5...", "Processing batch 4/5...", "Processing batch 5/5...",
        "Embedding refresh complete!",
      ])
    #expect(behaviour.duration == 10)
    #expect(behaviour.lines.last?.offset == 10)
  }

  @Test func imageFromAMissingRegistryFailsToPull() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest("sync", template: SeedTemplates.embeddingSync)
    ])
    simulator.run(for: 3)
    #expect(waitingReason(simulator, "sync") == "ErrImagePull")
    simulator.run(for: 2)
    #expect(waitingReason(simulator, "sync") == "ImagePullBackOff")
    let reasons = simulator.store.list(.events).items.compactMap { $0.string("reason") }
    #expect(
      reasons.contains("BackOff") && reasons.contains("Failed") && reasons.contains("Pulling"))
    #expect(simulator.pods(ownedBy: "sync").first?.string("status", "phase") == "Pending")
    #expect(!PodBehaviour.imageExists("your-registry/doc-processor:v1"))
    #expect(!PodBehaviour.imageExists("busybox:doesnotexist"))
    #expect(PodBehaviour.imageExists("busybox:1.36"))
  }

  @Test func missingSecretHoldsTheContainerUntilTheSecretAppears() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest("migrate", template: SeedTemplates.migrationWithSecret)
    ])
    simulator.run(for: 5)
    #expect(waitingReason(simulator, "migrate") == "CreateContainerConfigError")
    let message = simulator.pods(ownedBy: "migrate").first?[path: ["status", "containerStatuses"]]?[
      0]?
      .string("state", "waiting", "message")
    #expect(message == "secret \"db-credentials\" not found")
    _ = try simulator.store.create(
      .secrets,
      [
        "metadata": ["name": "db-credentials", "namespace": "default"],
        "data": ["connection-string": "eA=="],
      ])
    simulator.run(for: 2)
    let state = simulator.pods(ownedBy: "migrate").first?[path: ["status", "containerStatuses"]]?[
      0]?["state"]
    #expect(state?["running"] != nil)
  }

  @Test func annotationsOverrideDurationAndExitCode() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "told", spec: ["backoffLimit": 0],
        template: podTemplate(
          annotations: ["sim.batchdeck.dev/duration": "20s", "sim.batchdeck.dev/exit-code": "4"]))
    ])
    simulator.run(for: 15)
    #expect(simulator.pods(ownedBy: "told").first?.string("status", "phase") == "Running")
    simulator.run(for: 15)
    let pod = try #require(simulator.pods(ownedBy: "told").first)
    #expect(pod.string("status", "phase") == "Failed")
    #expect(
      pod[path: ["status", "containerStatuses"]]?[0]?.int("state", "terminated", "exitCode") == 4)
    #expect(simulator.conditionTypes("told").contains("Failed"))
  }

  @Test func oomKillAnnotationEndsRunsOOMKilled() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "hungry", spec: ["backoffLimit": 0],
        template: podTemplate(
          annotations: ["sim.batchdeck.dev/duration": "10s", "sim.batchdeck.dev/oom-kill": "true"]))
    ])
    simulator.run(for: 30)
    let pod = try #require(simulator.pods(ownedBy: "hungry").first)
    let terminated = pod[path: ["status", "containerStatuses"]]?[0]?[path: ["state", "terminated"]]
    #expect(terminated?.string("reason") == "OOMKilled")
    #expect(terminated?.int("exitCode") == 137)
    #expect(simulator.conditionTypes("hungry").contains("Failed"))
  }

  @Test func dateAndEnvironmentAreExpanded() throws {
    let simulator = try makeSimulator(objects: [
      jobManifest(
        "env",
        template: podTemplate(
          script: "echo \"at $(date) in $ZONE\"", env: [["name": "ZONE", "value": "eu"]]))
    ])
    simulator.run(for: 5)
    let pod = try #require(simulator.pods(ownedBy: "env").first)
    let text = try simulator.request("/api/v1/namespaces/default/pods/\(pod.name)/log").text
    #expect(text == "at Mon Jan  1 00:00:33 UTC 2024 in eu\n")
  }
}
