import SimpegAPI

/// A listing request that pages with a `PageRequest` (`page` field), as every List method does.
public protocol PagedRequest: Sendable {
  /// The page asked for: its size and the token of the page before.
  var page: Simpeg_V1_PageRequest { get set }
}

extension Simpeg_V1_ListUnitsRequest: PagedRequest {}
extension Simpeg_V1_ListPositionsRequest: PagedRequest {}
extension Simpeg_V1_ListPlhRequest: PagedRequest {}
extension Simpeg_V1_ListAccountsRequest: PagedRequest {}
extension Simpeg_V1_ListApiKeysRequest: PagedRequest {}

/// Whole listings read page by page.
public enum Pages {
  /// Every item `request` lists: asks for pages of up to 1,000 with `list`, which answers a
  /// page's items and the next page's token (empty after the last), until none is left.
  public static func all<Request: PagedRequest, Item>(
    _ request: Request, _ list: (Request) async throws -> (items: [Item], next: String)
  ) async throws -> [Item] {
    var request = request
    request.page.pageSize = 1000
    request.page.pageToken = ""
    var items: [Item] = []
    repeat {
      let (page, next) = try await list(request)
      items += page
      request.page.pageToken = next
    } while !request.page.pageToken.isEmpty
    return items
  }
}
