import APIMachinery
import Foundation
import Testing

@testable import ClusterSimulator

/// Owner references of loaded manifests keep pointing at the objects they named: a uid from
/// the manifests follows its object to the uid the store gives it, and a uid of no loaded
/// object (an earlier CronJob of the same name) stays as it was.
@Suite struct LoadOwnershipTests {
  func owned(_ name: String, uid: String?) -> JSONValue {
    var job = jobManifest(name)
    var reference: JSONValue = ["kind": "CronJob", "name": "backup", "controller": true]
    if let uid { reference["uid"] = .string(uid) }
    job[path: ["metadata", "ownerReferences"]] = [reference]
    return job
  }

  @Test func manifestUIDsAreMappedAndForeignOnesKept() throws {
    var cronJob = cronJobManifest("backup")
    cronJob[path: ["metadata", "uid"]] = "manifest-uid"
    let simulator = Simulator(clock: .manual(start: testStart))
    try simulator.load(
      objects: [
        namespace("default"), cronJob, owned("backup-1", uid: "manifest-uid"),
        owned("backup-old", uid: "earlier-uid"), owned("backup-by-name", uid: nil),
      ], asStored: true)
    let stored = try #require(simulator.store.get(.cronjobs, "default", "backup")).uid
    let ownerUID = { (job: String) in
      simulator.job(job)?.array("metadata", "ownerReferences").first?.string("uid")
    }
    #expect(ownerUID("backup-1") == stored)
    #expect(ownerUID("backup-old") == "earlier-uid")
    #expect(ownerUID("backup-by-name") == stored)
  }
}
