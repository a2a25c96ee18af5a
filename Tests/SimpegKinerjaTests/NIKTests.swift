import Testing

@testable import SimpegKinerja

@Suite("NIK")
struct NIKTests {
  @Test func salatigaManParsesWithEveryField() throws {
    let nik = try NIK("3373012609860001")
    #expect(nik.provinceCode == 33)
    #expect(nik.regencyCode == 73)
    #expect(nik.districtCode == 1)
    #expect(nik.birthDay == 26)
    #expect(nik.birthMonth == 9)
    #expect(nik.birthYearTwoDigits == 86)
    #expect(nik.gender == .lakiLaki)
    #expect(nik.sequence == 1)
    #expect(nik.isKotaSalatiga)
  }

  @Test func womanHas40AddedToTheBirthDay() throws {
    let nik = try NIK("3373044103930002")
    #expect(nik.gender == .perempuan)
    #expect(nik.birthDay == 1)
    #expect(nik.birthMonth == 3)
  }

  @Test func nikFromAnotherKotaIsNotSalatiga() throws {
    #expect(try NIK("3374012609860001").isKotaSalatiga == false)
  }

  @Test func spacesAreToleratedAndCanonicalFormDropsThem() throws {
    let nik = try NIK("33 73 04 410393 0002")
    #expect(nik.canonical == "3373044103930002")
    #expect(nik.formatted == "33 73 04 410393 0002")
  }

  @Test(arguments: [("337301260986000", 15), ("33730126098600011", 17)])
  func wrongDigitCountIsRejected(text: String, count: Int) {
    #expect(throws: NIKError.wrongLength(digitCount: count)) { try NIK(text) }
  }

  @Test func letterIsRejected() {
    #expect(throws: NIKError.invalidCharacter("A")) { try NIK("3373A12609860001") }
  }

  @Test(arguments: [
    ("0073012609860001", NIKDigitGroup.province, "00"),
    ("3300012609860001", NIKDigitGroup.regency, "00"),
    ("3373002609860001", NIKDigitGroup.district, "00"),
  ])
  func zeroRegionCodeNamesItsGroup(text: String, group: NIKDigitGroup, digits: String) {
    #expect(throws: NIKError.invalidGroup(group, digits: digits, problem: .zeroCode)) { try NIK(text) }
  }

  @Test(arguments: [
    "3373013209860001", "3373014009860001", "3373017209860001", "3373013113860001", "3373013104860001",
  ])
  func birthDateThatIsNotADateIsRejected(text: String) {
    let digits = String(Array(text)[6..<12])
    #expect(throws: NIKError.invalidGroup(.birthDate, digits: digits, problem: .notACalendarDate)) {
      try NIK(text)
    }
  }

  @Test func leapDayIsAcceptedOnlyInYearsDivisibleBy4() throws {
    #expect(try NIK("3373012902880001").birthDay == 29)
    #expect(try NIK("3373012902000001").birthDay == 29)
    #expect(throws: NIKError.self) { try NIK("3373012902870001") }
  }

  @Test func sequence0000IsRejected() {
    #expect(throws: NIKError.invalidGroup(.sequence, digits: "0000", problem: .zeroSequence)) {
      try NIK("3373012609860000")
    }
  }

  @Test func birthCenturyResolvesToTheLatestYearNotAfterTheReference() throws {
    #expect(
      try NIK("3373012609860001").birthDate(notAfter: 2025) == CalendarDate(year: 1986, month: 9, day: 26))
    #expect(
      try NIK("3373012609050001").birthDate(notAfter: 2025) == CalendarDate(year: 2005, month: 9, day: 26))
    #expect(
      try NIK("3373012609250001").birthDate(notAfter: 2025) == CalendarDate(year: 2025, month: 9, day: 26))
  }

  @Test func leapDayInYear00ResolvesTo2000NotTo1900() throws {
    #expect(
      try NIK("3373012902000001").birthDate(notAfter: 2099) == CalendarDate(year: 2000, month: 2, day: 29))
    #expect(try NIK("3373012902000001").birthDate(notAfter: 1999) == nil)
  }
}
