import Foundation
import SimpegAPI
import SimpegLoad
import SimpegTestSupport
import Testing

/// Crash safety of the real simpegd: `simpeg-load` logs activities (durable writes) while the
/// daemon is killed with SIGKILL at a random moment, twenty times over one data folder. The load
/// tool appends every acknowledged write to its ack log as soon as the answer arrives; after each
/// restart every one of them is present, unchanged, and the audit chain verifies.
@Suite(.serialized) struct CrashSafetyEndToEndTests {
  static let cycles = 20

  /// The `simpeg-load` binary beside `simpegd`.
  static var loadBinary: URL {
    get throws {
      let candidate = try SimpegdProcess.binary.deletingLastPathComponent().appendingPathComponent(
        "simpeg-load")
      guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
        throw SimpegdProcess.Failure(
          "simpeg-load is not built next to simpegd; run `swift build --build-tests`")
      }
      return candidate
    }
  }

  /// The acknowledged writes recorded so far (complete lines only).
  static func acknowledged(in file: URL) throws -> [AckLog.Entry] {
    guard let data = FileManager.default.contents(atPath: file.path),
      let end = data.lastIndex(of: UInt8(ascii: "\n"))
    else { return [] }
    // A line the load tool is writing right now has no newline yet: it is read next time.
    let text = String(decoding: data[..<end], as: UTF8.self)
    return try text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
      try JSONDecoder().decode(AckLog.Entry.self, from: Data(line.utf8))
    }
  }

  @Test func everyAcknowledgedActivitySurvivesTwentySIGKILLs() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let year = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(secondsFromGMT: 7 * 3600)!, from: Date()
    ).year!
    let arguments = [
      "--sample-seed", "3", "--sample-year", "\(year)", "--sample-service-requests", "0",
    ]
    let ackLog = folder.appendingPathComponent("acknowledged.jsonl")
    var random = SystemRandomNumberGenerator()
    var daemon = try await SimpegdProcess.start(in: folder, arguments: arguments)
    defer { daemon.removeFolder() }  // kills the daemon of the moment if the test ends early
    var checked = 0
    for cycle in 1...Self.cycles {
      let before = try Self.acknowledged(in: ackLog).count
      let load = ChildProcess()
      load.executableURL = try Self.loadBinary
      load.currentDirectoryURL = folder
      load.arguments = [
        "--address", "127.0.0.1:\(daemon.rpcPort)", "--scenario", "writes", "--callers", "16",
        "--connections", "2", "--employees", "4", "--supervisors", "1", "--duration", "120",
        "--warmup", "0", "--max-error-rate", "1", "--timeout", "5", "--seed", "\(cycle)",
        "--year", "\(year)", "--ack-log", ackLog.path, "--quiet", "--json",
        "--credentials", daemon.dataFolder.appendingPathComponent("bootstrap-admin.txt").path,
      ]
      let output = folder.appendingPathComponent("load-\(cycle).out")
      _ = FileManager.default.createFile(atPath: output.path, contents: nil)
      load.standardOutput = try FileHandle(forWritingTo: output)
      load.standardError = try FileHandle(forWritingTo: output)
      try load.run()
      defer { if load.isRunning { load.terminate() } }

      // Kill at a random moment once this cycle's writes are flowing: after 1 to 200 more acks.
      let target = before + Int.random(in: 1...200, using: &random)
      let flowing = try await eventually(timeout: .seconds(120)) {
        let count = try Self.acknowledged(in: ackLog).count
        return !load.isRunning || count >= target
      }
      #expect(flowing && load.isRunning, "cycle \(cycle): simpeg-load did not reach \(target) acks")
      daemon.signal(SIGKILL)
      _ = try await daemon.waitForExit()
      // No write can be acknowledged any more; stop the load tool and wait for it.
      load.terminate()
      for _ in 0..<3_000 where load.isRunning { try await Task.sleep(for: .milliseconds(10)) }

      daemon = try await SimpegdProcess.start(in: folder, arguments: arguments)
      let entries = try Self.acknowledged(in: ackLog)
      #expect(entries.count > before, "cycle \(cycle) acknowledged nothing")
      // This cycle's acknowledged writes, all of them after the last cycle.
      let admin = try await daemon.admin()
      try await Self.expectPresent(entries[(cycle == Self.cycles ? 0 : before)...], admin: admin)
      checked = entries.count
      let audit = try await admin.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
      #expect(audit.intact, "cycle \(cycle): \(audit.problem)")
    }
    #expect(checked >= Self.cycles)
    await daemon.stop()
  }

  /// Reads every entry's activity back and compares its owner and SKP.
  static func expectPresent(_ entries: ArraySlice<AckLog.Entry>, admin: Caller) async throws {
    let activities = Simpeg_V1_ActivityService.Client(wrapping: admin.client)
    for entry in entries {
      var get = Simpeg_V1_GetActivityRequest()
      get.activityID = entry.activityID
      let activity = try await activities.getActivity(get)
      #expect(activity.employeeID == entry.employeeID)
      #expect(activity.skpID == entry.skpID)
    }
  }
}
