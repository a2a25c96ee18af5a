import SimpegAPI
import SimpegKinerja
import SimpegStore

/// What an annual rating follows, read from the store: the employee's periodic ratings of the
/// year, and for every RHK of the year's SKPs (those closed by a mid-year change first, then the
/// one in force) the target and achievement per IKI, the realisation (``RealisationReport``), the
/// approved activities and their evidence, and the evaluator's feedback when given.
enum AnnualBasisBuilder {
  /// The basis of `employeeID`'s `year`, whose current SKP is `record` (nil: none), with
  /// `feedback` by RHK id.
  static func build(
    employeeID: UInt64, year: Int32, record: Simpeg_Internal_V1_SKPRecord?, feedback: [UInt64: String] = [:],
    in transaction: ReadTransaction
  ) throws -> Simpeg_V1_AnnualBasis {
    var basis = Simpeg_V1_AnnualBasis()
    let prefix = KeyPrefix(CompositeKey2(employeeID, UInt32(clamping: year)))
    for row in try Tables.evaluations.page(
      Tables.evaluationsBySubject, prefix: prefix, in: transaction, limit: .max
    )
    .rows where row.value.period.kind != .tahunan {
      let evaluation = row.value
      var periodic = Simpeg_V1_PeriodicRating()
      periodic.evaluationID = evaluation.id
      periodic.period = evaluation.period
      periodic.hasilKerja = evaluation.hasilKerja
      periodic.perilaku = evaluation.perilaku
      periodic.predikat = evaluation.predikat
      periodic.status = evaluation.status
      basis.periodic.append(periodic)
    }
    guard let record else { return basis }
    for skpRecord in try SKPTransfer.earlier(than: record, in: transaction) + [record] {
      guard let skp = skpRecord.inForce else { continue }
      let activities = try Tables.activities.find(Tables.activitiesBySKP, equalTo: skp.id, in: transaction)
        .map(\.value).filter { $0.status == .approved }
      let realisation = try RealisationReport.build(for: skp, in: transaction)
      for rhk in skp.content.rhks {
        var year = Simpeg_V1_RHKYear()
        year.skpID = skp.id
        year.rhkID = rhk.id
        year.text = rhk.text
        let measured = realisation.rhks.first { $0.rhkID == rhk.id }
        year.yearBasisPoints = measured?.yearBasisPoints ?? 0
        year.notMeasured = measured?.notMeasured ?? ""
        year.ikis = rhk.ikis.map { iki in
          var row = Simpeg_V1_IKIYear()
          row.ikiID = iki.id
          row.indicator = iki.indicator
          row.targetValue = iki.targetValue
          row.targetUnit = iki.targetUnit
          row.achieved = activities.filter { $0.ikiID == iki.id }.reduce(0) { $0 + $1.outputQuantity }
          return row
        }
        let done = activities.filter { $0.rhkID == rhk.id }
        year.approvedActivities = UInt32(done.count)
        year.evidenceCount = UInt32(done.reduce(0) { $0 + $1.evidence.count })
        year.feedback = feedback[rhk.id] ?? ""
        basis.rhks.append(year)
      }
    }
    return basis
  }

  /// The RHK ids of the year's SKPs in force, for checking feedback.
  static func rhkIDs(of record: Simpeg_Internal_V1_SKPRecord, in transaction: ReadTransaction) throws
    -> Set<UInt64>
  {
    let records = try SKPTransfer.earlier(than: record, in: transaction) + [record]
    return Set(records.compactMap(\.inForce).flatMap { $0.content.rhks.map(\.id) })
  }
}
