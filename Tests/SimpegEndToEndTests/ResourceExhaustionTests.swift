import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegRPC
import Testing

/// The real daemon when its resources run out: a memory map that must grow under concurrent
/// writes, and a disk that fills.
@Suite(.serialized) struct ResourceExhaustionTests {
  /// Unit ids the daemon acknowledged, from concurrent writers.
  final class Acknowledged: Sendable {
    private let ids = NIOLockedValueBox<[UInt64]>([])
    func add(_ id: UInt64) { ids.withLockedValue { $0.append(id) } }
    var all: [UInt64] { ids.withLockedValue { $0 } }
  }

  static func createRoot(_ admin: Caller) async throws -> UInt64 {
    var root = Simpeg_V1_CreateUnitRequest()
    root.kind = .pemerintahKota
    root.name = "Pemerintah Kota Salatiga"
    return try await admin.org.createUnit(root).id
  }

  static func unitRequest(parent: UInt64, name: String) -> Simpeg_V1_CreateUnitRequest {
    var request = Simpeg_V1_CreateUnitRequest()
    request.parentID = parent
    request.kind = .dinas
    // Long names (the limit is 200 characters) so the store fills sooner.
    request.name = (name + " " + String(repeating: "Pelayanan Publik ", count: 10)).prefix(200)
      .trimmingCharacters(in: .whitespaces)
    return request
  }

  /// Every unit under `parent`, page by page.
  static func unitIDs(under parent: UInt64, _ caller: Caller) async throws -> Set<UInt64> {
    var present = Set<UInt64>()
    var listing = Simpeg_V1_ListUnitsRequest()
    listing.parentID = parent
    listing.page.pageSize = 1000
    // Bounded: at most 100 pages.
    for _ in 0..<100 {
      let page = try await caller.org.listUnits(listing)
      present.formUnion(page.units.map(\.id))
      if page.page.nextPageToken.isEmpty { break }
      listing.page.pageToken = page.page.nextPageToken
    }
    return present
  }

  // MARK: Map growth

  @Test func aTinyMapGrowsUnderConcurrentWritesWithoutLosingOne() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let daemon = try await SimpegdProcess.start(
      in: folder, arguments: ["--map-size", "1MiB"], metrics: false)
    let admin = try await daemon.admin()
    let root = try await Self.createRoot(admin)
    let before = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
    let acknowledged = Acknowledged()
    let writers = 8
    let perWriter = 300
    let started = ContinuousClock.now
    let (_, during) = try await WellBehavedClient(caller: admin).measure {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for writer in 0..<writers {
          group.addTask {
            for index in 0..<perWriter {
              let request = Self.unitRequest(parent: root, name: "Dinas \(writer)-\(index)")
              acknowledged.add(
                try await admin.org.createUnit(request, options: CallOptions(timeout: .seconds(60))).id)
            }
          }
        }
        try await group.waitForAll()
      }
    }
    let elapsed = ContinuousClock.now - started
    let after = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
    #expect(acknowledged.all.count == writers * perWriter)
    #expect(before.mapSizeBytes == 1 << 20)
    #expect(after.mapSizeBytes > before.mapSizeBytes, "the map grew")
    #expect(during.failures.isEmpty, "\(during.failures.prefix(3))")
    await daemon.stop()
    // All of them are there after a restart.
    let again = try await SimpegdProcess.start(in: folder, metrics: false)
    let present = try await Self.unitIDs(under: root, try await again.admin())
    #expect(Set(acknowledged.all).isSubset(of: present))
    #expect(present.count == writers * perWriter)
    Figures.record(
      "map growth: \(writers * perWriter) concurrent unit writes from a 1 MiB map to "
        + "\(after.mapSizeBytes >> 20) MiB (\(after.mapUsedBytes >> 10) KiB used) in \(elapsed), none lost; "
        + "well-behaved reads meanwhile \(during)")
    await again.stop()
  }

  // MARK: A full disk

  @Test(.enabled(if: SmallDisk.isAvailable, "needs root and the right to mount a tmpfs (mount -t tmpfs)"))
  func aFullDiskRefusesWritesKeepsReadsAndResumesOnceFreed() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The data folder is an 8 MiB tmpfs of its own; the map (1 MiB, growing) can outgrow it.
    let data = folder.appendingPathComponent("simpeg-data")
    try await SmallDisk.with(bytes: 8 << 20, at: data.path) {
      let daemon = try await SimpegdProcess.start(
        in: folder, arguments: ["--map-size", "1MiB"], metrics: false)
      defer {
        if daemon.process.isRunning {
          daemon.signal(SIGKILL)
          daemon.process.waitUntilExit()
        }
      }
      let admin = try await daemon.admin()
      let root = try await Self.createRoot(admin)
      var acknowledged: [UInt64] = []
      for index in 0..<20 {
        acknowledged.append(
          try await admin.org.createUnit(Self.unitRequest(parent: root, name: "Dinas awal \(index)")).id)
      }
      // Fill the disk, then write until the daemon refuses (bounded).
      let filler = data.appendingPathComponent("filler.bin").path
      let fillerBytes = try SmallDisk.fill(filler)
      var refusal: RPCError?
      for index in 0..<5_000 where refusal == nil {
        do {
          acknowledged.append(
            try await admin.org.createUnit(Self.unitRequest(parent: root, name: "Dinas penuh \(index)")).id)
        } catch let error as RPCError {
          refusal = error
        }
      }
      let refused = try #require(refusal, "writes never failed on a full disk")
      #expect(refused.code == .resourceExhausted, "\(refused)")
      #expect(refused.message.contains("storage is full"), "\(refused)")
      #expect(refused.message.contains("retry"), "\(refused)")
      // It stays refused, and reads go on.
      let again = await status {
        try await admin.org.createUnit(Self.unitRequest(parent: root, name: "Dinas lagi"))
      }
      #expect(again == .resourceExhausted)
      _ = try await admin.auth.whoAmI(Simpeg_V1_WhoAmIRequest())
      var get = Simpeg_V1_GetUnitRequest()
      get.unitID = acknowledged[0]
      #expect(try await admin.org.getUnit(get).id == acknowledged[0])
      let whileFull = try await Self.unitIDs(under: root, admin)
      #expect(Set(acknowledged).isSubset(of: whileFull))
      let health = try await admin.health.check(Simpeg_V1_HealthCheckRequest())
      // Space is freed: writes resume at once.
      try FileManager.default.removeItem(atPath: filler)
      for index in 0..<20 {
        acknowledged.append(
          try await admin.org.createUnit(Self.unitRequest(parent: root, name: "Dinas lega \(index)")).id)
      }
      await daemon.stop()
      // Every acknowledged write is there after a restart.
      let restarted = try await SimpegdProcess.start(in: folder, metrics: false)
      defer {
        if restarted.process.isRunning {
          restarted.signal(SIGKILL)
          restarted.process.waitUntilExit()
        }
      }
      let present = try await Self.unitIDs(under: root, try await restarted.admin())
      #expect(Set(acknowledged) == present)
      Figures.record(
        "full disk (8 MiB tmpfs, \(fillerBytes >> 10) KiB filler): \(acknowledged.count) writes "
          + "acknowledged, refused with \(refused.code) \"\(refused.message)\"; reads and health "
          + "(\(health.status)) went on; writes resumed once freed; none lost after a restart")
      await restarted.stop()
    }
  }
}
