import Foundation
import SimpegAPI
import Testing

extension AdminEndToEnd {
  /// Bulk CSV through simpeg-admin and the daemon's ImportService: the sample Kota Salatiga
  /// exported from one daemon and imported into an empty one.
  @Suite struct ImportExportTests {
    /// A daemon with the sample, its export, and an empty daemon logged into as `b`.
    struct Setup {
      let sample: SimpegdProcess
      let empty: SimpegdProcess
      let cli: AdminCLI
      let units: URL
      let employees: URL

      static func make() async throws -> Setup {
        let sample = try await SimpegdProcess.start(arguments: ["--sample-seed", "11"])
        let empty = try await SimpegdProcess.start()
        let cli = try AdminCLI()
        try await cli.loginAsAdmin(to: sample, context: "sample")
        let units = cli.folder.appendingPathComponent("unor.csv")
        let employees = cli.folder.appendingPathComponent("pegawai.csv")
        for (kind, file) in [("units", units), ("employees", employees)] {
          let export = try await cli.run(["export", kind, "--out", file.path, "--json"])
          guard export.status == 0 else { throw SimpegdProcess.Failure("export failed:\n\(export)") }
        }
        try await cli.loginAsAdmin(to: empty, context: "b")
        return Setup(sample: sample, empty: empty, cli: cli, units: units, employees: employees)
      }

      func tearDown() async {
        await sample.stop()
        await empty.stop()
        sample.removeFolder()
        empty.removeFolder()
        cli.removeFolder()
      }

      /// The empty daemon's statistics through `status --json`.
      func stats() async throws -> [String: Any] {
        let status = try await cli.run(["status", "--json"])
        guard status.status == 0 else { throw SimpegdProcess.Failure("status failed:\n\(status)") }
        return try status.object().object("stats")
      }
    }

    /// Replaces the golongan of the first PNS from line 40 on with `III/z`; returns the new
    /// file and the line broken.
    private func breakGolongan(of file: URL) throws -> (path: String, line: Int) {
      var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
      for index in 39..<lines.count {
        var fields = lines[index].components(separatedBy: ",")
        guard let golongan = fields.firstIndex(where: { $0 == "III/a" || $0 == "III/b" || $0 == "III/c" })
        else { continue }
        fields[golongan] = "III/z"
        lines[index] = fields.joined(separator: ",")
        let path = file.deletingLastPathComponent().appendingPathComponent("pegawai-rusak.csv")
        try lines.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
        return (path.path, index + 1)
      }
      throw SimpegdProcess.Failure("no PNS in III/a-c after line 40")
    }

    @Test func aDryRunNamesTheBrokenRowsLineAndTheRealRunChangesNothing() async throws {
      let setup = try await Setup.make()
      let unitImport = try await setup.cli.run(["import", "units", setup.units.path, "--json"])
      #expect(unitImport.status == 0, "\(unitImport)")
      let (broken, line) = try breakGolongan(of: setup.employees)
      let before = try await setup.stats()

      let dryRun = try await setup.cli.run(["import", "employees", broken, "--dry-run", "--json"])
      #expect(dryRun.status == 6, "\(dryRun)")
      let report = try dryRun.object().object("report")
      #expect(report.bool("dryRun"))
      #expect(report.integer("valid") == report.integer("rows") - 1)
      let problems = report.objects("problems")
      #expect(problems.count == 1)
      #expect(problems.first?.integer("line") == line)
      #expect(problems.first?.string("reason").contains("III/z") == true)

      let real = try await setup.cli.run(["import", "employees", broken, "--json"])
      #expect(real.status == 6, "\(real)")
      let refused = try real.object().object("report")
      #expect(!refused.bool("committed"))
      #expect(refused.integer("written") == 0)
      #expect(refused.objects("problems").map { $0.integer("line") } == [line])
      #expect(real.stderr.contains("nothing was written"))

      let after = try await setup.stats()
      #expect(after.integer("lastSequence") == before.integer("lastSequence"))
      let employees = after.objects("tables").first { $0.string("name") == "employees" }
      #expect(employees?.integer("entries") == 0)
      await setup.tearDown()
    }

    @Test func theSampleOrganisationExportedImportsIntoAnEmptyDaemonUnchanged() async throws {
      let setup = try await Setup.make()
      for (kind, file) in [("units", setup.units), ("employees", setup.employees)] {
        let run = try await setup.cli.run(["import", kind, file.path, "--json"])
        #expect(run.status == 0, "\(run)")
        let report = try run.object().object("report")
        #expect(report.bool("committed"))
        #expect(report.integer("written") == report.integer("rows"))
      }
      // Exported again from the new daemon, the files are the same rows.
      for (kind, file) in [("units", setup.units), ("employees", setup.employees)] {
        let again = setup.cli.folder.appendingPathComponent("again-\(kind).csv")
        let export = try await setup.cli.run(["export", kind, "--out", again.path])
        #expect(export.status == 0, "\(export)")
        var original = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        var copy = try String(contentsOf: again, encoding: .utf8).components(separatedBy: "\n")
        if kind == "employees" {
          // The new daemon has no positions: the jabatan and kepala_unit columns are empty there.
          original = original.map(Self.withoutJabatan)
          copy = copy.map(Self.withoutJabatan)
        }
        #expect(Set(original) == Set(copy), "\(kind)")
        #expect(original.count == copy.count)
      }
      await setup.tearDown()
    }

    /// A CSV line without its jabatan and kepala_unit columns (the 12th and the 15th).
    static func withoutJabatan(_ line: String) -> String {
      var fields: [String] = []
      var field = ""
      var quoted = false
      for character in line {
        if character == "\"" { quoted.toggle() }
        if character == ",", !quoted {
          fields.append(field)
          field = ""
        } else {
          field.append(character)
        }
      }
      fields.append(field)
      if fields.count > 11 { fields[11] = "" }
      if fields.count > 14 { fields[14] = "" }
      return fields.joined(separator: ",")
    }
  }
}
