import Foundation
import Testing

/// `simpeg-load --setup fresh` against the real simpegd: an empty daemon is filled with the
/// sample city through `AdminService/LoadSample`, a bounded write run then succeeds, and a
/// second fresh set-up on the now full daemon is refused with exit status 2 and a reason.
@Suite struct LoadSetupEndToEndTests {
  @Test func freshSetupFillsAnEmptyDaemonRunsAndThenRefusesIt() async throws {
    let daemon = try await SimpegdProcess.start()
    defer { daemon.removeFolder() }
    let load = try AdminCLI(tool: "simpeg-load")
    defer { try? FileManager.default.removeItem(at: load.folder) }
    let arguments = [
      "--address", "127.0.0.1:\(daemon.rpcPort)", "--setup", "fresh", "--scenario", "writes",
      "--callers", "4", "--connections", "1", "--employees", "4", "--supervisors", "1",
      "--duration", "1", "--warmup", "0", "--max-calls", "200", "--seed", "5", "--quiet", "--json",
      "--credentials", daemon.dataFolder.appendingPathComponent("bootstrap-admin.txt").path,
    ]

    let first = try await load.run(arguments, timeout: .seconds(600))
    #expect(first.status == 0, "\(first)")
    #expect(first.stderr.contains("loading the sample city"), "\(first)")
    let report = try first.object()
    let rows = try #require(report["rows"] as? [[String: Any]], "\(first)")
    let ok = rows.compactMap { $0["ok"] as? Int }.reduce(0, +)
    #expect(ok > 0, "no LogActivity succeeded: \(first)")

    let again = try await load.run(arguments, timeout: .seconds(120))
    #expect(again.status == 2, "\(again)")
    #expect(again.stderr.contains("needs a daemon with no units"), "\(again)")
    #expect(again.stderr.contains("--setup sample"), "\(again)")
  }
}
