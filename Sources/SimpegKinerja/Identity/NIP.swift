/// A validated 18-digit civil-servant number: a NIP PNS or an NI PPPK.
///
/// Layout (DOMAIN.md section 1):
/// - NIP PNS: birth date `YYYYMMDD`, TMT CPNS `YYYYMM`, gender `1`/`2`, sequence `001`-`999`.
/// - NI PPPK: birth date `YYYYMMDD`, year of first appointment `YYYY`, the marker `21`, gender,
///   sequence.
///
/// Digits 13-14 decide the kind: `21` is never a month, so the two layouts cannot be confused.
///
/// Age rule: the TMT CPNS (the first day of its month) must lie after the birth date, and the
/// person must have completed 18 years on it; the PPPK appointment year must be at least 18
/// years after the birth year (the day of appointment is not encoded, so a person who turns 18
/// during that year passes). Birth years before 1900 are rejected as implausible.
public struct NIP: Sendable, Hashable, CustomStringConvertible {
  /// Whether this is a NIP PNS or an NI PPPK.
  public let kind: NIPKind
  /// The birth date, digits 1-8.
  public let birthDate: CalendarDate
  /// The TMT CPNS month, digits 9-14; nil for an NI PPPK.
  public let tmtCPNS: YearMonth?
  /// The year of the TMT CPNS (PNS) or of the first appointment (PPPK), digits 9-12.
  public let appointmentYear: Int
  /// The gender, digit 15.
  public let gender: Gender
  /// The sequence, 1-999, digits 16-18.
  public let sequence: Int

  /// Parses and validates `text`, which may contain spaces, e.g. `19860926 201505 1 001`.
  ///
  /// Throws the first problem found, checking the length, then the groups from left to right.
  public init(_ text: String) throws(NIPError) {
    var digits: [Int] = []
    digits.reserveCapacity(18)
    for character in text {
      if character.isWhitespace { continue }
      guard let ascii = character.asciiValue, (48...57).contains(ascii) else {
        throw .invalidCharacter(character)
      }
      digits.append(Int(ascii) - 48)
    }
    guard !digits.isEmpty else { throw .empty }
    guard digits.count == 18 else { throw .wrongLength(digitCount: digits.count) }

    func number(_ positions: ClosedRange<Int>) -> Int {
      positions.reduce(0) { $0 * 10 + digits[$1 - 1] }
    }
    func groupDigits(_ group: NIPDigitGroup) -> String {
      group.positions.map { String(digits[$0 - 1]) }.joined()
    }
    func fail(_ group: NIPDigitGroup, _ problem: NIPGroupProblem) -> NIPError {
      .invalidGroup(group, digits: groupDigits(group), problem: problem)
    }

    let birthYear = number(1...4)
    guard let birthDate = CalendarDate(year: birthYear, month: number(5...6), day: number(7...8)) else {
      throw fail(.birthDate, .notACalendarDate)
    }
    guard birthYear >= 1900 else { throw fail(.birthDate, .yearBefore1900) }

    let marker = number(13...14)
    let year = number(9...12)
    if marker == 21 {
      guard year > birthYear else { throw fail(.appointmentYear, .notAfterBirth(birthDate: birthDate)) }
      guard year - birthYear >= 18 else {
        throw fail(.appointmentYear, .youngerThan18(age: year - birthYear))
      }
      self.kind = .pppk
      self.tmtCPNS = nil
    } else if let tmt = YearMonth(year: year, month: marker) {
      guard tmt.firstDay > birthDate else { throw fail(.tmtCPNS, .notAfterBirth(birthDate: birthDate)) }
      let age = birthDate.age(on: tmt.firstDay)
      guard age >= 18 else { throw fail(.tmtCPNS, .youngerThan18(age: age)) }
      self.kind = .pns
      self.tmtCPNS = tmt
    } else {
      throw fail(.kindMarker, .neitherMonthNorPPPKMarker)
    }

    guard let gender = Gender(rawValue: digits[14]) else { throw fail(.gender, .notAGenderCode) }
    let sequence = number(16...18)
    guard sequence >= 1 else { throw fail(.sequence, .notASequence) }

    self.birthDate = birthDate
    self.appointmentYear = year
    self.gender = gender
    self.sequence = sequence
  }

  /// Builds and validates a NIP PNS from its parts.
  public init(
    pnsBornOn birthDate: CalendarDate, tmtCPNS: YearMonth, gender: Gender, sequence: Int
  ) throws(NIPError) {
    guard (1...999).contains(sequence) else {
      throw .invalidGroup(.sequence, digits: String(sequence), problem: .notASequence)
    }
    let text =
      Self.eightDigits(birthDate) + CalendarDate.pad(tmtCPNS.year, 4)
      + CalendarDate.pad(tmtCPNS.month, 2) + String(gender.rawValue) + CalendarDate.pad(sequence, 3)
    try self.init(text)
  }

  /// Builds and validates an NI PPPK from its parts.
  public init(
    pppkBornOn birthDate: CalendarDate, appointmentYear: Int, gender: Gender, sequence: Int
  ) throws(NIPError) {
    guard (1...999).contains(sequence) else {
      throw .invalidGroup(.sequence, digits: String(sequence), problem: .notASequence)
    }
    let text =
      Self.eightDigits(birthDate) + CalendarDate.pad(appointmentYear, 4) + "21"
      + String(gender.rawValue) + CalendarDate.pad(sequence, 3)
    try self.init(text)
  }

  /// The 18 digits without spaces, e.g. `198609262015051001`: the form to store and compare.
  public var canonical: String {
    let middle =
      tmtCPNS.map { CalendarDate.pad($0.year, 4) + CalendarDate.pad($0.month, 2) }
      ?? CalendarDate.pad(appointmentYear, 4) + "21"
    return Self.eightDigits(birthDate) + middle + String(gender.rawValue) + CalendarDate.pad(sequence, 3)
  }

  /// The number grouped 8-6-1-3 as printed on decrees, e.g. `19860926 201505 1 001`.
  ///
  /// An NI PPPK is grouped the same way: `19930301 202421 2 011`.
  public var formatted: String {
    let digits = Array(canonical)
    return String(digits[0..<8]) + " " + String(digits[8..<14]) + " " + String(digits[14]) + " "
      + String(digits[15..<18])
  }

  /// The canonical 18 digits.
  public var description: String { canonical }

  private static func eightDigits(_ date: CalendarDate) -> String {
    CalendarDate.pad(date.year, 4) + CalendarDate.pad(date.month, 2) + CalendarDate.pad(date.day, 2)
  }
}

extension NIP: Codable {
  /// Decodes the canonical 18-digit string, validating it.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the canonical 18-digit string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(canonical)
  }
}
