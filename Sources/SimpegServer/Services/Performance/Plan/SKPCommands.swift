import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// The write path of an SKP: create, edit, submit, approve, return and revise (each on the
/// record in place, returning the version as read), each checking the
/// workflow (``SKPActors/apply(_:to:by:)``), the content and the cascade, then writing the record
/// and naming it for the audit record. PlanService's calls and the sample both go through here;
/// who may act is the caller's to check first (``SKPActors``).
enum SKPCommands {
  /// Whose SKP it is: an employee in their position, or the elected official of a position.
  struct Owner: Sendable {
    /// The employee; 0 for an elected official.
    var employeeID: UInt64 = 0
    /// The owner's position.
    var positionID: UInt64
    /// The position's title.
    var positionTitle: String
    /// The owner's unit.
    var unitID: UInt64
    /// The position's level.
    var level: Simpeg_V1_JabatanLevel
    /// The owner's name with titles.
    var ownerName: String
  }

  /// Creates the SKP of `owner` for `year` covering `months`, version 1 in draft, with its
  /// evaluator and atasan found from the owner's position on the day and `content` checked; one
  /// per owner and year. Returns the record as stored.
  static func create(
    for owner: Owner, year: Int32, months: ClosedRange<Int>, content: Simpeg_V1_SKPContent,
    at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_Internal_V1_SKPRecord {
    let transaction = mutation.transaction
    var skp = Simpeg_V1_SKP()
    skp.employeeID = owner.employeeID
    skp.positionID = owner.positionID
    skp.positionTitle = owner.positionTitle
    skp.unitID = owner.unitID
    skp.level = owner.level
    skp.ownerName = owner.ownerName
    if let existing = try SKPLookup.record(
      employeeID: skp.employeeID, officialPositionID: skp.positionID, year: year, in: transaction)
    {
      throw RPCError(
        .alreadyExists,
        "\(skp.ownerName) already has an SKP for \(year) (id \(existing.id)); one per year: revise it instead"
      )
    }
    let chain = try EvaluatorLookup.chain(for: skp.positionID, in: transaction)
    if let penilai = chain.penilai.evaluator {
      skp.evaluator = try EvaluatorLookup.person(penilai, in: transaction)
    } else if try Tables.positions.get(skp.positionID, in: transaction)?.supervisorPositionID ?? 0 != 0 {
      throw RPCError(
        .failedPrecondition,
        "no evaluator can be found: every position above \(skp.positionTitle) is vacant without a Plt; "
          + "BKPSDM must fill one or appoint a Plt")
    }
    if let atasan = chain.atasanPenilai?.evaluator {
      skp.atasan = try EvaluatorLookup.person(atasan, in: transaction)
    }
    skp.id = try Tables.nextID("skp", in: transaction)
    skp.year = year
    skp.version = 1
    skp.status = .draft
    skp.firstMonth = UInt32(months.lowerBound)
    skp.lastMonth = UInt32(months.upperBound)
    skp.createdAt = time
    skp.updatedAt = time
    skp.content = try SKPContentRules.prepare(content, for: skp, previous: nil, in: mutation)
    var record = Simpeg_Internal_V1_SKPRecord()
    record.id = skp.id
    record.versions = [skp]
    try Tables.skps.insert(record, for: skp.id, in: transaction)
    mutation.audit(targets: SKPActors.targets(skp))
    return record
  }

  /// Replaces the content of draft or returned version `version` (0: the latest) by its owner.
  static func edit(
    _ record: inout Simpeg_Internal_V1_SKPRecord, version: UInt32, content: Simpeg_V1_SKPContent,
    at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_V1_SKP {
    var skp = try SKPActors.version(version, of: record)
    _ = try SKPActors.apply(.edit, to: skp, by: .owner)
    skp.content = try SKPContentRules.prepare(content, for: skp, previous: skp.content, in: mutation)
    skp.updatedAt = time
    return try store(skp, in: &record, mutation: mutation)
  }

  /// Submits version `version` (0: the latest) for approval; it must be complete.
  static func submit(
    _ record: inout Simpeg_Internal_V1_SKPRecord, version: UInt32, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_V1_SKP {
    var skp = try SKPActors.version(version, of: record)
    let transition = try SKPActors.apply(.submit, to: skp, by: .owner)
    try SKPContentRules.checkSubmittable(skp.content)
    skp.status = Simpeg_V1_SKPStatus(transition.version.status)
    skp.submittedAt = time
    skp.updatedAt = time
    return try store(skp, in: &record, mutation: mutation)
  }

  /// Approves version `version` (0: the latest) as `approver`: its RHKs must cascade from the
  /// evaluator's approved SKP, and a revision may not drop an RHK that subordinates' SKPs still
  /// cascade from. The version in force before is superseded.
  static func approve(
    _ record: inout Simpeg_Internal_V1_SKPRecord, version: UInt32, by approver: String,
    at time: Google_Protobuf_Timestamp, in mutation: Mutation
  ) throws -> Simpeg_V1_SKP {
    let transaction = mutation.transaction
    var skp = try SKPActors.version(version, of: record)
    let transition = try SKPActors.apply(.approve, to: skp, by: .evaluator)
    var cascade = SKPCascade(of: skp, in: mutation)
    try cascade.checkAll()
    if let inForce = record.inForce {
      try checkNoOrphans(dropping: inForce, for: skp, in: transaction)
      if let index = record.index(of: inForce.version) {
        record.versions[index].status = .superseded
        record.versions[index].updatedAt = time
      }
    }
    skp.status = Simpeg_V1_SKPStatus(transition.version.status)
    skp.approvedAt = time
    skp.approvedBy = approver
    skp.updatedAt = time
    record.inForceVersion = skp.version
    return try store(skp, in: &record, mutation: mutation)
  }

  /// Returns version `version` (0: the latest) to its owner with `note` saying what to change.
  static func returnForRevision(
    _ record: inout Simpeg_Internal_V1_SKPRecord, version: UInt32, note: String,
    at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_V1_SKP {
    var skp = try SKPActors.version(version, of: record)
    let transition = try SKPActors.apply(.returnForRevision(note: note), to: skp, by: .evaluator)
    guard note.count <= SKPContentRules.maxText else {
      throw RPCError(.invalidArgument, "note is longer than \(SKPContentRules.maxText) characters")
    }
    skp.status = Simpeg_V1_SKPStatus(transition.version.status)
    skp.returnNote = note
    skp.updatedAt = time
    return try store(skp, in: &record, mutation: mutation)
  }

  /// Starts a revision of the approved SKP for `reason`: a new version in draft, copied from the
  /// latest; the approved version stays in force until the revision is approved.
  static func revise(
    _ record: inout Simpeg_Internal_V1_SKPRecord, reason: String, at time: Google_Protobuf_Timestamp,
    in mutation: Mutation
  ) throws -> Simpeg_V1_SKP {
    let latest = record.latest
    let transition = try SKPActors.apply(.revise(reason: reason), to: latest, by: .owner)
    guard reason.count <= SKPContentRules.maxText else {
      throw RPCError(.invalidArgument, "reason is longer than \(SKPContentRules.maxText) characters")
    }
    var draft = latest
    draft.version = UInt32(transition.version.number)
    draft.status = .draft
    draft.revisionReason = reason
    draft.returnNote = ""
    draft.createdAt = time
    draft.updatedAt = time
    draft.clearSubmittedAt()
    draft.clearApprovedAt()
    draft.approvedBy = ""
    record.versions.append(draft)
    return try store(draft, in: &record, mutation: mutation)
  }

  /// Refuses approving a revision that drops an RHK still supported by subordinates' SKPs.
  private static func checkNoOrphans(
    dropping inForce: Simpeg_V1_SKP, for revision: Simpeg_V1_SKP, in transaction: ReadTransaction
  ) throws {
    let kept = Set(revision.content.rhks.map(\.id))
    for rhk in inForce.content.rhks where !kept.contains(rhk.id) {
      let children = try Tables.skps.find(Tables.skpsByParentRHK, equalTo: rhk.id, in: transaction, limit: 20)
      if !children.isEmpty {
        throw RPCError(
          .failedPrecondition,
          "version \(revision.version) drops RHK \(rhk.id), which RHKs of \(children.count) subordinate "
            + "SKP(s) support (\(children.map { "\($0.key)" }.joined(separator: ", "))); they must "
            + "cascade from another RHK first (rule: RHK cascade)")
      }
    }
  }

  /// Writes `skp` into `record` (replacing its version or as the new one), stores the record and
  /// names it for the audit record.
  private static func store(
    _ skp: Simpeg_V1_SKP, in record: inout Simpeg_Internal_V1_SKPRecord, mutation: Mutation
  ) throws -> Simpeg_V1_SKP {
    if let index = record.index(of: skp.version) {
      record.versions[index] = skp
    } else {
      record.versions.append(skp)
    }
    try Tables.skps.put(record, for: record.id, in: mutation.transaction)
    mutation.forget(record.versions.flatMap { $0.content.rhks.map { SKPCascade.rememberedKey(rhk: $0.id) } })
    mutation.audit(targets: SKPActors.targets(skp))
    return record.view(skp)
  }
}
