import Foundation
import SimpegAdmin
import Testing

/// The contexts file: where it is, how it is written, what loading it says.
@Suite struct ContextFileTests {
  private let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("simpeg-admin-contexts-\(UUID().uuidString)").path

  private func permissions(_ path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func theFileIsWrittenOwnerOnlyInAnOwnerOnlyFolder() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/simpeg/contexts.json"
    let file = ContextFile(
      current: "kota", contexts: ["kota": AdminContext(address: "10.1.2.3:7400", token: "t")])
    try file.save(to: path)
    #expect(try permissions(path) == 0o600)
    #expect(try permissions(folder + "/simpeg") == 0o700)
  }

  @Test func whatIsSavedLoadsBackWithoutWarnings() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/contexts.json"
    let file = ContextFile(
      current: "kota",
      contexts: [
        "kota": AdminContext(
          address: "simpeg.salatiga.go.id:7400", tls: true, caFile: "/etc/simpeg/ca.pem",
          serverName: "simpeg", token: "secret", username: "admin"),
        "latihan": AdminContext(address: "127.0.0.1:7401"),
      ])
    try file.save(to: path)
    let loaded = try ContextFile.load(from: path)
    #expect(loaded.file == file)
    #expect(loaded.warnings.isEmpty)
  }

  @Test func savingReplacesTheFileAndLeavesNoTemporaryFileBehind() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/contexts.json"
    try ContextFile(current: "a", contexts: ["a": AdminContext(address: "h:1")]).save(to: path)
    try ContextFile(current: "b", contexts: ["b": AdminContext(address: "h:2")]).save(to: path)
    #expect(try ContextFile.load(from: path).file.current == "b")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["contexts.json"])
  }

  @Test func aFileOthersMayReadIsLoadedWithAWarning() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/contexts.json"
    try ContextFile().save(to: path)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    let warnings = try ContextFile.load(from: path).warnings
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("chmod 600") == true)
  }

  @Test func aMissingFileIsAnEmptyOne() throws {
    #expect(try ContextFile.load(from: folder + "/none.json").file == ContextFile())
  }

  @Test func aDamagedFileIsAUsageFailureSayingWhatToDo() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/contexts.json"
    try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try ContextFile.load(from: path)
      Issue.record("a damaged file loaded")
    } catch let failure as AdminFailure {
      #expect(failure.status == .usage)
      #expect(failure.hint != nil)
    }
  }

  @Test func theFileLivesWhereTheEnvironmentSays() {
    #expect(
      ContextFile.path(environment: ["SIMPEG_ADMIN_CONFIG": "/srv/c.json", "HOME": "/h"]) == "/srv/c.json")
    #expect(
      ContextFile.path(environment: ["HOME": "/home/operator"])
        == "/home/operator/.config/simpeg/contexts.json")
  }
}
