import SimpegAPI
import SimpegStore

/// The tables of public service (catalogue, holidays, requests, turnaround aggregates, SKM) and of
/// innovation competitions.
///
/// Months in keys are `year * 100 + month` (202503), dates `year * 10_000 + month * 100 + day`,
/// both on the WIB wall clock, so that keys sort chronologically.
extension Tables {
  // MARK: Catalogue and calendar

  /// Service names are unique within a unit, ignoring case; scans by unit list its services.
  static let publicServicesByUnit = Index<
    CompositeKey2<UInt64, String>, Simpeg_Internal_V1_PublicServiceRecord
  >(
    name: "by_unit", unique: true
  ) { CompositeKey2($0.unitID, $0.name.lowercased()) }
  static let publicServices = Table<UInt64, Simpeg_Internal_V1_PublicServiceRecord>(
    name: "public_services", recordsChanges: true, indexes: [publicServicesByUnit])

  /// Public holidays and cuti bersama by date (`yyyymmdd`).
  static let holidays = Table<UInt32, Simpeg_Internal_V1_HolidayRecord>(
    name: "holidays", recordsChanges: true)

  // MARK: Requests

  /// Registration numbers are unique within a unit.
  static let serviceRequestsByReference = Index<
    CompositeKey2<UInt64, String>, Simpeg_Internal_V1_ServiceRequestRecord
  >(
    name: "by_reference", unique: true
  ) { CompositeKey2($0.unitID, $0.reference) }
  /// A unit's requests by state, then id.
  static let serviceRequestsByUnit = Index<
    CompositeKey2<UInt64, UInt8>, Simpeg_Internal_V1_ServiceRequestRecord
  >(
    name: "by_unit"
  ) { CompositeKey2($0.unitID, UInt8(clamping: $0.state.rawValue)) }
  /// A service's requests by state, then id.
  static let serviceRequestsByService = Index<
    CompositeKey2<UInt64, UInt8>, Simpeg_Internal_V1_ServiceRequestRecord
  >(
    name: "by_service"
  ) { CompositeKey2($0.serviceID, UInt8(clamping: $0.state.rawValue)) }
  /// An assignee's requests by state, then id; unassigned requests are not indexed.
  static let serviceRequestsByAssignee = Index<
    CompositeKey2<UInt64, UInt8>, Simpeg_Internal_V1_ServiceRequestRecord
  >(
    name: "by_assignee"
  ) {
    $0.assigneeEmployeeID == 0
      ? nil : CompositeKey2($0.assigneeEmployeeID, UInt8(clamping: $0.state.rawValue))
  }
  static let serviceRequests = Table<UInt64, Simpeg_Internal_V1_ServiceRequestRecord>(
    name: "service_requests", recordsChanges: true,
    indexes: [
      serviceRequestsByReference, serviceRequestsByUnit, serviceRequestsByService,
      serviceRequestsByAssignee,
    ])

  // MARK: Aggregates kept at write time

  /// Per (unit, service, month): received, completed, rejected and the turnaround histogram.
  static let unitTurnarounds = Table<
    CompositeKey3<UInt64, UInt64, UInt32>, Simpeg_Internal_V1_TurnaroundTally
  >(name: "turnaround_by_unit")
  /// Per (employee, month, service): the requests the employee closed as assignee.
  static let employeeTurnarounds = Table<
    CompositeKey3<UInt64, UInt32, UInt64>, Simpeg_Internal_V1_TurnaroundTally
  >(name: "turnaround_by_employee")

  /// SKM responses per (unit, period code): the code is `year * 100 + kind * 10 + number`.
  static let skmTallies = Table<CompositeKey2<UInt64, UInt32>, Simpeg_Internal_V1_SKMTallyRecord>(
    name: "skm")

  // MARK: Innovation competitions

  static let competitions = Table<UInt64, Simpeg_Internal_V1_CompetitionRecord>(
    name: "competitions", recordsChanges: true)
  /// Innovations of a competition by category, then id.
  static let innovationsByCompetition = Index<
    CompositeKey2<UInt64, UInt32>, Simpeg_Internal_V1_InnovationRecord
  >(
    name: "by_competition"
  ) { CompositeKey2($0.competitionID, $0.categoryID) }
  /// Innovations by each of their authors.
  static let innovationsByAuthor = Index<UInt64, Simpeg_Internal_V1_InnovationRecord>(
    name: "by_author", keys: { $0.authorEmployeeIds })
  static let innovations = Table<UInt64, Simpeg_Internal_V1_InnovationRecord>(
    name: "innovations", recordsChanges: true,
    indexes: [innovationsByCompetition, innovationsByAuthor])
  /// One judge's scores of one innovation: (competition, innovation, judge).
  static let scorecards = Table<CompositeKey3<UInt64, UInt64, UInt32>, Simpeg_Internal_V1_ScorecardRecord>(
    name: "scorecards", recordsChanges: true)
  /// The results of a competition, stored when published and never changed after.
  static let competitionResults = Table<UInt64, Simpeg_Internal_V1_CompetitionResultsRecord>(
    name: "competition_results", recordsChanges: true)

  /// Every table above, for ``schema``.
  static let publicServiceTables: [any TableDefinition] = [
    publicServices, holidays, serviceRequests, unitTurnarounds, employeeTurnarounds, skmTallies,
    competitions, innovations, scorecards, competitionResults,
  ]
}
