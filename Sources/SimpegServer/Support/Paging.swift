import SimpegAPI
import SimpegStore

/// Page sizes and filtered pages over the store's paginated scans, and every page of a scan for
/// what must see everything.
///
/// Every list a client calls pages (``collect(size:after:budget:read:accept:)``); nothing is read
/// with a fixed cap that silently drops the rest. A report or a ranking that must see every row
/// reads the scan page by page to its end (``forEach(read:_:)``, ``all(read:)``).
///
/// A filtered page reads its scan in chunks no larger than the room left on the page, so every
/// row it reads is either returned or rejected and the store's ``PageToken`` of the last chunk
/// resumes exactly after the last row read. Reads per call are bounded by ``scanBudget``: a
/// sparse filter may return a short (even empty) page together with a token to continue.
enum Paging {
  /// The page size when the request gives none.
  static let defaultSize = 50
  /// The largest page served; larger requests are capped.
  static let maximumSize = 1000
  /// The most rows one call reads before it answers with what it found and a token.
  static let scanBudget = 20_000
  /// The longest page token accepted, in characters.
  static let tokenLimit = 2048
  /// The rows a read of every page takes per page.
  static let chunk = 1_000

  /// The page size asked for: the default for 0, capped at ``maximumSize``.
  static func size(of request: Simpeg_V1_PageRequest) -> Int {
    request.pageSize == 0 ? defaultSize : min(Int(request.pageSize), maximumSize)
  }

  /// The token to resume after, nil for the first page.
  static func token(of request: Simpeg_V1_PageRequest) throws -> PageToken? {
    guard !request.pageToken.isEmpty else { return nil }
    guard request.pageToken.utf8.count <= tokenLimit else {
      throw FieldCheck.invalid(
        "page.page_token", "is longer than any token this server issues; start again without one")
    }
    return PageToken(request.pageToken)
  }

  /// The page info for the token of the next page.
  static func info(next token: PageToken?) -> Simpeg_V1_PageInfo {
    var info = Simpeg_V1_PageInfo()
    info.nextPageToken = token?.string ?? ""
    return info
  }

  /// Calls `body` with every value of the scan `read(limit, after)`, page by page to its end.
  static func forEach<Key, Value>(
    read: (_ limit: Int, _ after: PageToken?) throws -> Page<Key, Value>, _ body: (Value) throws -> Void
  ) throws {
    var token: PageToken?
    repeat {
      let page = try read(chunk, token)
      for row in page.rows { try body(row.value) }
      token = page.nextPageToken
    } while token != nil
  }

  /// Every value of the scan `read(limit, after)`, page by page to its end.
  static func all<Key, Value>(read: (_ limit: Int, _ after: PageToken?) throws -> Page<Key, Value>) throws
    -> [Value]
  {
    var values: [Value] = []
    try forEach(read: read) { values.append($0) }
    return values
  }

  /// The response page of a paged list: up to the requested size of the values of `read` that
  /// pass `accept`, after the request's token, and where to continue.
  static func page<Key, Value>(
    _ request: Simpeg_V1_PageRequest, read: (_ limit: Int, _ after: PageToken?) throws -> Page<Key, Value>,
    accept: (Value) throws -> Bool = { _ in true }
  ) throws -> (values: [Value], info: Simpeg_V1_PageInfo) {
    let found = try collect(
      size: size(of: request), after: try token(of: request), read: read, accept: accept)
    return (found.values, info(next: found.next))
  }

  /// Collects up to `size` values that pass `accept`, reading with `read(limit, after)`.
  static func collect<Key, Value>(
    size: Int, after token: PageToken?, budget: Int = scanBudget,
    read: (_ limit: Int, _ after: PageToken?) throws -> Page<Key, Value>,
    accept: (Value) throws -> Bool
  ) throws -> (values: [Value], next: PageToken?) {
    var values: [Value] = []
    var resume = token
    var scanned = 0
    while true {
      let page = try read(size - values.count, resume)
      scanned += page.rows.count
      for row in page.rows where try accept(row.value) {
        values.append(row.value)
      }
      resume = page.nextPageToken
      if resume == nil || values.count >= size || scanned >= budget {
        return (values, resume)
      }
    }
  }
}
