import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// `simpeg.v1.InnovationService`: innovation competitions from set-up to published ranking, and
/// the innovations that count in an employee's performance record.
///
/// The methods live in extensions, one concept per file: `+Competitions` (set-up and stages),
/// `+Submissions`, `+Scoring`, `+Results`, `+EmployeeInnovations`. The judging rules, checks of
/// scorecards and the ranking with its tie rule are the rules' `CompetitionJudging`.
struct InnovationHandler: Simpeg_V1_InnovationService.Handler {
  let core: ServerCore

  var store: ReadOnlyStore { core.store }
  var ledger: Ledger { core.ledger }

  /// The competition `id`; `NOT_FOUND` when there is none.
  static func competition(_ id: UInt64, in transaction: ReadTransaction) throws
    -> Simpeg_Internal_V1_CompetitionRecord
  {
    guard let competition = try Tables.competitions.get(id, in: transaction) else {
      throw RPCError(.notFound, "no competition with id \(id)")
    }
    return competition
  }

  /// `FAILED_PRECONDITION` once the results are published: they are final.
  static func requireUnpublished(_ competition: Simpeg_Internal_V1_CompetitionRecord, _ what: String) throws {
    guard competition.state != .published else {
      throw RPCError(
        .failedPrecondition,
        "cannot \(what): the results of competition \(competition.id) ('\(competition.name)') were published "
          + "on \(WIBClock.local(competition.publishedAt).date), and published results are immutable")
    }
  }

  /// The judging rules of a stored competition.
  static func judging(of competition: Simpeg_Internal_V1_CompetitionRecord) throws -> CompetitionJudging<
    UInt64
  > {
    do {
      return try CompetitionJudging(
        criteria: competition.criteria.map {
          JudgingCriterion(id: UInt64($0.id), name: $0.name, weight: Int($0.weight))
        },
        scoreRange: Int(competition.scoreMin)...Int(max(competition.scoreMin, competition.scoreMax)))
    } catch {
      throw RPCError(.dataLoss, "competition \(competition.id) is stored with invalid criteria: \(error)")
    }
  }

  /// A required name or title of `field`, at most `limit` characters (``FieldCheck``).
  static func text(_ raw: String, _ field: String, limit: Int = FieldCheck.nameLimit, multiline: Bool = false)
    throws -> String
  {
    try FieldCheck.text(raw, field: field, limit: limit, required: true, multiline: multiline)
  }
}
