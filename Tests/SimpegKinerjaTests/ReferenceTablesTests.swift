import Foundation
import Testing

@testable import SimpegKinerja

@Suite("Reference tables")
struct ReferenceTablesTests {
  @Test(arguments: [
    (11, "I/a", "Juru Muda"), (12, "I/b", "Juru Muda Tingkat I"), (13, "I/c", "Juru"),
    (14, "I/d", "Juru Tingkat I"),
    (21, "II/a", "Pengatur Muda"), (22, "II/b", "Pengatur Muda Tingkat I"), (23, "II/c", "Pengatur"),
    (24, "II/d", "Pengatur Tingkat I"), (31, "III/a", "Penata Muda"), (32, "III/b", "Penata Muda Tingkat I"),
    (33, "III/c", "Penata"), (34, "III/d", "Penata Tingkat I"), (41, "IV/a", "Pembina"),
    (42, "IV/b", "Pembina Tingkat I"), (43, "IV/c", "Pembina Utama Muda"),
    (44, "IV/d", "Pembina Utama Madya"),
    (45, "IV/e", "Pembina Utama"),
  ])
  func golonganPNSHasTheSIASNCodeTextAndPangkat(code: Int, text: String, pangkat: String) {
    let golongan = GolonganPNS(rawValue: code)
    #expect(golongan?.text == text)
    #expect(golongan?.pangkat == pangkat)
    #expect(GolonganPNS(text: text) == golongan)
  }

  @Test func golonganPNSIsOrderedBySeniority() {
    #expect(GolonganPNS.allCases.count == 17)
    #expect(GolonganPNS.allCases == GolonganPNS.allCases.sorted())
    #expect(GolonganPNS.iid.next == .iiia)
    #expect(GolonganPNS.ive.next == nil)
  }

  @Test func golonganPPPKRunsFromIToXVII() {
    #expect(GolonganPPPK.allCases.map(\.rawValue) == Array(1...17))
    #expect(GolonganPPPK.allCases.map(\.text).last == "XVII")
    #expect(GolonganPPPK(text: "IX") == .ix)
  }

  @Test func employmentStatusesAndTheirNumbers() {
    #expect(EmploymentStatus.allCases.map(\.description) == ["PNS", "CPNS", "PPPK", "PPPK paruh waktu"])
    #expect(EmploymentStatus.allCases.map(\.nipKind) == [.pns, .pns, .pppk, .pppk])
  }

  @Test func jabatanLevelsBelongToTheirKinds() {
    #expect(JabatanLevel.jptPratama.kind == .pimpinanTinggi)
    #expect(JabatanLevel.administrator.kind.isManagerial)
    #expect(JabatanLevel.penyelia.kind == .fungsionalKeterampilan)
    #expect(JabatanLevel.ahliUtama.kind == .fungsionalKeahlian)
    #expect(!JabatanLevel.pelaksana.kind.isManagerial)
    #expect(JabatanLevel.allCases.filter { $0.kind.isFungsional }.count == 8)
  }

  @Test func eselonGolonganRangesFollowTheTable() {
    #expect(Eselon.iia.golonganRange == GolonganPNS.ivc...GolonganPNS.ivd)
    #expect(Eselon.iib.golonganRange == GolonganPNS.ivb...GolonganPNS.ivc)
    #expect(Eselon.iva.golonganRange == GolonganPNS.iiib...GolonganPNS.iiid)
    #expect(Eselon.iia > Eselon.iib)
    #expect(Eselon.iiib.description == "Eselon III.b")
  }

  @Test func unusualGolonganForALevelGivesAWarning() {
    let warning = GolonganPlausibility.check(.pns(.iia), for: .pengawas)
    #expect(warning?.description == "golongan II/a is unusual for Pengawas (usual: III/a-III/d)")
  }

  @Test func usualGolonganGivesNoWarning() {
    #expect(GolonganPlausibility.check(.pns(.iiia), for: .ahliPertama) == nil)
    #expect(GolonganPlausibility.check(.pns(.ivb), for: .jptPratama, eselon: .iib) == nil)
    #expect(GolonganPlausibility.check(.pppk(.xi), for: .ahliMuda) == nil)
  }

  @Test func eselonNarrowsTheRangeOfAManagerialLevel() {
    #expect(GolonganPlausibility.check(.pns(.ivd), for: .jptPratama) == nil)
    #expect(GolonganPlausibility.check(.pns(.ivd), for: .jptPratama, eselon: .iib) != nil)
  }

  @Test func pppkInAnAdministratorPostGivesAWarning() {
    let warning = GolonganPlausibility.check(.pppk(.xii), for: .administrator)
    #expect(warning?.usual == nil)
    #expect(warning != nil)
  }

  @Test func evaluationPeriodsCoverTheYear() {
    #expect(EvaluationPeriodKind.triwulan.months(ofPeriod: 2) == 4...6)
    #expect(EvaluationPeriodKind.bulanan.months(ofPeriod: 12) == 12...12)
    #expect(EvaluationPeriodKind.tahunan.months(ofPeriod: 1) == 1...12)
    #expect(EvaluationPeriodKind.bulanan.months(ofPeriod: 13) == nil)
    #expect(EvaluationPeriodKind.allCases.map(\.rawValue) == [1, 2, 3])
  }

  @Test func berAKHLAKHasTheSevenCoreValues() {
    #expect(
      BerAKHLAK.allCases.map(\.description) == [
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif",
      ])
  }

  @Test func organisationPredikatHasFiveLevels() {
    #expect(
      PredikatOrganisasi.allCases.map(\.description) == [
        "Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang",
      ])
  }

  @Test func nipEncodesAsItsCanonicalDigits() throws {
    let nip = try NIP("19860926 201505 1 001")
    let data = try JSONEncoder().encode([nip])
    #expect(String(decoding: data, as: UTF8.self) == "[\"198609262015051001\"]")
    #expect(try JSONDecoder().decode([NIP].self, from: data) == [nip])
  }

  @Test func decodingAnInvalidNIPFails() {
    let data = Data("[\"198613262015051001\"]".utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode([NIP].self, from: data) }
  }
}
