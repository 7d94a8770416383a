import APIMachinery
import ClusterSimulator
import Foundation
import SimulatorServer
import Testing

@Suite struct ServerTests {
  @Test func refusesRequestsWithoutTheCredentials() throws {
    let cluster = try ServedCluster()
    defer { cluster.server.stop() }
    let connection = try cluster.connect()
    let anonymous = try connection.request("/version", headers: ["Authorization": "Bearer nope"])
    #expect(anonymous.status == 401)
    #expect(anonymous.json?["kind"] == "Status")
    #expect(anonymous.json?["reason"] == "Unauthorized")
    let byToken = try connection.request("/version")
    #expect(byToken.status == 200)
    #expect(byToken.json?["gitVersion"]?.stringValue?.hasPrefix("v1.") == true)
    let byPath = try connection.request(
      cluster.gateway.pathPrefix + "/api", headers: ["Authorization": ""])
    #expect(byPath.status == 200)
    #expect(byPath.json?["kind"] == "APIVersions")
  }

  @Test func answersTablesWithTheKubectlColumns() throws {
    let cluster = try ServedCluster()
    defer { cluster.server.stop() }
    let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
    let response = try cluster.connect().request(
      "/apis/batch/v1/cronjobs", headers: ["Accept": accept])
    let table = try #require(response.json)
    #expect(table["kind"] == "Table")
    let definitions: [JSONValue] = table["columnDefinitions"]?.arrayValue ?? []
    let names = definitions.compactMap { $0["name"]?.stringValue }
    #expect(
      names.prefix(7) == [
        "Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age",
      ])
    let first = try #require(table["rows"]?[0]?["cells"])
    #expect(first[4]?.intValue != nil)
    #expect(table["rows"]?[0]?["object"]?["kind"] == "PartialObjectMetadata")
    let whole = try cluster.connect().request(
      "/apis/batch/v1/cronjobs?includeObject=Object", headers: ["Accept": accept])
    #expect(whole.json?["rows"]?[0]?["object"]?["kind"] == "CronJob")
    #expect(whole.json?["rows"]?[0]?["object"]?["spec"]?["schedule"] != nil)
  }

  @Test func streamsWatchesAndEndsThemOnStop() throws {
    let cluster = try ServedCluster()
    let connection = try cluster.connect()
    connection.send(
      "GET", "/apis/batch/v1/namespaces/default/jobs?watch=1",
      headers: ["Authorization": "Bearer \(ServedCluster.token)"])
    let first = try connection.readResponse(stopAfterFirstChunk: true)
    #expect(first.status == 200)
    #expect(first.headers["Transfer-Encoding"] == "chunked")
    let text = String(decoding: first.body, as: UTF8.self)
    let event = try #require(try? JSONValue.parse(Array(first.body.dropLast())), "\(text)")
    #expect(event["type"] == "ADDED")
    cluster.server.stop()
    #expect(connection.closes(within: 3))
  }

  @Test func injectsFailuresWithRetryAfterAndForbiddenNamespaces() throws {
    let cluster = try ServedCluster()
    defer { cluster.server.stop() }
    let connection = try cluster.connect()
    let plan =
      #"{"failStatus":429,"failCount":1,"retryAfterSeconds":2,"#
      + #""forbid":[{"resource":"jobs","namespace":"ml-pipeline"}]}"#
    let set = try connection.request(APIGateway.faultsPath, method: "POST", body: Array(plan.utf8))
    #expect(set.status == 200)
    let limited = try connection.request("/apis/batch/v1/namespaces/default/jobs")
    #expect(limited.status == 429)
    #expect(limited.headers["Retry-After"] == "2")
    #expect(limited.json?["reason"] == "TooManyRequests")
    #expect(try connection.request("/apis/batch/v1/namespaces/default/jobs").status == 200)
    let refused = try connection.request("/apis/batch/v1/namespaces/ml-pipeline/jobs")
    #expect(refused.status == 403)
    #expect(refused.json?["reason"] == "Forbidden")
    let cleared = try connection.request(APIGateway.faultsPath, method: "DELETE")
    #expect(cleared.status == 200)
    #expect(try connection.request("/apis/batch/v1/namespaces/ml-pipeline/jobs").status == 200)
  }

  @Test func expiresTheNextWatchesWith410() throws {
    var plan = FaultPlan()
    plan.expireWatches = 1
    let cluster = try ServedCluster(faults: plan)
    defer { cluster.server.stop() }
    let connection = try cluster.connect()
    let expired = try connection.request("/apis/batch/v1/jobs?watch=true&resourceVersion=5")
    #expect(expired.status == 200)
    let event = try #require(try? JSONValue.parse(Array(expired.body.dropLast())))
    #expect(event["type"] == "ERROR")
    #expect(event[path: ["object", "code"]] == .int(410))
    #expect(event[path: ["object", "reason"]] == "Expired")
    #expect(
      event[path: ["object", "message"]]?.stringValue?.hasPrefix("too old resource version: 5")
        == true)
    let next = try cluster.connect()
    next.send(
      "GET", "/apis/batch/v1/jobs?watch=true",
      headers: ["Authorization": "Bearer \(ServedCluster.token)"])
    let live = try next.readResponse(stopAfterFirstChunk: true)
    let first = try #require(try? JSONValue.parse(Array(live.body.dropLast())))
    #expect(first["type"] == "ADDED", "only the first watch expired")
  }

  @Test func dropsWatchesWithoutAnEnd() throws {
    var plan = FaultPlan()
    plan.dropWatchesAfterSeconds = 0.5
    let cluster = try ServedCluster(faults: plan)
    defer { cluster.server.stop() }
    let connection = try cluster.connect()
    connection.send(
      "GET", "/apis/batch/v1/jobs?watch=true",
      headers: ["Authorization": "Bearer \(ServedCluster.token)"])
    let response = try connection.readResponse()
    #expect(response.status == 200)
    #expect(!response.complete)
  }

  @Test func goesAwayAndComesBack() throws {
    let cluster = try ServedCluster()
    defer { cluster.server.stop() }
    let body = Array(#"{"downSeconds":3}"#.utf8)
    #expect(
      try cluster.connect().request(APIGateway.faultsPath, method: "POST", body: body).status == 200
    )
    // Both waits are polled and bounded, so a loaded machine does not make the test flaky.
    let awayDeadline = Date().addingTimeInterval(2.5)
    var wentAway = false
    while !wentAway, Date() < awayDeadline {
      wentAway = (try? cluster.connect().request("/version")) == nil
      if !wentAway { Thread.sleep(forTimeInterval: 0.05) }
    }
    #expect(wentAway, "the server refused connections while away")

    let deadline = Date().addingTimeInterval(20)
    var status: Int?
    while status != 200, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.25)
      status = try? cluster.connect().request("/version").status
    }
    #expect(status == 200)
  }

  @Test func decodesKubectlProtobufAccessReviews() throws {
    let cluster = try ServedCluster()
    defer { cluster.server.stop() }
    // A SelfSubjectAccessReview for "list jobs.batch in default" as kubectl 1.33 sends it.
    let hex =
      "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f76311217"
      + "53656c665375626a656374416363657373526576696577124212100a0012001a00"
      + "22002a00320038004200"
      + "12240a220a0764656661756c7412046c6973741a05626174636822002a046a6f6273"
      + "32003a001a08080012001a0020001a002200"
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
      index = next
    }
    let response = try cluster.connect().request(
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", method: "POST",
      headers: ["Content-Type": "application/vnd.kubernetes.protobuf"], body: bytes)
    #expect(response.status == 201)
    #expect(response.json?["status"]?["allowed"] == true)
    #expect(response.json?["spec"]?["resourceAttributes"]?["resource"] == "jobs")
  }
}
