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
///
/// It reports each table as it finishes (rows and time) and every ``reportEvery`` rows within a
/// table, so a large store's first start after the upgrade shows where it is.
enum RecordsApartFromTheAPI {
  /// How many rows of one table pass between two progress reports.
  static let reportEvery = 100_000

  /// The migration step of ``Tables/schema``.
  static let migration = Migration(version: 2, name: "records apart from the API") {
    transaction, progress in
    func migrate<Key, Value>(_ table: Table<Key, Value>) throws {
      try RecordsApartFromTheAPI.rewrite(table, in: transaction, progress)
    }
    try migrate(Tables.units)
    try migrate(Tables.positions)
    try migrate(Tables.employees)
    try migrate(Tables.plhs)
    try migrate(Tables.audit)
    try migrate(Tables.activities)
    try migrate(Tables.activityRevisions)
    try migrate(Tables.feedback)
    try migrate(Tables.dialogues)
    try migrate(Tables.followUps)
    try migrate(Tables.evaluations)
    try migrate(Tables.organisationPredikat)
    try migrate(Tables.keberatan)
    try migrate(Tables.periodKinds)
    try migrate(Tables.publicServices)
    try migrate(Tables.holidays)
    try migrate(Tables.serviceRequests)
    try migrate(Tables.competitions)
    try migrate(Tables.innovations)
    try migrate(Tables.scorecards)
    try migrate(Tables.competitionResults)
  }

  /// Rewrites every row of `table` as its record, without the fields the record leaves out.
  private static func rewrite<Key, Value>(
    _ table: Table<Key, Value>, in transaction: WriteTransaction, _ progress: MigrationProgress
  ) throws {
    let clock = ContinuousClock()
    let started = clock.now
    var reported = 0
    let rows = try table.rewriteEveryRow(in: transaction) { _, record in
      record.unknownFields = UnknownStorage()
    } progress: { rows in
      guard rows - reported >= reportEvery else { return }
      reported = rows
      progress.report("rewriting a table's rows as records", ["table": table.name, "rows": "\(rows)"])
    }
    progress.report(
      "table rewritten as records",
      ["table": table.name, "rows": "\(rows)", "duration": "\(clock.now - started)"])
  }
}
