import SimpegAPI
import SimpegStore

/// Page sizes and filtered pages over the store's paginated scans.
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
