import Foundation
import SimpegAPI
import SimpegAdmin
import Testing

/// Values typed on the command line and values shown in tables.
@Suite struct ValueTests {
  @Test func golonganOfEitherSchemeIsRead() throws {
    #expect(try OptionValues.golongan("III/b").pns == .golonganIiib)
    #expect(try OptionValues.golongan("IX").pppk == .pppkIx)
    #expect(throws: AdminFailure.self) { try OptionValues.golongan("III/z") }
  }

  @Test func schemaEnumsAreReadByNameOrByTheirDistinctiveEnd() throws {
    #expect(try OptionValues.enumValue("pelaksana", Simpeg_V1_JabatanKind.self, what: "kind") == .pelaksana)
    #expect(try OptionValues.enumValue("IIIA", Simpeg_V1_Eselon.self, what: "eselon") == .iiia)
    #expect(try OptionValues.enumValue("eselon_iiia", Simpeg_V1_Eselon.self, what: "eselon") == .iiia)
    #expect(try OptionValues.enumValue("ahli_muda", Simpeg_V1_JabatanLevel.self, what: "level") == .ahliMuda)
    #expect(try OptionValues.role("admin") == .admin)
  }

  @Test func anUnknownEnumNameListsTheChoices() {
    do {
      _ = try OptionValues.enumValue("guru", Simpeg_V1_JabatanKind.self, what: "kind of position")
      Issue.record("guru was read as a kind")
    } catch let failure as AdminFailure {
      #expect(failure.status == .usage)
      #expect(failure.message.contains("PELAKSANA"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func enumNamesAreShownAsTheSchemaSpellsThem() {
    #expect(Display.name(Simpeg_V1_JabatanKind.fungsionalKeahlian) == "FUNGSIONAL_KEAHLIAN")
    #expect(Display.name(Simpeg_V1_Eselon.iiia) == "IIIA")
    #expect(Display.name(Simpeg_V1_JabatanLevel.levelPelaksana) == "LEVEL_PELAKSANA")
    #expect(Display.name(Simpeg_V1_JabatanKind.unspecified) == "")
  }

  @Test func domainValuesAreShownInIndonesianNotation() {
    var golongan = Simpeg_V1_Golongan()
    golongan.pns = .golonganIiia
    #expect(Display.golongan(golongan) == "III/a")
    #expect(Display.status(.pppkParuhWaktu) == "PPPK Paruh Waktu")
    #expect(Display.unitKind(.kelurahan) == "Kelurahan")
    var date = Simpeg_V1_Date()
    (date.year, date.month, date.day) = (1986, 9, 26)
    #expect(Display.date(date) == "1986-09-26")
    #expect(Display.date(Simpeg_V1_Date()) == "")
  }

  @Test func instantsAreReadWithTheirZoneOrInLocalTime() throws {
    let wib = TimeZone(identifier: "Asia/Jakarta")!
    let zoned = try OptionValues.instant("2025-03-01T08:00:00+07:00", timeZone: wib)
    let local = try OptionValues.instant("2025-03-01 08:00", timeZone: wib)
    let midnight = try OptionValues.instant("2025-03-01", timeZone: wib)
    #expect(zoned.seconds == 1_740_790_800)
    #expect(local == zoned)
    #expect(midnight.seconds == zoned.seconds - 8 * 3600)
    #expect(throws: AdminFailure.self) { try OptionValues.instant("yesterday") }
  }

  @Test func unitsWithoutACodeGetAnExportCodeThatAvoidsRealOnes() {
    func unit(_ id: UInt64, _ code: String) -> Simpeg_V1_Unit {
      var unit = Simpeg_V1_Unit()
      unit.id = id
      unit.code = code
      return unit
    }
    let codes = ExportCodes(units: [unit(1, "PEMKOT"), unit(2, ""), unit(3, "UNIT-4"), unit(4, "")])
    #expect(codes.code(of: 1) == "PEMKOT")
    #expect(codes.code(of: 2) == "UNIT-2")
    #expect(codes.code(of: 4) == "UNIT-4-2")
    #expect(codes.madeUp == [2, 4])
  }

  @Test func protobufMessagesPrintInTheirJSONMapping() throws {
    var unit = Simpeg_V1_Unit()
    unit.id = 12
    unit.kind = .kelurahan
    unit.name = "Kelurahan Kauman Kidul"
    let json = try JSONOutput.line(.object(["unit": .message(unit), "n": .integer(1)]))
    #expect(json == #"{"n":1,"unit":{"id":"12","kind":"KELURAHAN","name":"Kelurahan Kauman Kidul"}}"#)
  }
}
