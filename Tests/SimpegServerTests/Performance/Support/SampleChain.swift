import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

/// A Seksi of the sample Kota Salatiga whose chain up to the Wali Kota is held at every level,
/// with its staff: the people a full performance cycle is walked with.
struct SampleChain {
  let seksiUnit: UInt64
  let waliKota: UInt64
  let sekda: KinerjaCity.Seat
  let kadis: KinerjaCity.Seat
  let kabid: KinerjaCity.Seat
  let kasi: KinerjaCity.Seat
  let staff: [KinerjaCity.Seat]
  /// The staff holding functional posts.
  let fungsional: [KinerjaCity.Seat]

  /// The first such Seksi, preferring one with a functional post among at least three staff.
  static func find(in store: Store) throws -> SampleChain {
    try store.read { transaction in
      var fallback: SampleChain?
      for row in try Tables.units.scan(in: transaction) where row.value.kind == .seksi {
        guard let chain = try chain(for: row.value, in: transaction), chain.staff.count >= 3 else { continue }
        if !chain.fungsional.isEmpty { return chain }
        fallback = fallback ?? chain
      }
      return try #require(fallback)
    }
  }

  private static func chain(for seksi: Simpeg_Internal_V1_UnitRecord, in transaction: ReadTransaction) throws
    -> SampleChain?
  {
    func held(_ id: UInt64) throws -> Simpeg_Internal_V1_PositionRecord? {
      guard let position = try Tables.positions.get(id, in: transaction), position.holderEmployeeID != 0,
        position.actingEmployeeID == 0
      else { return nil }
      return position
    }
    guard let kasi = try held(seksi.headPositionID), let kabid = try held(kasi.supervisorPositionID),
      let kadis = try held(kabid.supervisorPositionID), let sekda = try held(kadis.supervisorPositionID),
      let waliKota = try Tables.positions.get(sekda.supervisorPositionID, in: transaction),
      !waliKota.officialHolder.isEmpty
    else { return nil }
    let staffPositions = try Tables.positions.find(Tables.positionsByUnit, equalTo: seksi.id, in: transaction)
      .map(\.value).filter {
        $0.id != kasi.id && $0.holderEmployeeID != 0 && $0.supervisorPositionID == kasi.id
      }
    func seat(_ position: Simpeg_Internal_V1_PositionRecord) -> KinerjaCity.Seat {
      KinerjaCity.Seat(position: position.id, employee: position.holderEmployeeID)
    }
    return SampleChain(
      seksiUnit: seksi.id, waliKota: waliKota.id, sekda: seat(sekda), kadis: seat(kadis), kabid: seat(kabid),
      kasi: seat(kasi), staff: staffPositions.map(seat),
      fungsional: staffPositions.filter {
        $0.kind == .fungsionalKeahlian || $0.kind == .fungsionalKeterampilan
      }
      .map(seat))
  }
}
