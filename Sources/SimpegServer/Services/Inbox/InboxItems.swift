import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore
import SwiftProtobuf

/// What one record puts in one account's inbox, by the same rules the actions check: an SKP to
/// approve when the account acts as its PPK on the day, an activity to review likewise, a
/// keberatan to decide when the account acts for its atasan PPK, and the account's own returned
/// SKPs, finalised evaluations, keberatan windows and open follow-ups.
///
/// Both the list and the live stream ask it, so they never disagree. Each answer also names the
/// keys of the record that concern the account (whether present or not), so the stream can say
/// an item was removed.
struct InboxItems {
  let principal: Principal
  let today: CalendarDate
  let now: Google_Protobuf_Timestamp
  let keberatanWindow: Duration

  /// The items of a record for the account, and every key of the record that concerns it.
  struct Answer {
    var items: [Simpeg_V1_InboxItem] = []
    var concerned: [String] = []
  }

  /// The keys of each kind, from the record's id.
  enum Key {
    static func skpToApprove(_ id: UInt64) -> String { "skp-approve:\(id)" }
    static func skpToRevise(_ id: UInt64) -> String { "skp-revise:\(id)" }
    static func activityToReview(_ id: UInt64) -> String { "activity-review:\(id)" }
    static func evaluationToAcknowledge(_ id: UInt64) -> String { "evaluation-acknowledge:\(id)" }
    static func keberatanDeadline(_ id: UInt64) -> String { "keberatan-deadline:\(id)" }
    static func keberatanToDecide(_ id: UInt64) -> String { "keberatan-decide:\(id)" }
    static func followUpDue(_ id: UInt64) -> String { "follow-up:\(id)" }
  }

  private var me: UInt64 { principal.employeeID }

  /// An SKP to approve (for its PPK) or to revise (for its owner).
  func of(_ record: Simpeg_Internal_V1_SKPRecord, in transaction: ReadTransaction) throws -> Answer {
    var answer = Answer()
    let latest = record.latest
    let owner = record.ownerEmployeeID
    let evaluates = actsAsEvaluator(of: latest.positionID, owner: owner, in: transaction)
    if evaluates || (me != 0 && latest.evaluator.employeeID == me) {
      answer.concerned.append(Key.skpToApprove(record.id))
    }
    if evaluates, latest.status == .submitted {
      answer.items.append(
        item(Key.skpToApprove(record.id), .skpToApprove, record.id, owner, since: latest.submittedAt))
    }
    if me != 0, owner == me {
      answer.concerned.append(Key.skpToRevise(record.id))
      if latest.status == .returned {
        answer.items.append(
          item(Key.skpToRevise(record.id), .skpToRevise, record.id, owner, since: latest.updatedAt))
      }
    }
    return answer
  }

  /// A pending activity to review, for its PPK.
  func of(_ activity: Simpeg_Internal_V1_ActivityRecord, in transaction: ReadTransaction) throws -> Answer {
    var answer = Answer()
    let positionID = try Tables.skps.get(activity.skpID, in: transaction)?.latest.positionID ?? 0
    let evaluates = actsAsEvaluator(of: positionID, owner: activity.employeeID, in: transaction)
    if evaluates || (me != 0 && activity.evaluatorEmployeeID == me) {
      answer.concerned.append(Key.activityToReview(activity.id))
    }
    if evaluates, activity.status == .pending {
      answer.items.append(
        item(
          Key.activityToReview(activity.id), .activityToReview, activity.id, activity.employeeID,
          since: activity.hasChangedAt ? activity.changedAt : activity.loggedAt))
    }
    return answer
  }

  /// The account's own evaluation: to acknowledge once finalised, and the window for a keberatan.
  func of(_ evaluation: Simpeg_Internal_V1_EvaluationRecord) -> Answer {
    var answer = Answer()
    guard me != 0, evaluation.employeeID == me else { return answer }
    answer.concerned = [Key.evaluationToAcknowledge(evaluation.id), Key.keberatanDeadline(evaluation.id)]
    if evaluation.status == .finalised {
      answer.items.append(
        item(
          Key.evaluationToAcknowledge(evaluation.id), .evaluationToAcknowledge, evaluation.id, me,
          since: evaluation.finalisedAt))
    }
    let deadline = KeberatanDeadline.of(finalisedAt: evaluation.finalisedAt, window: keberatanWindow)
    if evaluation.status == .finalised || evaluation.status == .acknowledged, evaluation.keberatanID == 0,
      KeberatanDeadline.milliseconds(now) <= KeberatanDeadline.milliseconds(deadline)
    {
      answer.items.append(
        item(
          Key.keberatanDeadline(evaluation.id), .keberatanDeadline, evaluation.id, me,
          since: evaluation.finalisedAt, due: deadline))
    }
    return answer
  }

  /// A keberatan to decide, for whoever acts for its atasan PPK.
  func of(_ keberatan: Simpeg_Internal_V1_KeberatanRecord, in transaction: ReadTransaction) throws -> Answer {
    var answer = Answer()
    let decides =
      (try? KeberatanCommands.requireAtasan(principal, of: keberatan, on: today, in: transaction)) != nil
    if decides || (me != 0 && keberatan.atasan.employeeID == me) {
      answer.concerned.append(Key.keberatanToDecide(keberatan.id))
    }
    if decides, keberatan.status == .filed || keberatan.status == .heard {
      answer.items.append(
        item(
          Key.keberatanToDecide(keberatan.id), .keberatanToDecide, keberatan.id, keberatan.employeeID,
          since: keberatan.filedAt))
    }
    return answer
  }

  /// The account's own open follow-up with a due day.
  func of(_ followUp: Simpeg_Internal_V1_FollowUpRecord) -> Answer {
    var answer = Answer()
    guard me != 0, followUp.employeeID == me else { return answer }
    answer.concerned = [Key.followUpDue(followUp.id)]
    if followUp.status == .open, let due = followUp.due.calendarDate {
      answer.items.append(
        item(
          Key.followUpDue(followUp.id), .followUpDue, followUp.id, me, since: nil,
          due: WIBClock.timestamp(due, minute: 24 * 60 - 1)))
    }
    return answer
  }

  /// Whether the account acts as the PPK of a record of `owner` in `positionID` today.
  private func actsAsEvaluator(of positionID: UInt64, owner: UInt64, in transaction: ReadTransaction)
    -> Bool
  {
    ActingScope(principal: principal, today: today).actsAsEvaluator(
      of: positionID, owner: owner, in: transaction)
  }

  private func item(
    _ key: String, _ kind: Simpeg_V1_InboxItemKind, _ record: UInt64, _ employee: UInt64,
    since: Google_Protobuf_Timestamp?, due: Google_Protobuf_Timestamp? = nil
  ) -> Simpeg_V1_InboxItem {
    var item = Simpeg_V1_InboxItem()
    item.key = key
    item.kind = kind
    item.recordID = record
    item.employeeID = employee
    if let since { item.since = since }
    if let due { item.due = due }
    return item
  }
}
