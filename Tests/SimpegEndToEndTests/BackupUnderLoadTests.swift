import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC
import Testing

/// A hot backup beside writers that force the map to grow, read by a client that takes two chunks
/// slowly and then stops reading: the daemon must keep answering every call, writes must never stall past a
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

  /// A raw connection handed between the test and the thread that does its socket work.
  final class Peer: @unchecked Sendable {
    // @unchecked: the peer is used by one thread at a time: the thread that starts the backup,
    // then (after the writers are done) the one that reads its outcome.
    let peer: WirePeer
    /// How many chunks the client took before it stopped reading.
    let chunksRead: Int
    init(_ peer: WirePeer, chunksRead: Int) {
      self.peer = peer
      self.chunksRead = chunksRead
    }
  }

  /// Starts a backup on a raw connection that takes `slowChunks` chunks slowly (one every 150
  /// ms, returning each one's credit), then stops reading and returns no more credit.
  static func stalledBackup(port: Int, token: String, slowChunks: Int) throws -> Peer {
    let peer = try WirePeer.connect(port: port)
    peer.shrinkReceiveBuffer()
    try peer.handshake()
    try peer.send(WirePeer.call(1, method: backup, token: token, request: []))
    var read = 0
    while read <= slowChunks {
      guard let frame = try peer.nextFrame(timeout: 60), frame.callID == 1 else { continue }
      guard frame.type == WirePeer.Kind.message.rawValue else {
        throw WirePeer.Failure("the backup ended before it stalled (frame type \(frame.type))")
      }
      read += 1
      if read <= slowChunks {
        pause(milliseconds: 150)
        let increment = UInt32(frame.payload.count)
        try peer.send(
          WirePeer.frame(.credit, callID: 1, payload: withUnsafeBytes(of: increment.bigEndian, Array.init)))
      }
    }
    return Peer(peer, chunksRead: read)
  }

  /// Creates `count` units under `root` from 8 concurrent callers.
  static func createUnits(_ count: Int, under root: UInt64, named prefix: String, _ admin: Caller)
    async throws
  {
    try await withThrowingTaskGroup(of: Void.self) { group in
      for caller in 0..<8 {
        group.addTask {
          for index in stride(from: caller, to: count, by: 8) {
            _ = try await admin.org.createUnit(
              ResourceExhaustionTests.unitRequest(parent: root, name: "\(prefix) \(index)"))
          }
        }
      }
      try await group.waitForAll()
    }
  }

  @Test func aStalledBackupUnderWritesThatGrowTheMapNeverFreezesTheDaemon() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let grace = 3
    // The stall timeout is long, so the growth of the map is what has to end the backup.
    let daemon = try await SimpegdProcess.start(
      in: folder, arguments: ["--map-size", "1MiB", "--backup-stall-timeout", "120s", "--grace", "\(grace)s"])
    defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
    let token = try await daemon.login("admin", try daemon.bootstrapPassword)
    let admin = Caller(client: try daemon.client(token: token))
    let root = try await ResourceExhaustionTests.createRoot(admin)
    // Several MiB of data, far more than the backup stream buffers (four chunks of 256 KiB and
    // the sockets), so the copy is still running, its read transaction open, when it stalls.
    try await Self.createUnits(2_000, under: root, named: "Awal", admin)
    let peer: Peer
    do {
      peer = try await onThread { try Self.stalledBackup(port: daemon.rpcPort, token: token, slowChunks: 1) }
    } catch {
      Issue.record("the backup did not start: \(error)\n\(daemon.log.suffix(4000))")
      throw error
    }
    defer { peer.peer.closeAbruptly() }
    // The backup now holds its read transaction and the map, and stalls. Writers fill the map
    // meanwhile: with the backup's snapshot pinned, no freed page can be reused, so it must grow
    // while the backup holds it.
    let before = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
    let writes = Writes()
    let writers = 8
    // Writers go on until the map has grown past its size at the start of the backup (a monitor
    // polls the stats), bounded in count and in time.
    let perWriterAtMost = 4_000
    let grown = NIOLockedValueBox(false)
    let deadline = ContinuousClock.now + .seconds(120)
    let (_, during) = try await WellBehavedClient(caller: admin).measure {
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
          while !grown.withLockedValue({ $0 }) && ContinuousClock.now < deadline {
            let stats = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
            if stats.mapSizeBytes > before.mapSizeBytes {
              grown.withLockedValue { $0 = true }
            } else {
              try await Task.sleep(for: .milliseconds(100))
            }
          }
        }
        for writer in 0..<writers {
          group.addTask {
            var index = 0
            while index < perWriterAtMost && !grown.withLockedValue({ $0 }) && ContinuousClock.now < deadline
            {
              let request = ResourceExhaustionTests.unitRequest(
                parent: root, name: "Tulis \(writer)-\(index)")
              let started = ContinuousClock.now
              _ = try await admin.org.createUnit(request, options: CallOptions(timeout: .seconds(60)))
              writes.add(ContinuousClock.now - started)
              index += 1
            }
          }
        }
        try await group.waitForAll()
      }
    }
    // New logins work too.
    _ = try await daemon.login("admin", try daemon.bootstrapPassword)
    let after = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
    #expect(after.mapSizeBytes > before.mapSizeBytes, "the map grew during the backup")
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    #expect(writes.longest < .seconds(30), "a write waited \(writes.longest)")
    // The stalled backup was abandoned (or finished) and says so once its client reads again.
    let outcome: WirePeer.Outcome
    do {
      outcome = try await onThread { try peer.peer.outcome(of: 1, timeout: 60) }
    } catch {
      Issue.record("the backup never ended: \(error)\n\(daemon.log.suffix(4000))")
      throw error
    }
    // Growth waited its patience (2 s) for the backup's reader, then abandoned the backup.
    #expect(outcome.code == WirePeer.aborted, "\(outcome)")
    #expect(outcome.message.contains("grow"), "\(outcome.message)")
    // Its read transaction is gone (the gauges are refreshed every 5 s).
    #expect(
      try await eventually(timeout: .seconds(60)) {
        try await daemon.metricsText().contains("simpeg_store_backups_running 0")
      })
    let stopping = ContinuousClock.now
    daemon.signal(SIGTERM)
    let status = try await daemon.waitForExit(timeout: .seconds(grace + 20))
    let stopped = ContinuousClock.now - stopping
    #expect(status == 0)
    #expect(peer.chunksRead == 2)
    Figures.record(
      "stalled backup beside \(writers) writers growing a 1 MiB map to \(after.mapSizeBytes >> 20) MiB: "
        + "\(writes.count) writes, longest \(writes.longest), backup ended with status \(outcome.code) (\(outcome.message)), "
        + "SIGTERM to exit "
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
    defer { peer.peer.closeAbruptly() }
    let stopping = ContinuousClock.now
    daemon.signal(SIGTERM)
    // Grace, then the calls are ended; the watchdog's 10 s margin is the outer bound.
    let status = try await daemon.waitForExit(timeout: .seconds(grace + 15))
    let stopped = ContinuousClock.now - stopping
    #expect(status == 0, "\(daemon.log.suffix(2000))")
    Figures.record("SIGTERM with a backup nobody reads: exited in \(stopped) (grace \(grace) s)")
  }
}
