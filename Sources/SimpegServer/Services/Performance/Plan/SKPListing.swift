import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The pages of `PlanService/ListSKPs`: the SKPs whose latest version names the evaluator, by the
/// evaluator index; then, for a caller listing their own, the open SKPs they act as PPK for
/// today under another evaluator's name: a Plt's, a Plh's, or a new holder's of the post (the
/// same reach as the inbox, ``ActingScope``), so a submitted SKP waiting for whoever acts now is
/// listed to them.
///
/// The second part follows the first's last page; its page tokens are `acting.<last SKP id>`,
/// which no token of the store takes the form of (those are base64url).
struct SKPListing {
  let principal: Principal
  let evaluator: UInt64
  let year: Int32
  let status: Simpeg_V1_SKPStatus
  let today: CalendarDate

  private static let actingPrefix = "acting."

  /// One page of the list after `token`, with the token of the next.
  func page(size: Int, after token: PageToken?, in transaction: ReadTransaction) throws -> (
    records: [Simpeg_Internal_V1_SKPRecord], next: PageToken?
  ) {
    if let token, token.string.hasPrefix(Self.actingPrefix) {
      guard let last = UInt64(token.string.dropFirst(Self.actingPrefix.count)) else {
        throw FieldCheck.invalid(
          "page.page_token", "is not a token this server issued; start again without one")
      }
      return try actingPage(size: size, after: last, in: transaction)
    }
    let prefix =
      year == 0 ? KeyPrefix(evaluator) : KeyPrefix(CompositeKey2(evaluator, UInt32(clamping: year)))
    let (records, next) = try Paging.collect(
      size: size, after: token,
      read: { limit, after in
        try Tables.skps.page(
          Tables.skpsByEvaluator, prefix: prefix, in: transaction, limit: limit, after: after)
      }
    ) { accepts($0) }
    guard next == nil else { return (records, next) }
    let acting = try actingPage(size: size - records.count, after: 0, in: transaction)
    return (records + acting.records, acting.next)
  }

  private func accepts(_ record: Simpeg_Internal_V1_SKPRecord) -> Bool {
    status == .unspecified || record.latest.status == status
  }

  /// Up to `size` SKPs of the acting part with ids above `last`.
  private func actingPage(size: Int, after last: UInt64, in transaction: ReadTransaction) throws -> (
    records: [Simpeg_Internal_V1_SKPRecord], next: PageToken?
  ) {
    let all = try actingRecords(in: transaction).filter { $0.id > last }
    let page = Array(all.prefix(size))
    guard all.count > page.count else { return (page, nil) }
    return (page, PageToken(Self.actingPrefix + String(page.last?.id ?? last)))
  }

  /// The open SKPs of the year the caller acts as PPK for today whose latest version names
  /// someone else as evaluator, by id; none when the list is another evaluator's.
  private func actingRecords(in transaction: ReadTransaction) throws -> [Simpeg_Internal_V1_SKPRecord] {
    guard evaluator == principal.employeeID, !principal.isService else { return [] }
    let scope = ActingScope(principal: principal, today: today)
    let acted = try scope.actedPositions(in: transaction)
    guard !acted.isEmpty else { return [] }
    var found: [Simpeg_Internal_V1_SKPRecord] = []
    for owner in try scope.evaluatedEmployees(below: acted, in: transaction).sorted() {
      for row in try Tables.skps.page(
        Tables.skpsByOwner, prefix: KeyPrefix(owner), in: transaction, limit: .max
      ).rows {
        let record = row.value
        let latest = record.latest
        guard year == 0 || latest.year == year, latest.evaluator.employeeID != evaluator, accepts(record),
          scope.actsAsEvaluator(of: latest.positionID, owner: owner, in: transaction)
        else { continue }
        found.append(record)
      }
    }
    return found.sorted { $0.id < $1.id }
  }
}
