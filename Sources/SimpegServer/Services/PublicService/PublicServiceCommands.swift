import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The write path of the public-service records that PublicService's calls and the sample both
/// write: a service of the catalogue, a holiday, a batch of SKM responses. (Service requests go
/// through ``RequestBatchWriter`` and the steps of `+Requests`.)
enum PublicServiceCommands {
  /// Adds the service `name` to the catalogue of the open `unit`, with its completion `standard`;
  /// a unit offers a name once (ignoring case). Names it for the audit record.
  static func addService(
    _ name: String, to unit: Simpeg_Internal_V1_UnitRecord, description: String,
    standard: Simpeg_V1_ServiceStandard,
    legalBasis: String, at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_PublicServiceRecord {
    let transaction = mutation.transaction
    if try Tables.publicServices.findUnique(
      Tables.publicServicesByUnit, CompositeKey2(unit.id, name.lowercased()), in: transaction) != nil
    {
      throw RPCError(.alreadyExists, "\(unit.name) already offers a service named '\(name)'")
    }
    var service = Simpeg_Internal_V1_PublicServiceRecord()
    service.id = try Tables.nextID("public_service", in: transaction)
    service.unitID = unit.id
    service.name = name
    service.description_p = description
    service.standard = standard
    service.legalBasis = legalBasis
    service.active = true
    service.createdAt = time
    service.updatedAt = time
    try Tables.publicServices.insert(service, for: service.id, in: transaction)
    mutation.audit(targets: ["public_service:\(service.id)", "unit:\(unit.id)"])
    return service
  }

  /// Makes `date` the holiday `name` (replacing the name it had); names it for the audit record.
  static func setHoliday(_ name: String, on date: CalendarDate, in mutation: Mutation) throws
    -> Simpeg_Internal_V1_HolidayRecord
  {
    var holiday = Simpeg_Internal_V1_HolidayRecord()
    holiday.date = Simpeg_V1_Date(date)
    holiday.name = name
    try Tables.holidays.put(holiday, for: WIBClock.dateKey(date), in: mutation.transaction)
    mutation.audit(targets: ["holiday:\(date)"])
    return holiday
  }

  /// Adds the responses counted in `added` to the SKM tally of unit `unitID` for the period
  /// `period` (its key, ``PublicServiceHandler/periodCode(_:)``); returns the tally now. Names it
  /// for the audit record.
  static func addSKMResponses(
    _ added: SKMTally, unitID: UInt64, period: UInt32, in mutation: Mutation
  ) throws -> SKMTally {
    let transaction = mutation.transaction
    let key = CompositeKey2(unitID, period)
    var tally = try Tables.skmTallies.get(key, in: transaction).map { try SKMTally(record: $0) } ?? SKMTally()
    tally.merge(added)
    try Tables.skmTallies.put(Simpeg_Internal_V1_SKMTallyRecord(tally), for: key, in: transaction)
    mutation.audit(targets: ["unit:\(unitID)", "skm:\(period)", "responses:\(added.respondents)"])
    return tally
  }
}
