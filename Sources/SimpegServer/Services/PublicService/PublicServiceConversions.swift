import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SwiftProtobuf

/// Conversions between the public-service messages and the rules of SimpegKinerja.
extension Simpeg_V1_ServiceStandard {
  /// The longest standard accepted: a year of working days, or a year of hours.
  static let longest: [Simpeg_V1_TurnaroundUnit: UInt32] = [.workingDays: 260, .calendarHours: 8760]

  /// The rules' standard; `INVALID_ARGUMENT` when the unit is unspecified or the maximum too long.
  func rule() throws -> ServiceStandard {
    guard let unit = TurnaroundUnit(rawValue: self.unit.rawValue), let longest = Self.longest[self.unit]
    else {
      throw RPCError(
        .invalidArgument,
        "a service standard needs a unit: TURNAROUND_UNIT_WORKING_DAYS or TURNAROUND_UNIT_CALENDAR_HOURS")
    }
    guard maximum <= longest else {
      throw RPCError(
        .invalidArgument, "a service standard of \(maximum) \(unit) is longer than the \(longest) allowed")
    }
    return ServiceStandard(maximum: Int(maximum), unit: unit)
  }
}

extension Simpeg_V1_ServiceRequestState {
  /// The rules' state; nil for unspecified or unknown codes.
  var rule: ServiceRequestState? { ServiceRequestState(rawValue: rawValue) }
}

extension Simpeg_Internal_V1_ServiceRequestRecord {
  /// The time of the latest step.
  var lastStepAt: Google_Protobuf_Timestamp {
    transitions.last?.at ?? receivedAt
  }
}

extension Simpeg_V1_ReportMonth {
  init(key: UInt32) {
    self.init()
    year = Int32(key / 100)
    month = Int32(key % 100)
  }

  /// The month key (`yyyymm`); `INVALID_ARGUMENT` naming `field` when not a real month.
  func key(field: String) throws -> UInt32 {
    guard (1...12).contains(month), (2000...2100).contains(year) else {
      throw RPCError(
        .invalidArgument, "\(field) must be a month of 2000-2100 (year and month 1-12); got \(year)-\(month)")
    }
    return UInt32(year) * 100 + UInt32(month)
  }
}

/// Month keys (`yyyymm`) as a sequence.
enum MonthKeys {
  /// The month after `key`.
  static func next(_ key: UInt32) -> UInt32 {
    key % 100 == 12 ? (key / 100 + 1) * 100 + 1 : key + 1
  }

  /// The month before `key`.
  static func previous(_ key: UInt32) -> UInt32 {
    key % 100 == 1 ? (key / 100 - 1) * 100 + 12 : key - 1
  }

  /// The months from `first` through `last`.
  static func range(_ first: UInt32, through last: UInt32) -> [UInt32] {
    var months: [UInt32] = []
    var month = first
    while month <= last {
      months.append(month)
      month = next(month)
    }
    return months
  }
}

extension Simpeg_V1_TurnaroundFigures {
  /// The figures of a tally (backlog left 0 for the caller to fill).
  init(_ tally: Simpeg_Internal_V1_TurnaroundTally) {
    self.init()
    received = tally.received
    completed = tally.completed
    rejected = tally.rejected
    withinStandard = tally.withinStandard
    let histogram = tally.turnaroundHistogram
    median = UInt32(clamping: histogram.percentile(50) ?? 0)
    percentile90 = UInt32(clamping: histogram.percentile(90) ?? 0)
    shareWithinStandardBasisPoints = UInt32(
      clamping: Percentage(part: Int(tally.withinStandard), of: Int(tally.completed)).basisPoints)
  }
}

extension Simpeg_Internal_V1_TurnaroundTally {
  /// Adds the counts and the histogram of `other`.
  mutating func merge(_ other: Simpeg_Internal_V1_TurnaroundTally) {
    received += other.received
    completed += other.completed
    rejected += other.rejected
    withinStandard += other.withinStandard
    if !other.histogram.isEmpty {
      turnaroundHistogram = turnaroundHistogram.merging(other.turnaroundHistogram)
    }
  }
}
