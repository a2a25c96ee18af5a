/// A group of digits of a NIP or NI PPPK, named so an error can say which part is wrong.
public enum NIPDigitGroup: Int, Sendable, Hashable, Codable, CaseIterable {
  /// Digits 1-8: the birth date, YYYYMMDD.
  case birthDate = 1
  /// Digits 9-14 of a NIP PNS: the TMT CPNS month, YYYYMM.
  case tmtCPNS
  /// Digits 9-12 of an NI PPPK: the year of first appointment.
  case appointmentYear
  /// Digits 13-14: a month 01-12 for a PNS, the marker `21` for a PPPK.
  case kindMarker
  /// Digit 15: 1 laki-laki, 2 perempuan.
  case gender
  /// Digits 16-18: the sequence, 001-999.
  case sequence

  /// The 1-based positions of the group's digits in the 18-digit number.
  public var positions: ClosedRange<Int> {
    switch self {
    case .birthDate: return 1...8
    case .tmtCPNS: return 9...14
    case .appointmentYear: return 9...12
    case .kindMarker: return 13...14
    case .gender: return 15...15
    case .sequence: return 16...18
    }
  }

  /// What the group holds, in the words an error message uses.
  public var meaning: String {
    switch self {
    case .birthDate: return "birth date"
    case .tmtCPNS: return "TMT CPNS"
    case .appointmentYear: return "PPPK year of first appointment"
    case .kindMarker: return "TMT CPNS month or PPPK marker 21"
    case .gender: return "gender"
    case .sequence: return "sequence"
    }
  }

  /// `digits 1-8 (birth date)` or `digit 15 (gender)`.
  public var label: String {
    let range = positions
    let place =
      range.count == 1 ? "digit \(range.lowerBound)" : "digits \(range.lowerBound)-\(range.upperBound)"
    return "\(place) (\(meaning))"
  }
}
