/// A validated 16-digit NIK (Nomor Induk Kependudukan), the resident identity number.
///
/// Layout: province (2), kabupaten/kota (2), kecamatan (2), birth date `DDMMYY` with 40 added to
/// the day for women, and a 4-digit sequence. The century of the birth year is not encoded:
/// `birthDate(notAfter:)` resolves it. 29 February is accepted when `YY` is a multiple of 4
/// (a leap year in 19YY or 20YY).
public struct NIK: Sendable, Hashable, CustomStringConvertible {
  /// The province code, e.g. 33 (Jawa Tengah).
  public let provinceCode: Int
  /// The kabupaten/kota code within the province, e.g. 73 (Kota Salatiga).
  public let regencyCode: Int
  /// The kecamatan code within the kabupaten/kota.
  public let districtCode: Int
  /// The day of birth, 1-31 (the 40 added for women already removed).
  public let birthDay: Int
  /// The month of birth, 1-12.
  public let birthMonth: Int
  /// The last two digits of the birth year.
  public let birthYearTwoDigits: Int
  /// The gender the birth-day digits encode.
  public let gender: Gender
  /// The sequence, 1-9999.
  public let sequence: Int

  /// The province code of Jawa Tengah.
  public static let jawaTengah = 33
  /// The kota code of Salatiga within Jawa Tengah.
  public static let kotaSalatiga = 73

  /// Parses and validates `text`, which may contain spaces.
  public init(_ text: String) throws(NIKError) {
    var digits: [Int] = []
    for character in text {
      if character.isWhitespace { continue }
      guard let ascii = character.asciiValue, (48...57).contains(ascii) else {
        throw .invalidCharacter(character)
      }
      digits.append(Int(ascii) - 48)
    }
    guard !digits.isEmpty else { throw .empty }
    guard digits.count == 16 else { throw .wrongLength(digitCount: digits.count) }
    func number(_ positions: ClosedRange<Int>) -> Int {
      positions.reduce(0) { $0 * 10 + digits[$1 - 1] }
    }
    func fail(_ group: NIKDigitGroup, _ problem: NIKGroupProblem) -> NIKError {
      .invalidGroup(group, digits: group.positions.map { String(digits[$0 - 1]) }.joined(), problem: problem)
    }
    let province = number(1...2)
    guard province > 0 else { throw fail(.province, .zeroCode) }
    let regency = number(3...4)
    guard regency > 0 else { throw fail(.regency, .zeroCode) }
    let district = number(5...6)
    guard district > 0 else { throw fail(.district, .zeroCode) }

    let encodedDay = number(7...8)
    let month = number(9...10)
    let year = number(11...12)
    let gender: Gender = encodedDay > 40 ? .perempuan : .lakiLaki
    let day = encodedDay > 40 ? encodedDay - 40 : encodedDay
    // 19YY and 20YY are both leap years when YY is a multiple of 4, except 1900 (2000 is).
    let longestMonth = CalendarDate.daysIn(month: month, year: year % 4 == 0 ? 2000 : 2001)
    guard day >= 1, day <= longestMonth else { throw fail(.birthDate, .notACalendarDate) }

    let sequence = number(13...16)
    guard sequence > 0 else { throw fail(.sequence, .zeroSequence) }
    self.provinceCode = province
    self.regencyCode = regency
    self.districtCode = district
    self.birthDay = day
    self.birthMonth = month
    self.birthYearTwoDigits = year
    self.gender = gender
    self.sequence = sequence
  }

  /// Whether the NIK was issued in Kota Salatiga (`33 73`).
  public var isKotaSalatiga: Bool {
    provinceCode == Self.jawaTengah && regencyCode == Self.kotaSalatiga
  }

  /// The birth date in the latest year ending in `YY` that is not after `year` and has the date.
  ///
  /// E.g. `YY` 86 with `year` 2025 gives 1986; `YY` 05 gives 2005. Returns nil only if no such
  /// year exists within two centuries (29 February with `YY` 00 resolves to 2000, not 1900).
  public func birthDate(notAfter year: Int) -> CalendarDate? {
    var candidate = year - ((year - birthYearTwoDigits) % 100 + 100) % 100
    for _ in 0..<3 {
      if let date = CalendarDate(year: candidate, month: birthMonth, day: birthDay) { return date }
      candidate -= 100
    }
    return nil
  }

  /// The 16 digits without spaces.
  public var canonical: String {
    let day = gender == .perempuan ? birthDay + 40 : birthDay
    return CalendarDate.pad(provinceCode, 2) + CalendarDate.pad(regencyCode, 2)
      + CalendarDate.pad(districtCode, 2) + CalendarDate.pad(day, 2) + CalendarDate.pad(birthMonth, 2)
      + CalendarDate.pad(birthYearTwoDigits, 2) + CalendarDate.pad(sequence, 4)
  }

  /// The digits grouped as province, kab/kota, kecamatan, birth date, sequence: `33 73 01 260986 0001`.
  public var formatted: String {
    let digits = Array(canonical)
    return [0..<2, 2..<4, 4..<6, 6..<12, 12..<16].map { String(digits[$0]) }.joined(separator: " ")
  }

  /// The canonical 16 digits.
  public var description: String { canonical }
}

extension NIK: Codable {
  /// Decodes the canonical 16-digit string, validating it.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the canonical 16-digit string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(canonical)
  }
}
