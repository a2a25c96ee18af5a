import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import Testing

/// A hot backup beside writers that force the map to grow, read by a client that slows down and
/// then stops reading: the daemon must keep answering every call, writes must never stall past a
/// bound, the backup must complete or be abandoned, and SIGTERM must end the daemon in time.
/// (Before the map lock was reworked this froze the daemon for good: the backup held the map,
/// growth waited for it, both event loops queued behind the waiting growth, and the backup's
/// stream could never be sent.)
@Suite(.serialized) struct BackupUnderLoadTests {
  static let backup = "simpeg.v1.AdminService/Backup"

  /// The longest any one acknowledged write took, from concurrent writers.
  final class Writes: Sendable {
    private let state = NIOLockedValueBox<(count: Int, longest: Duration)>((0, .zero))
    func add(_ took: Duration) { state.withLockedValue { $0 = ($0.count + 1, max($0.longest, took)) } }
    var count: Int { state.withLockedValue { $0.count } }
    var longest: Duration { state.withLockedValue { $0.longest } }
  }

  /// Starts a backup on a raw connection that reads `slowChunks` chunks slowly, then stops reading.
  static func stalledBackup(port: Int, token: String, slowChunks: Int) throws -> WirePeer {
    let peer = try WirePeer.connect(port: port)
    peer.shrinkReceiveBuffer()
    try peer.handshake()
    try peer.send(WirePeer.call(1, method: backup, token: token, request: []))
    for _ in 0..<slowChunks {
      guard let frame = try peer.nextFrame(timeout: 60) else { break }
      if frame.type != WirePeer.Kind.message.rawValue { break }
      pause(milliseconds: 150)
    }
    return peer
  }

  @Test func aStalledBackupUnderWritesThatGrowTheMapNeverFreezesTheDaemon() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let grace = 3
    let daemon = try await SimpegdProcess.start(
      in: folder,
      arguments: ["--map-size", "1MiB", "--backup-stall-timeout", "5s", "--grace", "\(grace)s"],
      metrics: false)
    defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
    let token = try await daemon.login("admin", try daemon.bootstrapPassword)
    let admin = Caller(client: try daemon.client(token: token))
    let root = try await ResourceExhaustionTests.createRoot(admin)
    // Enough data that the backup takes several chunks.
    for index in 0..<300 {
      _ = try await admin.org.createUnit(
        ResourceExhaustionTests.unitRequest(parent: root, name: "Awal \(index)"))
    }
    let before = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
    let peer = try await onThread {
      try Self.stalledBackup(port: daemon.rpcPort, token: token, slowChunks: 2)
    }
    defer { peer.closeAbruptly() }
    // The backup now holds its read transaction and stalls. Writers fill the map meanwhile.
    let writes = Writes()
    let writers = 8
    let perWriter = 150
    let (_, during) = try await WellBehavedClient(caller: admin).measure {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
          group.addTask {
            for index in 0..<perWriter {
              let request = ResourceExhaustionTests.unitRequest(
                parent: root, name: "Tulis \(writer)-\(index)")
              let started = ContinuousClock.now
              _ = try await admin.org.createUnit(request, options: CallOptions(timeout: .seconds(60)))
              writes.add(ContinuousClock.now - started)
            }
          }
        }
        try await group.waitForAll()
      }
    }
    // New logins work too.
    _ = try await daemon.login("admin", try daemon.bootstrapPassword)
    let after = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
    #expect(writes.count == writers * perWriter)
    #expect(after.mapSizeBytes > before.mapSizeBytes, "the map grew during the backup")
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    #expect(writes.longest < .seconds(30), "a write waited \(writes.longest)")
    // The stalled backup was abandoned (or finished) and says so once its client reads again.
    let outcome = try await onThread { try peer.outcome(of: 1, timeout: 60) }
    #expect(outcome.code == WirePeer.aborted || outcome.code == 0, "\(outcome)")
    // Its read transaction is gone.
    #expect(
      try await eventually {
        let stats = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
        return stats.readersUsed <= before.readersUsed
      })
    let stopping = ContinuousClock.now
    daemon.signal(SIGTERM)
    let status = try await daemon.waitForExit(timeout: .seconds(grace + 20))
    let stopped = ContinuousClock.now - stopping
    #expect(status == 0)
    Figures.record(
      "stalled backup beside \(writers) writers growing a 1 MiB map to \(after.mapSizeBytes >> 20) MiB: "
        + "longest write \(writes.longest), backup ended with status \(outcome.code), SIGTERM to exit "
        + "\(stopped); well-behaved calls meanwhile \(during)")
  }

  @Test func sigtermEndsTheDaemonInTimeWhileABackupIsNeverRead() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let grace = 2
    let daemon = try await SimpegdProcess.start(
      in: folder, arguments: ["--grace", "\(grace)s"], metrics: false)
    defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
    let token = try await daemon.login("admin", try daemon.bootstrapPassword)
    let admin = Caller(client: try daemon.client(token: token))
    let root = try await ResourceExhaustionTests.createRoot(admin)
    for index in 0..<300 {
      _ = try await admin.org.createUnit(
        ResourceExhaustionTests.unitRequest(parent: root, name: "Unit \(index)"))
    }
    let peer = try await onThread {
      try Self.stalledBackup(port: daemon.rpcPort, token: token, slowChunks: 0)
    }
    defer { peer.closeAbruptly() }
    let stopping = ContinuousClock.now
    daemon.signal(SIGTERM)
    // Grace, then the calls are ended; the watchdog's 10 s margin is the outer bound.
    let status = try await daemon.waitForExit(timeout: .seconds(grace + 15))
    let stopped = ContinuousClock.now - stopping
    #expect(status == 0, "\(daemon.log.suffix(2000))")
    Figures.record("SIGTERM with a backup nobody reads: exited in \(stopped) (grace \(grace) s)")
  }
}
