import SimpegAPI
import SimpegRPC
import SimpegStore

/// `simpeg.v1.InboxService`: what awaits the calling account, as a page of a list
/// (``InboxContents``) and as a resumable live stream (``InboxWatch``).
struct InboxServiceHandler: Simpeg_V1_InboxService.Handler {
  let core: ServerCore

  func listInbox(request: Simpeg_V1_ListInboxRequest, context: ServerContext) async throws
    -> Simpeg_V1_ListInboxResponse
  {
    let principal = try context.principal()
    let size = Paging.size(of: request.page)
    let offset = try Self.offset(of: request.page)
    let moment = core.clock.now()
    let rules = InboxItems(
      principal: principal, today: moment.today, now: moment.timestamp,
      keberatanWindow: core.configuration.keberatanWindow)
    let asOf = core.store.lastSequence
    let all = try core.store.read { try InboxContents(items: rules).all(in: $0) }
    var response = Simpeg_V1_ListInboxResponse()
    response.items = Array(all.dropFirst(offset).prefix(size))
    response.asOfSequence = asOf
    if offset + size < all.count { response.page.nextPageToken = "\(offset + size)" }
    return response
  }

  func watchInbox(
    request: Simpeg_V1_WatchInboxRequest, response: ResponseWriter<Simpeg_V1_InboxEvent>,
    context: ServerContext
  ) async throws {
    let principal = try context.principal()
    let watch = InboxWatch(
      store: core.store, health: core.health, principal: principal, clock: core.clock,
      keberatanWindow: core.configuration.keberatanWindow)
    try await watch.run(from: request.fromSequence, into: response)
  }

  /// Where a page of the inbox starts: the token is the count of items already listed (the inbox
  /// is gathered whole each call, so a position is all a page needs).
  private static func offset(of page: Simpeg_V1_PageRequest) throws -> Int {
    guard !page.pageToken.isEmpty else { return 0 }
    guard let offset = Int(page.pageToken), offset >= 0 else {
      throw FieldCheck.invalid("page.page_token", "is not a token this call issued; start again without one")
    }
    return offset
  }
}
