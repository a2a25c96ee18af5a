/// Why a text is not a valid NIK; the description names the digit group and the reason.
public enum NIKError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text holds no digits at all.
  case empty
  /// The text holds a character that is neither a digit 0-9 nor a space.
  case invalidCharacter(Character)
  /// The text holds a number of digits other than 16.
  case wrongLength(digitCount: Int)
  /// One digit group is wrong; `digits` are the group's digits as written.
  case invalidGroup(NIKDigitGroup, digits: String, problem: NIKGroupProblem)

  /// A message a person can act on.
  public var description: String {
    switch self {
    case .empty:
      return "the NIK is empty; a NIK has 16 digits"
    case .invalidCharacter(let character):
      return "the NIK contains '\(character)'; only the digits 0-9 and spaces are allowed"
    case .wrongLength(let count):
      return "the NIK has \(count) digits; a NIK has exactly 16"
    case .invalidGroup(let group, let digits, let problem):
      return "NIK \(group.label) \(digits) \(problem.description)"
    }
  }
}

/// A group of digits of a NIK.
public enum NIKDigitGroup: Int, Sendable, Hashable, Codable, CaseIterable {
  /// Digits 1-2: the province.
  case province = 1
  /// Digits 3-4: the kabupaten/kota.
  case regency
  /// Digits 5-6: the kecamatan.
  case district
  /// Digits 7-12: the birth date DDMMYY, day + 40 for women.
  case birthDate
  /// Digits 13-16: the sequence.
  case sequence

  /// The 1-based positions of the group's digits.
  public var positions: ClosedRange<Int> {
    switch self {
    case .province: return 1...2
    case .regency: return 3...4
    case .district: return 5...6
    case .birthDate: return 7...12
    case .sequence: return 13...16
    }
  }

  /// `digits 7-12 (birth date DDMMYY)`.
  public var label: String {
    let meaning: String
    switch self {
    case .province: meaning = "province"
    case .regency: meaning = "kabupaten/kota"
    case .district: meaning = "kecamatan"
    case .birthDate: meaning = "birth date DDMMYY, day + 40 for women"
    case .sequence: meaning = "sequence"
    }
    return "digits \(positions.lowerBound)-\(positions.upperBound) (\(meaning))"
  }
}

/// What is wrong with one digit group of a NIK.
public enum NIKGroupProblem: Sendable, Hashable, CustomStringConvertible {
  /// A region code is 00.
  case zeroCode
  /// The day (1-31 or 41-71) and month are not a calendar date.
  case notACalendarDate
  /// The sequence is 0000.
  case zeroSequence

  /// The reason as the tail of a sentence.
  public var description: String {
    switch self {
    case .zeroCode: return "is not a region code (00)"
    case .notACalendarDate: return "is not a calendar date (day 01-31, or 41-71 for women)"
    case .zeroSequence: return "is not a sequence 0001-9999"
    }
  }
}
