import Foundation
import SimpegAPI

/// A small organisation built through simpeg-admin for tests that need some of everything: a
/// root, a dinas with a bidang, two positions, three employees (one seated), a service account
/// with an API key.
struct SmallOrganisation {
  let rootID: UInt64
  let dinasID: UInt64

  /// A valid NIP PNS: born 15 June 1985, TMT CPNS April 2010, laki-laki, sequence 1-999.
  static func nip(_ sequence: Int) -> String {
    let digits = String(sequence)
    return "19850615" + "201004" + "1" + String(repeating: "0", count: 3 - digits.count) + digits
  }

  /// Builds it with `cli`, logged in as an administrator.
  static func build(with cli: AdminCLI) async throws -> SmallOrganisation {
    func json(_ arguments: [String]) async throws -> [String: Any] {
      let run = try await cli.run(arguments + ["--json"])
      guard run.status == 0 else { throw SimpegdProcess.Failure("setup step failed:\n\(run)") }
      return try run.object()
    }
    let root = try await json([
      "unit", "add", "--name", "Pemerintah Kota Salatiga", "--kind", "Pemerintah Kota", "--code", "PEMKOT",
    ])
    let dinas = try await json([
      "unit", "add", "--name", "Dinas Kependudukan dan Pencatatan Sipil", "--kind", "Dinas", "--code",
      "DISDUKCAPIL", "--parent", "PEMKOT",
    ])
    _ = try await json([
      "unit", "add", "--name", "Bidang Pelayanan Pendaftaran Penduduk", "--kind", "Bidang", "--code",
      "DAFDUK", "--parent", "DISDUKCAPIL",
    ])
    let head = try await json([
      "position", "add", "--unit", "DISDUKCAPIL", "--title", "Kepala Dinas", "--kind", "PIMPINAN_TINGGI",
      "--level", "JPT_PRATAMA", "--eselon", "IIB",
    ])
    _ = try await json([
      "position", "add", "--unit", "DAFDUK", "--title", "Kepala Bidang", "--kind", "ADMINISTRATOR",
      "--level", "LEVEL_ADMINISTRATOR", "--eselon", "IIIA", "--supervisor", head.string("id"),
    ])
    _ = try await json([
      "employee", "add", "--nip", nip(1), "--name", "Budi Santoso", "--status", "PNS", "--golongan", "IV/b",
      "--position", head.string("id"), "--gelar-belakang", "S.H., M.Si.",
    ])
    for (sequence, name) in [(2, "Siti Rahayu"), (3, "Ni Luh Putu Dé")] {
      _ = try await json([
        "employee", "add", "--nip", nip(sequence), "--name", name, "--status", "PNS", "--golongan", "III/a",
        "--unit", "DAFDUK",
      ])
    }
    _ = try await json(["account", "add-service", "absensi", "--scope", "employees.read"])
    _ = try await json(["apikey", "create", "absensi", "--label", "absensi produksi"])
    return SmallOrganisation(rootID: UInt64(root.integer("id")), dinasID: UInt64(dinas.integer("id")))
  }
}
