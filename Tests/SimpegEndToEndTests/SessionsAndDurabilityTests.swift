import Foundation
import NIOConcurrencyHelpers
import SimpegAPI
import SimpegKinerja
import SimpegStore
import Testing

/// Sessions, shutdown, durability and the audit trail of the real daemon.
@Suite struct SessionsAndDurabilityTests {
  static let whoAmI = Simpeg_V1_WhoAmIRequest()

  @Test func loginWithTheBootstrapCredentialsAsksForAPasswordChange() async throws {
    let daemon = try await SimpegdProcess.start()
    defer { daemon.removeFolder() }
    var request = Simpeg_V1_LoginRequest()
    request.username = "admin"
    request.password = try daemon.bootstrapPassword
    let login = try await daemon.anonymous().auth.login(request)
    #expect(login.account.mustChangePassword)
    #expect(login.account.roles.contains(.admin))
    let me = try await Caller(client: try daemon.client(token: login.token)).auth.whoAmI(Self.whoAmI)
    #expect(me.account.username == "admin")
    // A wrong password is refused.
    request.password = "not the password"
    #expect(await status { try await daemon.anonymous().auth.login(request) } == .unauthenticated)
    await daemon.stop()
  }

  @Test func sessionTokenExpires() async throws {
    // 20 s: long enough that a loaded machine still makes the first call well inside it (at 6 s
    // a login and the call after it once took longer, failing the test on a valid expiry).
    let daemon = try await SimpegdProcess.start(arguments: ["--session-lifetime", "20s"])
    defer { daemon.removeFolder() }
    let admin = try await daemon.admin()
    #expect(await status { try await admin.auth.whoAmI(Self.whoAmI) } == nil)
    #expect(
      await eventually(timeout: .seconds(60)) {
        await status { try await admin.auth.whoAmI(Self.whoAmI) } == .unauthenticated
      })
    await daemon.stop()
  }

  @Test func revokedSessionsAndLogoutEndAccessAtOnce() async throws {
    let daemon = try await SimpegdProcess.start()
    defer { daemon.removeFolder() }
    let admin = try await daemon.admin()
    var create = Simpeg_V1_CreateUserAccountRequest()
    create.username = "operator1"
    create.initialPassword = "kata-sandi-panjang-1"
    _ = try await admin.accounts.createUserAccount(create)
    let first = try await daemon.caller("operator1", "kata-sandi-panjang-1")
    let second = try await daemon.caller("operator1", "kata-sandi-panjang-1")
    #expect(await status { try await first.auth.whoAmI(Self.whoAmI) } == nil)
    _ = try await first.auth.logout(Simpeg_V1_LogoutRequest())
    #expect(await status { try await first.auth.whoAmI(Self.whoAmI) } == .unauthenticated)
    #expect(await status { try await second.auth.whoAmI(Self.whoAmI) } == nil)
    var revoke = Simpeg_V1_RevokeSessionsRequest()
    revoke.account.username = "operator1"
    _ = try await admin.accounts.revokeSessions(revoke)
    #expect(await status { try await second.auth.whoAmI(Self.whoAmI) } == .unauthenticated)
    await daemon.stop()
  }

  @Test func sampleOrganisationLoadsWithTheCountsOfItsSeed() async throws {
    let daemon = try await SimpegdProcess.start(arguments: ["--sample-seed", "11"])
    defer { daemon.removeFolder() }
    let expected = SalatigaSample.generate(seed: 11)
    let stats = try await daemon.admin().admin.getStats(Simpeg_V1_GetStatsRequest())
    func entries(_ table: String) -> UInt64? { stats.tables.first { $0.name == table }?.entries }
    #expect(entries("units") == UInt64(expected.units.count))
    #expect(entries("positions") == UInt64(expected.positions.count))
    #expect(entries("employees") == UInt64(expected.employees.count))
    #expect((3000...4000).contains(expected.employees.count))
    let kecamatan = expected.units.filter { $0.kind == .kecamatan }.count
    let kelurahan = expected.units.filter { $0.kind == .kelurahan }.count
    #expect(kecamatan == 4)
    #expect(kelurahan == 23)
    await daemon.stop()
  }

  /// Units acknowledged by the daemon, recorded by concurrent writers.
  final class Acknowledged: Sendable {
    private let ids = NIOLockedValueBox<[UInt64]>([])
    func add(_ id: UInt64) { ids.withLockedValue { $0.append(id) } }
    var all: [UInt64] { ids.withLockedValue { $0 } }
  }

  @Test func gracefulShutdownWithCallsInFlightKeepsEveryAcknowledgedWrite() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let daemon = try await SimpegdProcess.start(in: folder)
    let admin = try await daemon.admin()
    var root = Simpeg_V1_CreateUnitRequest()
    root.kind = .pemerintahKota
    root.name = "Pemerintah Kota Salatiga"
    let rootUnit = try await admin.org.createUnit(root)
    let acknowledged = Acknowledged()
    let refused = Acknowledged()
    let writers = Task {
      await withTaskGroup(of: Void.self) { group in
        for writer in 0..<8 {
          group.addTask {
            for index in 0..<2000 {
              var request = Simpeg_V1_CreateUnitRequest()
              request.parentID = rootUnit.id
              request.kind = .dinas
              request.name = "Dinas \(writer)-\(index)"
              do {
                acknowledged.add(try await admin.org.createUnit(request).id)
              } catch {
                refused.add(UInt64(index))
                return  // the daemon is going away
              }
            }
          }
        }
      }
    }
    // Signal once writes are flowing.
    #expect(await eventually { acknowledged.all.count >= 50 })
    daemon.signal(SIGTERM)
    await writers.value
    #expect(try await daemon.waitForExit() == 0)
    #expect(daemon.log.contains("store closed"))
    let written = acknowledged.all
    #expect(written.count >= 50)

    let again = try await SimpegdProcess.start(in: folder)
    let adminAgain = try await again.admin()
    var present = Set<UInt64>()
    var listing = Simpeg_V1_ListUnitsRequest()
    listing.parentID = rootUnit.id
    listing.page.pageSize = 1000
    while true {
      let page = try await adminAgain.org.listUnits(listing)
      present.formUnion(page.units.map(\.id))
      if page.page.nextPageToken.isEmpty { break }
      listing.page.pageToken = page.page.nextPageToken
    }
    let missing = written.filter { !present.contains($0) }
    #expect(missing.isEmpty, "acknowledged units lost: \(missing.prefix(10))")
    await again.stop()
  }

  @Test func auditChainVerifiesAndDetectsAnAlteredRecord() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let daemon = try await SimpegdProcess.start(in: folder)
    let admin = try await daemon.admin()
    var root = Simpeg_V1_CreateUnitRequest()
    root.kind = .pemerintahKota
    root.name = "Pemerintah Kota Salatiga"
    let rootUnit = try await admin.org.createUnit(root)
    for index in 0..<5 {
      var request = Simpeg_V1_CreateUnitRequest()
      request.parentID = rootUnit.id
      request.kind = .kecamatan
      request.name = "Kecamatan \(index)"
      _ = try await admin.org.createUnit(request)
    }
    let intact = try await admin.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
    #expect(intact.intact)
    #expect(intact.recordsChecked >= 7)
    await daemon.stop()

    // Alter one record behind the daemon's back: change who did it. The stored record has the
    // message's fields, so the message reads and writes it; version 2 is the daemon's schema
    // (`Tables.schema`), which a store opened with a lower one would refuse.
    let audit = Table<UInt64, Simpeg_V1_AuditRecord>(name: "audit")
    let store = try Store.open(
      at: daemon.dataFolder.path, configuration: StoreConfiguration(),
      schema: StoreSchema(version: 2, tables: [audit]), logger: .init(label: "test"))
    try await store.write { transaction in
      var record = try #require(try audit.get(4, in: transaction))
      record.actor = "someone-else"
      try audit.put(record, for: 4, in: transaction)
    }
    store.close()

    let again = try await SimpegdProcess.start(in: folder)
    let verdict = try await again.admin().admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
    #expect(!verdict.intact)
    #expect(verdict.brokenAt == 4)
    #expect(verdict.problem.contains("4"))
    await again.stop()
  }
}
