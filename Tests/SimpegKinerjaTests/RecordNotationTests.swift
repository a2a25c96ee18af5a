import SimpegKinerja
import Testing

/// How personnel CSV files write reference values: read leniently, written canonically, and
/// every written form reads back as itself.
@Suite struct RecordNotationTests {
  @Test func everyGolonganWrittenReadsBackAsItself() {
    for golongan in GolonganPNS.allCases {
      #expect(RecordNotation.golongan(golongan.text, for: .pns) == .pns(golongan))
    }
    for golongan in GolonganPPPK.allCases {
      #expect(RecordNotation.golongan(golongan.text, for: .pppk) == .pppk(golongan))
    }
  }

  @Test func golonganRuangIsReadInTheSpellingsSpreadsheetsUse() {
    for text in ["III/a", "III/A", "iii/a", "III-a", "III a", "IIIa", " III/a "] {
      #expect(RecordNotation.golongan(text, for: .pns) == .pns(.iiia), "\(text)")
    }
    #expect(RecordNotation.golongan("IV/e", for: .cpns) == .pns(.ive))
  }

  @Test func golonganOfTheWrongSchemeOrOutOfRangeIsRefused() {
    #expect(RecordNotation.golongan("III/f", for: .pns) == nil)
    #expect(RecordNotation.golongan("V/a", for: .pns) == nil)
    #expect(RecordNotation.golongan("IX", for: .pns) == nil)
    #expect(RecordNotation.golongan("III/a", for: .pppk) == nil)
    #expect(RecordNotation.golongan("XVIII", for: .pppk) == nil)
    #expect(RecordNotation.golongan("", for: .pns) == nil)
  }

  @Test func pppkGolonganMayBeANumberOrPrefixed() {
    #expect(RecordNotation.golongan("9", for: .pppk) == .pppk(.ix))
    #expect(RecordNotation.golongan("PPPK IX", for: .pppkParuhWaktu) == .pppk(.ix))
    #expect(RecordNotation.golongan("ix", for: .pppk) == .pppk(.ix))
  }

  @Test func genderIsLOrPAndTheWordsForThem() {
    for text in ["L", "l", "Laki-laki", "LAKI LAKI", "pria", "1"] {
      #expect(RecordNotation.gender(text) == .lakiLaki, "\(text)")
    }
    for text in ["P", "Perempuan", "wanita", "2"] {
      #expect(RecordNotation.gender(text) == .perempuan, "\(text)")
    }
    #expect(RecordNotation.gender("X") == nil)
    #expect(RecordNotation.text(of: .lakiLaki) == "L")
    #expect(RecordNotation.text(of: .perempuan) == "P")
  }

  @Test func statusIsReadInAnyCaseWithSpacesUnderscoresOrDashes() {
    #expect(RecordNotation.status("pns") == .pns)
    #expect(RecordNotation.status("CPNS") == .cpns)
    #expect(RecordNotation.status("PPPK Paruh Waktu") == .pppkParuhWaktu)
    #expect(RecordNotation.status("PPPK_PARUH_WAKTU") == .pppkParuhWaktu)
    #expect(RecordNotation.status("pppk-paruh-waktu") == .pppkParuhWaktu)
    #expect(RecordNotation.status("3") == .pppk)
    #expect(RecordNotation.status("honorer") == nil)
    for status in EmploymentStatus.allCases {
      #expect(RecordNotation.status(RecordNotation.text(of: status)) == status)
    }
  }

  @Test func unitKindsReadBackFromTheirNamesAndTheSchemaSpelling() {
    for kind in UnitKind.allCases {
      #expect(RecordNotation.unitKind(RecordNotation.text(of: kind)) == kind)
    }
    #expect(RecordNotation.unitKind("DINAS") == .dinas)
    #expect(RecordNotation.unitKind("sekretariat_daerah") == .sekretariatDaerah)
    #expect(RecordNotation.unitKind("Satpol PP") == .satpolPP)
    #expect(RecordNotation.unitKind("19") == .kelurahan)
    #expect(RecordNotation.unitKind("Desa") == nil)
  }

  @Test func datesAreIsoOrDayFirst() {
    let date = CalendarDate(year: 1986, month: 9, day: 26)!
    #expect(RecordNotation.text(of: date) == "1986-09-26")
    for text in ["1986-09-26", "26-09-1986", "26/09/1986", "26.09.1986", "26/9/1986"] {
      #expect(RecordNotation.date(text) == date, "\(text)")
    }
  }

  @Test func datesThatAreNotCalendarDaysOrAmbiguousAreRefused() {
    for text in ["1986-02-30", "31/04/2020", "09/26/86", "1986-9", "+1986-09-26", "26-09-86", ""] {
      #expect(RecordNotation.date(text) == nil, "\(text)")
    }
  }
}
