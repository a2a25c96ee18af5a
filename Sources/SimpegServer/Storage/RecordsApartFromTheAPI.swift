import SimpegStore
import SwiftProtobuf

/// Schema version 2: the tables that stored `simpeg.v1` messages store their own records.
///
/// Each record keeps the field numbers and types of the message it replaces, so a row written by
/// version 1 decodes as its record as it is. The migration rewrites every row of those tables in
/// the record form, in the one write transaction that also records version 2 (a crash leaves
/// the store wholly at version 1 or 2): what a record leaves out (a Plh's name, which the API
/// fills on reads) is dropped with the row's unknown fields. Index
/// keys do not change and nothing is appended to the change log. The audit trail's hashes cover
/// the same bytes in either form, so the chain verifies after the rewrite as before.
enum RecordsApartFromTheAPI {
  /// The migration step of ``Tables/schema``.
  static let migration = Migration(version: 2, name: "records apart from the API") { transaction in
    try rewrite(Tables.units, in: transaction)
    try rewrite(Tables.positions, in: transaction)
    try rewrite(Tables.employees, in: transaction)
    try rewrite(Tables.plhs, in: transaction)
    try rewrite(Tables.audit, in: transaction)
    try rewrite(Tables.activities, in: transaction)
    try rewrite(Tables.activityRevisions, in: transaction)
    try rewrite(Tables.feedback, in: transaction)
    try rewrite(Tables.dialogues, in: transaction)
    try rewrite(Tables.followUps, in: transaction)
    try rewrite(Tables.evaluations, in: transaction)
    try rewrite(Tables.organisationPredikat, in: transaction)
    try rewrite(Tables.keberatan, in: transaction)
    try rewrite(Tables.periodKinds, in: transaction)
    try rewrite(Tables.publicServices, in: transaction)
    try rewrite(Tables.holidays, in: transaction)
    try rewrite(Tables.serviceRequests, in: transaction)
    try rewrite(Tables.competitions, in: transaction)
    try rewrite(Tables.innovations, in: transaction)
    try rewrite(Tables.scorecards, in: transaction)
    try rewrite(Tables.competitionResults, in: transaction)
  }

  /// Rewrites every row of `table` as its record, without the fields the record leaves out.
  private static func rewrite<Key, Value>(_ table: Table<Key, Value>, in transaction: WriteTransaction) throws
  {
    try table.rewriteEveryRow(in: transaction) { _, record in
      record.unknownFields = UnknownStorage()
    }
  }
}
