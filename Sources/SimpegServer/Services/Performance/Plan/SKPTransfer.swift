import SimpegAPI
import SimpegKinerja
import SimpegStore

/// A mid-year change of position (a transfer or a promotion to another post) in the SKPs: the
/// SKP of the year made for the old position is closed, its months ending with the month before
/// the change, and a draft SKP for the new position covers the rest of the year, its evaluator
/// found from the new position; the two are linked so the year's SKPs are read in order and the
/// annual evaluation combines them (``AnnualCombination``). A change dated inside a period whose
/// evaluation of the employee is finalised is refused: that result stands for the old position.
enum SKPTransfer {
  /// The rule refusals name.
  static let rule =
    "a transfer or promotion during the year closes the SKP of the old position and opens one for the "
    + "new; a finalised period is not split"

  /// Refuses a change for `employee` on `date` inside a period whose evaluation is finalised.
  static func checkNoFinalisedPeriod(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, on date: CalendarDate, in transaction: ReadTransaction
  ) throws {
    let prefix = KeyPrefix(CompositeKey2(employee.id, UInt32(date.year)))
    let evaluations = try Tables.evaluations.page(
      Tables.evaluationsBySubject, prefix: prefix, in: transaction, limit: .max
    ).rows.map(\.value)
    for evaluation in evaluations where evaluation.status == .finalised || evaluation.status == .acknowledged
    {
      guard let kind = EvaluationPeriodKind(rawValue: evaluation.period.kind.rawValue),
        let months = kind.months(ofPeriod: kind == .tahunan ? 1 : Int(evaluation.period.number)),
        months.contains(date.month)
      else { continue }
      throw Refusals.error(
        .failedPrecondition, .transferInFinalisedPeriod,
        "\(RecordNaming.employee(employee)) has evaluation \(evaluation.id) for the period holding \(date) "
          + "finalised; date the change after that period", rule: rule, field: "effective")
    }
  }

  /// Moves the year's SKP of `employee` (now seated in `position`) at `date`, the change's
  /// `reason` recorded; nothing when the employee has no SKP of that year or it is the new
  /// position's already. Returns the SKP opened.
  @discardableResult
  static func move(
    _ employee: Simpeg_Internal_V1_EmployeeRecord, to position: Simpeg_Internal_V1_PositionRecord,
    on date: CalendarDate, reason: String,
    in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_SKPRecord? {
    let transaction = mutation.transaction
    let year = Int32(date.year)
    guard var old = try SKPLookup.record(employeeID: employee.id, year: year, in: transaction),
      old.latest.positionID != position.id
    else { return nil }
    let month = date.month
    for index in old.versions.indices {
      if Int(old.versions[index].firstMonth) >= month {
        old.versions[index].firstMonth = 0
        old.versions[index].lastMonth = 0
      } else {
        old.versions[index].lastMonth = min(old.versions[index].lastMonth, UInt32(month - 1))
      }
    }
    old.closed = true
    old.closedAt = mutation.moment.timestamp
    old.closedReason =
      "moved to \(RecordNaming.position(position)) from \(date)" + (reason.isEmpty ? "" : ": \(reason)")
    try Tables.skps.put(old, for: old.id, in: transaction)
    let owner = SKPCommands.Owner(
      employeeID: employee.id, positionID: position.id, positionTitle: position.title,
      unitID: position.unitID, level: position.level, ownerName: EvaluatorLookup.displayName(employee))
    // The new draft keeps the approach and the behaviour expectations; its RHKs are the owner's to
    // write against the new evaluator's.
    var content = Simpeg_V1_SKPContent()
    content.approach = (old.inForce ?? old.latest).content.approach
    content.expectations = (old.inForce ?? old.latest).content.expectations
    var opened = try SKPCommands.create(
      for: owner, year: year, months: month...12, content: content, at: mutation.moment.timestamp,
      in: mutation)
    opened.previousSkpID = old.id
    old.nextSkpID = opened.id
    try Tables.skps.put(old, for: old.id, in: transaction)
    try Tables.skps.put(opened, for: opened.id, in: transaction)
    return opened
  }

  /// The SKPs of the year before `record`, oldest first (those a mid-year change closed).
  static func earlier(than record: Simpeg_Internal_V1_SKPRecord, in transaction: ReadTransaction) throws
    -> [Simpeg_Internal_V1_SKPRecord]
  {
    var chain: [Simpeg_Internal_V1_SKPRecord] = []
    var previous = record.previousSkpID
    var seen: Set<UInt64> = [record.id]
    while previous != 0, seen.insert(previous).inserted, chain.count < 12,
      let earlier = try Tables.skps.get(previous, in: transaction)
    {
      chain.insert(earlier, at: 0)
      previous = earlier.previousSkpID
    }
    return chain
  }
}
