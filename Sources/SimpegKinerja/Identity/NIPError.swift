/// Why a text is not a valid NIP PNS or NI PPPK.
///
/// The description names the digit group and the reason, e.g. `digits 1-8 (birth date) 19861332 is
/// not a calendar date`, and is meant to be shown as an INVALID_ARGUMENT message.
public enum NIPError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text holds no digits at all.
  case empty
  /// The text holds a character that is neither a digit 0-9 nor a space.
  case invalidCharacter(Character)
  /// The text holds a number of digits other than 18.
  case wrongLength(digitCount: Int)
  /// One digit group is wrong; `digits` are the group's digits as written.
  case invalidGroup(NIPDigitGroup, digits: String, problem: NIPGroupProblem)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .empty:
      return "the NIP is empty; a NIP has 18 digits, e.g. 19860926 201505 1 001"
    case .invalidCharacter(let character):
      return "the NIP contains '\(character)'; only the digits 0-9 and spaces are allowed"
    case .wrongLength(let count):
      return "the NIP has \(count) digits; a NIP PNS or NI PPPK has exactly 18"
    case .invalidGroup(let group, let digits, let problem):
      return "\(group.label) \(digits) \(problem.description)"
    }
  }
}

/// What is wrong with one digit group of a NIP.
public enum NIPGroupProblem: Sendable, Hashable, CustomStringConvertible {
  /// The birth date is not a date of the calendar (month 13, 31 April, 29 February 1986...).
  case notACalendarDate
  /// The birth year is before 1900, which no serving ASN can have.
  case yearBefore1900
  /// Digits 13-14 are neither a month 01-12 (PNS) nor `21` (PPPK).
  case neitherMonthNorPPPKMarker
  /// The TMT or appointment year is not after the birth date.
  case notAfterBirth(birthDate: CalendarDate)
  /// The person was younger than 18 at the TMT or in the appointment year.
  case youngerThan18(age: Int)
  /// The gender digit is neither 1 nor 2.
  case notAGenderCode
  /// The sequence is 000 (or does not fit in three digits).
  case notASequence

  /// The reason as the tail of a sentence, e.g. `is not a calendar date`.
  public var description: String {
    switch self {
    case .notACalendarDate:
      return "is not a calendar date"
    case .yearBefore1900:
      return "is before 1900"
    case .neitherMonthNorPPPKMarker:
      return "is neither a month 01-12 (NIP PNS) nor 21 (NI PPPK)"
    case .notAfterBirth(let birthDate):
      return "is not after the birth date \(birthDate)"
    case .youngerThan18(let age):
      return "is at age \(age); an ASN is appointed at 18 or older"
    case .notAGenderCode:
      return "is not 1 (laki-laki) or 2 (perempuan)"
    case .notASequence:
      return "is not a sequence 001-999"
    }
  }
}
