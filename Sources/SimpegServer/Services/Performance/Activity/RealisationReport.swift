import SimpegAPI
import SimpegKinerja
import SimpegStore

/// Realisation of an SKP version: for each RHK, the approved activities' output per IKI per month
/// and quarter against the IKI's annual target, by SimpegKinerja's `RHKRealisation`.
enum RealisationReport {
  /// The realisation of `skp`.
  static func build(for skp: Simpeg_V1_SKP, in transaction: ReadTransaction) throws
    -> Simpeg_V1_GetRealisationResponse
  {
    let activities = try Tables.activities.find(Tables.activitiesBySKP, equalTo: skp.id, in: transaction)
      .map(\.value)
    var response = Simpeg_V1_GetRealisationResponse()
    response.skpID = skp.id
    response.version = skp.version
    response.year = skp.year
    for rhk in skp.content.rhks {
      var row = Simpeg_V1_RHKRealisation()
      row.rhkID = rhk.id
      row.text = rhk.text
      row.pendingActivities = UInt32(activities.filter { $0.rhkID == rhk.id && $0.status == .pending }.count)
      let measured = rhk.ikis.filter { $0.targetValue > 0 }
      guard !measured.isEmpty else {
        row.notMeasured = "no IKI of this RHK has a numeric target (a kualitatif measure)"
        response.rhks.append(row)
        continue
      }
      let ids = Set(measured.map(\.id))
      let outputs = activities.compactMap { activity -> ActivityOutput<UInt64>? in
        guard activity.status == .approved, ids.contains(activity.ikiID),
          let date = activity.date.calendarDate, date.year == Int(skp.year)
        else { return nil }
        return ActivityOutput(iki: activity.ikiID, date: date, quantity: Int(activity.outputQuantity))
      }
      let targets = measured.map {
        IKITarget(id: $0.id, annualQuantity: Int($0.targetValue), unit: $0.targetUnit)
      }
      let realisation: RHKRealisation<UInt64>
      do {
        realisation = try RHKRealisation(year: Int(skp.year), targets: targets, outputs: outputs)
      } catch {
        row.notMeasured = error.description
        response.rhks.append(row)
        continue
      }
      for iki in measured {
        var ikiRow = Simpeg_V1_IKIRealisation()
        ikiRow.ikiID = iki.id
        ikiRow.indicator = iki.indicator
        ikiRow.targetValue = iki.targetValue
        ikiRow.targetUnit = iki.targetUnit
        ikiRow.monthlyQuantity = (1...12).map { Int64(realisation.quantity(of: iki.id, in: .month($0))) }
        ikiRow.quarterlyQuantity = (1...4).map { Int64(realisation.quantity(of: iki.id, in: .quarter($0))) }
        ikiRow.monthlyBasisPoints = (1...12).map {
          Int64(realisation.percentage(of: iki.id, in: .month($0))!.basisPoints)
        }
        ikiRow.quarterlyBasisPoints = (1...4).map {
          Int64(realisation.percentage(of: iki.id, in: .quarter($0))!.basisPoints)
        }
        ikiRow.yearBasisPoints = Int64(realisation.percentage(of: iki.id, in: .year)!.basisPoints)
        row.ikis.append(ikiRow)
      }
      row.monthlyBasisPoints = realisation.monthlyPercentages.map { Int64($0.basisPoints) }
      row.quarterlyBasisPoints = realisation.quarterlyPercentages.map { Int64($0.basisPoints) }
      row.yearBasisPoints = Int64(realisation.percentage(in: .year)!.basisPoints)
      response.rhks.append(row)
    }
    return response
  }
}
