import Foundation
import Testing

/// `Scripts/bench.sh` (what `make bench` runs) end to end at a tiny scale with the test build:
/// every figure's label is printed and the JSON parses. No time is asserted.
@Suite(
  .enabled(
    if: SimServer.hasKubectl && FileManager.default.isExecutableFile(atPath: "/usr/bin/time"),
    "needs kubectl, /usr/bin/time and the built binary"))
struct BenchScriptTests {
  @Test(.timeLimit(.minutes(3))) func tinyBenchPrintsEveryFigureAndValidJSON() throws {
    let binary = try #require(BatchdeckBinary.url)
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("bench-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = BatchdeckBinary.packageRoot.appendingPathComponent("Scripts/bench.sh")
    process.currentDirectoryURL = BatchdeckBinary.packageRoot
    var environment = ProcessInfo.processInfo.environment
    environment["BATCHDECK"] = binary.path
    environment["BENCH_SCALES"] = "0.01"
    environment["BENCH_IDLE"] = "1"
    environment["BENCH_ROWS"] = "60"
    environment["BENCH_FRAMES"] = "5"
    environment["BENCH_CRON_ITERATIONS"] = "2000"
    environment["BENCH_KEYS"] = "3"
    environment["BENCH_LOG_RATE"] = "200"
    environment["BENCH_OUT"] = output.path
    environment["KUBECTL"] = SimServer.kubectl
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    for label in [
      "machine: ", "first frame s (kubectl)", "CPU s (kubectl)", "peak RSS MB (kubectl)",
      "idle watching the churn", "frame at 200x60", "log tail at", "key-to-frame",
      "cron next-fire rate",
    ]
      + (FileManager.default.isExecutableFile(atPath: TmuxSession.tmux)
        ? ["keypress to frame"] : [])
    {
      #expect(text.contains(label), "missing \(label) in \(text)")
    }
    let data = try Data(contentsOf: output)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in ["cores", "scales", "idle", "render", "logs", "keyToFrame", "cron"] {
      #expect(json[key] != nil, "missing \(key)")
    }
    let render = try #require(json["render"] as? [String: Any])
    let rows = try #require(render["rows"] as? Int)
    let shown = try #require(render["shownRows"] as? Int)
    #expect(shown > 0 && shown < rows, "the filter keeps some rows, not all: \(render)")
    let scales = try #require(json["scales"] as? [[String: Any]])
    #expect(scales.count == 1)
    #expect(scales.first?["ratios"] != nil)
  }
}
