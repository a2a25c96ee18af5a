import Foundation
import SimpegAPI
import SimpegKinerja

/// Conversions between the rules' value types (SimpegKinerja) and the wire messages.
extension Simpeg_V1_Date {
  init(_ date: CalendarDate) {
    self.init()
    year = Int32(date.year)
    month = Int32(date.month)
    day = Int32(date.day)
  }

  /// The calendar date, or nil when unset or not a real date.
  var calendarDate: CalendarDate? {
    CalendarDate(year: Int(year), month: Int(month), day: Int(day))
  }

  /// Whether any field is set.
  var isSet: Bool { year != 0 || month != 0 || day != 0 }
}

extension Simpeg_V1_Golongan {
  init(_ golongan: Golongan) {
    self.init()
    switch golongan {
    case .pns(let pns): scheme = .pns(Simpeg_V1_GolonganPNS(rawValue: pns.rawValue) ?? .unspecified)
    case .pppk(let pppk):
      scheme = .pppk(Simpeg_V1_GolonganPPPK(rawValue: pppk.rawValue) ?? .unspecified)
    }
  }

  /// The rules' golongan, or nil when unset or unknown.
  var golongan: Golongan? {
    switch scheme {
    case .pns(let pns): return GolonganPNS(rawValue: pns.rawValue).map(Golongan.pns)
    case .pppk(let pppk): return GolonganPPPK(rawValue: pppk.rawValue).map(Golongan.pppk)
    case nil: return nil
    }
  }
}

extension Simpeg_V1_Gender {
  init(_ gender: Gender) {
    self = gender == .lakiLaki ? .lakiLaki : .perempuan
  }
}
