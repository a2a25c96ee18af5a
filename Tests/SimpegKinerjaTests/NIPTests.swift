import Testing

@testable import SimpegKinerja

@Suite("NIP PNS and NI PPPK")
struct NIPTests {
  @Test func realPNSExampleParsesWithEveryField() throws {
    let nip = try NIP("198609262015051001")
    #expect(nip.kind == .pns)
    #expect(nip.birthDate == CalendarDate(year: 1986, month: 9, day: 26))
    #expect(nip.tmtCPNS == YearMonth(year: 2015, month: 5))
    #expect(nip.appointmentYear == 2015)
    #expect(nip.gender == .lakiLaki)
    #expect(nip.sequence == 1)
  }

  @Test func realPPPKExampleParsesWithEveryField() throws {
    let nip = try NIP("199303012024212011")
    #expect(nip.kind == .pppk)
    #expect(nip.birthDate == CalendarDate(year: 1993, month: 3, day: 1))
    #expect(nip.tmtCPNS == nil)
    #expect(nip.appointmentYear == 2024)
    #expect(nip.gender == .perempuan)
    #expect(nip.sequence == 11)
  }

  @Test(arguments: ["19860926 201505 1 001", " 1986 0926 2015 0510 01 ", "198609262015051001\n"])
  func spacesInInputAreTolerated(text: String) throws {
    #expect(try NIP(text).canonical == "198609262015051001")
  }

  @Test func canonicalAndFormattedFormsOfPNS() throws {
    let nip = try NIP("19860926 201505 1 001")
    #expect(nip.canonical == "198609262015051001")
    #expect(nip.formatted == "19860926 201505 1 001")
  }

  @Test func canonicalAndFormattedFormsOfPPPK() throws {
    let nip = try NIP("199303012024212011")
    #expect(nip.canonical == "199303012024212011")
    #expect(nip.formatted == "19930301 202421 2 011")
  }

  @Test func emptyTextIsRejected() {
    #expect(throws: NIPError.empty) { try NIP("   ") }
  }

  @Test(arguments: ["19860926-201505-1-001", "1986O9262015051001", "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١"])
  func charactersOtherThanDigitsAndSpacesAreRejected(text: String) {
    #expect {
      try NIP(text)
    } throws: { error in
      if case .invalidCharacter = error as? NIPError { return true }
      return false
    }
  }

  @Test(arguments: [("19860926201505100", 17), ("1986092620150510011", 19)])
  func wrongDigitCountIsRejectedWithTheCount(text: String, count: Int) {
    #expect(throws: NIPError.wrongLength(digitCount: count)) { try NIP(text) }
  }

  @Test(arguments: ["198613262015051001", "198609312015051001", "198602292015051001", "198609002015051001"])
  func birthDateThatIsNotACalendarDateNamesDigits1To8(text: String) {
    let digits = String(text.prefix(8))
    #expect(throws: NIPError.invalidGroup(.birthDate, digits: digits, problem: .notACalendarDate)) {
      try NIP(text)
    }
  }

  @Test func leapDayBirthDateIsAccepted() throws {
    #expect(try NIP("198802292010031002").birthDate == CalendarDate(year: 1988, month: 2, day: 29))
  }

  @Test func birthYearBefore1900IsRejected() {
    #expect(
      throws: NIPError.invalidGroup(.birthDate, digits: "18991231", problem: .yearBefore1900)
    ) { try NIP("189912311920031001") }
  }

  @Test(arguments: ["00", "13", "20", "22", "99"])
  func digits13To14NeitherMonthNorMarkerAreRejected(marker: String) {
    let text = "19860926" + "2015" + marker + "1001"
    #expect(
      throws: NIPError.invalidGroup(.kindMarker, digits: marker, problem: .neitherMonthNorPPPKMarker)
    ) { try NIP(text) }
  }

  @Test func tmtBeforeBirthIsRejected() {
    let birth = CalendarDate(year: 1986, month: 9, day: 26)!
    #expect(
      throws: NIPError.invalidGroup(.tmtCPNS, digits: "198001", problem: .notAfterBirth(birthDate: birth))
    ) { try NIP("198609261980011001") }
  }

  @Test func tmtInTheBirthMonthIsNotAfterBirth() {
    let birth = CalendarDate(year: 1986, month: 9, day: 26)!
    #expect(
      throws: NIPError.invalidGroup(.tmtCPNS, digits: "198609", problem: .notAfterBirth(birthDate: birth))
    ) { try NIP("198609261986091001") }
  }

  @Test func tmtBeforeAge18IsRejectedWithTheAge() {
    #expect(
      throws: NIPError.invalidGroup(.tmtCPNS, digits: "200409", problem: .youngerThan18(age: 17))
    ) { try NIP("198609262004091001") }
  }

  @Test func tmtOnTheFirstDayAfter18thBirthdayMonthIsAccepted() throws {
    // Born 1 October 1986: 18 on 1 October 2004, which is the TMT of 2004-10.
    #expect(try NIP("198610012004101001").kind == .pns)
  }

  @Test func tmtInThe18thBirthdayMonthButBeforeTheBirthdayIsRejected() {
    // Born 26 September 1986: still 17 on 1 September 2004.
    #expect(throws: NIPError.self) { try NIP("198609262004091001") }
  }

  @Test func leapDayBabyCompletes18OnFirstOfMarch() throws {
    // Born 29 February 1988: 18 on 1 March 2006 (2006 has no 29 February).
    #expect(try NIP("198802292006031001").kind == .pns)
    #expect(throws: NIPError.self) { try NIP("198802292006021001") }
  }

  @Test func pppkAppointmentYearNotAfterBirthIsRejected() {
    let birth = CalendarDate(year: 1993, month: 3, day: 1)!
    #expect(
      throws: NIPError.invalidGroup(
        .appointmentYear, digits: "1993", problem: .notAfterBirth(birthDate: birth))
    ) { try NIP("199303011993212011") }
  }

  @Test func pppkAppointedBeforeTheYearOfTurning18IsRejected() {
    #expect(
      throws: NIPError.invalidGroup(.appointmentYear, digits: "2010", problem: .youngerThan18(age: 17))
    ) { try NIP("199303012010212011") }
  }

  @Test func pppkAppointedInTheYearOfTurning18IsAccepted() throws {
    #expect(try NIP("199303012011212011").kind == .pppk)
  }

  @Test(arguments: ["0", "3", "9"])
  func genderDigitOtherThan1Or2IsRejected(digit: String) {
    #expect(
      throws: NIPError.invalidGroup(.gender, digits: digit, problem: .notAGenderCode)
    ) { try NIP("19860926201505" + digit + "001") }
  }

  @Test func sequence000IsRejected() {
    #expect(
      throws: NIPError.invalidGroup(.sequence, digits: "000", problem: .notASequence)
    ) { try NIP("198609262015051000") }
  }

  @Test func sequence999IsAccepted() throws {
    #expect(try NIP("198609262015051999").sequence == 999)
  }

  @Test func errorMessageNamesTheGroupTheDigitsAndTheReason() {
    let error = NIPError.invalidGroup(.birthDate, digits: "19861332", problem: .notACalendarDate)
    #expect(error.description == "digits 1-8 (birth date) 19861332 is not a calendar date")
    let gender = NIPError.invalidGroup(.gender, digits: "3", problem: .notAGenderCode)
    #expect(gender.description == "digit 15 (gender) 3 is not 1 (laki-laki) or 2 (perempuan)")
  }

  @Test func pnsBuilderProducesTheSameNumberAsParsing() throws {
    let built = try NIP(
      pnsBornOn: CalendarDate(year: 1986, month: 9, day: 26)!, tmtCPNS: YearMonth(year: 2015, month: 5)!,
      gender: .lakiLaki, sequence: 1)
    #expect(built == (try NIP("198609262015051001")))
  }

  @Test func pppkBuilderProducesTheSameNumberAsParsing() throws {
    let built = try NIP(
      pppkBornOn: CalendarDate(year: 1993, month: 3, day: 1)!, appointmentYear: 2024, gender: .perempuan,
      sequence: 11)
    #expect(built == (try NIP("199303012024212011")))
  }

  @Test(arguments: [0, 1000])
  func builderRejectsSequenceOutside1To999(sequence: Int) {
    #expect(throws: NIPError.self) {
      try NIP(
        pnsBornOn: CalendarDate(year: 1986, month: 9, day: 26)!, tmtCPNS: YearMonth(year: 2015, month: 5)!,
        gender: .lakiLaki, sequence: sequence)
    }
  }
}
