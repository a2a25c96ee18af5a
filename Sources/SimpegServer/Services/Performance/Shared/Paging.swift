import SimpegAPI
import SimpegStore

/// Page sizes and tokens of list calls: 50 by default, at most 1,000.
enum Paging {
  /// The page size asked for, defaulted and capped.
  static func size(_ request: Simpeg_V1_PageRequest) -> Int {
    request.pageSize == 0 ? 50 : Int(min(request.pageSize, 1_000))
  }

  /// The token to continue from, nil for the first page.
  static func token(_ request: Simpeg_V1_PageRequest) -> PageToken? {
    request.pageToken.isEmpty ? nil : PageToken(request.pageToken)
  }

  /// The wire form of where a list continues.
  static func info(_ token: PageToken?) -> Simpeg_V1_PageInfo {
    var info = Simpeg_V1_PageInfo()
    info.nextPageToken = token?.string ?? ""
    return info
  }

  /// Collects up to `size` rows of an index prefix that pass `include`, reading on past rows that
  /// do not, and the token after the last row read when more may follow.
  static func filtered<Key, Value>(
    _ table: Table<Key, Value>, index: any IndexDefinition<Value>, prefix: KeyPrefix,
    size: Int, after token: PageToken?, in transaction: ReadTransaction,
    direction: ScanDirection = .forward, include: (Value) -> Bool
  ) throws -> (values: [Value], next: PageToken?) {
    var values: [Value] = []
    var next = token
    repeat {
      let page = try table.page(
        index, prefix: prefix, in: transaction, direction: direction, limit: size - values.count,
        after: next)
      values += page.rows.map(\.value).filter(include)
      next = page.nextPageToken
    } while values.count < size && next != nil
    return (values, next)
  }
}
