import Foundation
import SimpegAPI
import Testing

/// The real daemon and simpeg-admin on damaged copies of a data folder, one kind of damage each:
/// a clear refusal with its own exit status, DATA_LOSS, or a `check` report, and never a crash or
/// a silent answer.
@Suite struct DamagedStoreTests {
  /// The exit status simpegd ends with when it refuses its data.
  static let refusedData: Int32 = 65
  /// simpeg-admin's exit status for damage found.
  static let verificationFailed: Int32 = 7

  /// A stopped daemon's folder holding a small city, with one unit named `marker`.
  struct City {
    let folder: URL
    let marker: String
    let root: UInt64
    var data: URL { folder.appendingPathComponent("simpeg-data") }
    var dataFile: URL { data.appendingPathComponent("data.mdb") }

    static func make(units: Int = 400) async throws -> City {
      let folder = try SimpegdProcess.makeFolder()
      let daemon = try await SimpegdProcess.start(in: folder, metrics: false)
      let admin = try await daemon.admin()
      let root = try await ResourceExhaustionTests.createRoot(admin)
      let marker = "Kelurahan Penanda Kerusakan"
      var request = Simpeg_V1_CreateUnitRequest()
      request.parentID = root
      request.kind = .kelurahan
      request.name = marker
      _ = try await admin.org.createUnit(request)
      for index in 0..<units {
        _ = try await admin.org.createUnit(
          ResourceExhaustionTests.unitRequest(parent: root, name: "Dinas \(index)"))
      }
      await daemon.stop()
      return City(folder: folder, marker: marker, root: root)
    }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: dataFile)) }
    func write(_ bytes: [UInt8]) throws { try Data(bytes).write(to: dataFile) }

    /// Starts simpegd on the folder and returns its exit status and log if it ends within 60 s.
    func startExpectingRefusal(_ arguments: [String] = []) async throws -> (status: Int32, log: String) {
      do {
        let daemon = try await SimpegdProcess.start(in: folder, arguments: arguments, metrics: false)
        await daemon.stop()
        throw SimpegdProcess.Failure("simpegd served the damaged data")
      } catch let failure as SimpegdProcess.Failure where failure.description.contains("exited with") {
        let status = Int32(failure.description.split(separator: " ").dropFirst(3).first ?? "") ?? -1
        return (status, failure.description)
      }
    }
  }

  @Test func aDataFileCutInHalfIsRefusedWithAnExitStatusAndRestoreNamed() async throws {
    let city = try await City.make()
    defer { try? FileManager.default.removeItem(at: city.folder) }
    let file = try city.bytes()
    try city.write(Array(file[0..<(file.count / 2)]))
    let (status, log) = try await city.startExpectingRefusal()
    #expect(status == Self.refusedData, "\(log)")
    #expect(log.contains("truncated"))
    #expect(log.contains("simpeg-admin restore"))
  }

  @Test func randomBytesOverAReachedPageAreRefusedNotCrashedOn() async throws {
    let city = try await City.make()
    defer { try? FileManager.default.removeItem(at: city.folder) }
    var file = try city.bytes()
    // The root page of the main tree, which every table hangs from: surely reached.
    let pageSize = Int(file[40]) | Int(file[41]) << 8 | Int(file[42]) << 16 | Int(file[43]) << 24
    func little(_ offset: Int) -> Int { (0..<8).reversed().reduce(0) { $0 << 8 | Int(file[offset + $1]) } }
    let newer = little(144) >= little(pageSize + 144) ? 0 : pageSize
    let root = little(newer + 88 + 40)
    var generator = SystemRandomNumberGenerator()
    for index in (root * pageSize)..<((root + 1) * pageSize) {
      file[index] = UInt8.random(in: 0...255, using: &generator)
    }
    try city.write(file)
    let (status, log) = try await city.startExpectingRefusal()
    #expect(status == Self.refusedData, "\(log)")
    #expect(log.contains("damaged"))
  }

  @Test func aFlippedBitInARecordIsDataLossAndCheckNamesIt() async throws {
    let city = try await City.make()
    defer { try? FileManager.default.removeItem(at: city.folder) }
    var file = try city.bytes()
    let needle = Array(city.marker.utf8)
    var flipped = 0
    var index = 0
    while index + needle.count <= file.count {
      if file[index] == needle[0] && Array(file[index..<(index + needle.count)]) == needle {
        file[index + 2] ^= 0x01
        flipped += 1
      }
      index += 1
    }
    try #require(flipped > 0)
    try city.write(file)
    let daemon = try await SimpegdProcess.start(in: city.folder, metrics: false)
    let admin = try await daemon.admin()
    var listing = Simpeg_V1_ListUnitsRequest()
    listing.parentID = city.root
    listing.page.pageSize = 1000
    let code = await status { try await admin.org.listUnits(listing) }
    #expect(code == .dataLoss)
    // The check runs beside the live daemon and names the record.
    let cli = try AdminCLI()
    defer { cli.removeFolder() }
    let live = try await cli.run(["check", "--data", city.data.path, "--json"])
    #expect(live.status == Self.verificationFailed, "\(live)")
    let report = try live.object()
    let findings = report["findings"] as? [[String: Any]] ?? []
    #expect(findings.contains { $0["database"] as? String == "units" }, "\(live)")
    #expect(report["live"] as? Bool == true, "\(live)")
    await daemon.stop()
    let offline = try await cli.run(["check", "--data", city.data.path])
    #expect(offline.status == Self.verificationFailed)
    #expect(offline.stdout.contains("damaged: units key"), "\(offline)")
    #expect(offline.stdout.contains("pages walked"), "\(offline)")
  }

  @Test func anEmptiedDataFileIsRefusedUntilANewStoreIsAskedFor() async throws {
    let city = try await City.make(units: 10)
    defer { try? FileManager.default.removeItem(at: city.folder) }
    let password = try String(
      contentsOf: city.data.appendingPathComponent("bootstrap-admin.txt"), encoding: .utf8)
    try city.write([])
    let (status, log) = try await city.startExpectingRefusal()
    #expect(status == Self.refusedData, "\(log)")
    #expect(log.contains("--new-store"))
    #expect(try city.bytes().isEmpty, "the refused start wrote nothing")
    // The bootstrap credentials of the old store are untouched.
    #expect(
      try String(contentsOf: city.data.appendingPathComponent("bootstrap-admin.txt"), encoding: .utf8)
        == password)
    let fresh = try await SimpegdProcess.start(in: city.folder, arguments: ["--new-store"], metrics: false)
    await fresh.stop()
  }

  @Test func bothMetaPagesOverwrittenAreRefused() async throws {
    let city = try await City.make(units: 10)
    defer { try? FileManager.default.removeItem(at: city.folder) }
    var file = try city.bytes()
    for index in 0..<8192 { file[index] = 0x5A }
    try city.write(file)
    let (status, log) = try await city.startExpectingRefusal()
    #expect(status == Self.refusedData, "\(log)")
  }

  @Test func aDamagedBackupFailsVerificationAndIsNotRestored() async throws {
    let city = try await City.make(units: 100)
    defer { try? FileManager.default.removeItem(at: city.folder) }
    let daemon = try await SimpegdProcess.start(in: city.folder, metrics: false)
    let cli = try AdminCLI()
    defer { cli.removeFolder() }
    _ = try await cli.run(
      ["login", "admin", "--address", "127.0.0.1:\(daemon.rpcPort)", "--password-stdin"],
      input: try daemon.bootstrapPassword + "\n")
    let backup = cli.folder.appendingPathComponent("cadangan.mdb").path
    let taken = try await cli.run(["backup", backup])
    #expect(taken.status == 0, "\(taken)")
    await daemon.stop()
    #expect(try await cli.run(["backup", "verify", backup]).status == 0)
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: backup)))
    bytes[bytes.count / 2] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: backup))
    let verify = try await cli.run(["backup", "verify", backup])
    #expect(verify.status == Self.verificationFailed, "\(verify)")
    let target = cli.folder.appendingPathComponent("pulih").path
    let restore = try await cli.run(["restore", backup, "--data", target])
    #expect(restore.status == Self.verificationFailed, "\(restore)")
    #expect(!FileManager.default.fileExists(atPath: target + "/data.mdb"))
  }
}
