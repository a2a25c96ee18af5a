import Foundation
import SimpegAPI
import Testing

/// A store made by an older simpegd (store format 1, before record checksums and store ids; see
/// Fixtures/store-format-1/README.md), restored and opened by this one: everything in it is
/// served, its audit chain holds, it takes new writes and backs up and verifies like a new store.
@Suite struct OldStoreTests {
  static var fixture: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/store-format-1/backup.mdb")
  }

  /// Reads back what the fixture holds through `caller`.
  static func expectFixtureContents(_ caller: Caller) async throws {
    var unit = Simpeg_V1_GetUnitRequest()
    unit.unitID = 2
    let dinas = try await caller.org.getUnit(unit)
    #expect(dinas.name == "Dinas Kependudukan dan Pencatatan Sipil")
    #expect(dinas.code == "DISDUKCAPIL")
    var employee = Simpeg_V1_GetEmployeeRequest()
    employee.id = 2
    let siti = try await caller.employees.getEmployee(employee)
    #expect(siti.name == "Siti Rahayu")
    #expect(siti.email == "siti.rahayu@salatiga.go.id")
    var third = Simpeg_V1_GetEmployeeRequest()
    third.id = 3
    #expect(try await caller.employees.getEmployee(third).name == "Ni Luh Putu Dé")
    let audit = try await caller.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
    #expect(audit.intact)
    #expect(audit.recordsChecked >= 16)
  }

  @Test func aBackupOfAFormat1StoreRestoresAndIsServedInFull() async throws {
    let cli = try AdminCLI()
    defer { cli.removeFolder() }
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let copy = cli.folder.appendingPathComponent("lama.mdb").path
    try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: copy)
    try FileManager.default.copyItem(
      atPath: Self.fixture.path + ".manifest.json", toPath: copy + ".manifest.json")
    #expect(try await cli.run(["backup", "verify", copy]).status == 0)
    let data = folder.appendingPathComponent("simpeg-data").path
    let restored = try await cli.run(["restore", copy, "--data", data])
    #expect(restored.status == 0, "\(restored)")
    let daemon = try await SimpegdProcess.start(in: folder, metrics: false)
    let operatorCaller = try await daemon.caller("operator1", "Operator-Rahasia-2026!")
    try await Self.expectFixtureContents(operatorCaller)
    #expect(daemon.log.contains("migrating the store to checksummed records"))
    // It takes new writes, and a new backup of it verifies.
    var request = Simpeg_V1_CreateUnitRequest()
    request.parentID = 2
    request.kind = .bidang
    request.name = "Bidang Pemanfaatan Data dan Inovasi Pelayanan"
    _ = try await operatorCaller.org.createUnit(request)
    _ = try await cli.run(
      ["login", "operator1", "--address", "127.0.0.1:\(daemon.rpcPort)", "--password-stdin"],
      input: "Operator-Rahasia-2026!\n")
    let backup = cli.folder.appendingPathComponent("baru.mdb").path
    #expect(try await cli.run(["backup", backup]).status == 0)
    #expect(try await cli.run(["backup", "verify", backup]).status == 0)
    await daemon.stop()
    let check = try await cli.run(["check", "--data", data])
    #expect(check.status == 0, "\(check)")
  }

  @Test func aFormat1DataFolderIsMigratedInPlace() async throws {
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("simpeg-data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Self.fixture, to: data.appendingPathComponent("data.mdb"))
    let daemon = try await SimpegdProcess.start(in: folder, metrics: false)
    try await Self.expectFixtureContents(try await daemon.caller("operator1", "Operator-Rahasia-2026!"))
    await daemon.stop()
    // The folder now has an identity, and starts again as the same store.
    let identity = try String(contentsOf: data.appendingPathComponent("store-identity.json"), encoding: .utf8)
    #expect(identity.contains("storeID"))
    let again = try await SimpegdProcess.start(in: folder, metrics: false)
    try await Self.expectFixtureContents(try await again.caller("operator1", "Operator-Rahasia-2026!"))
    await again.stop()
  }
}
