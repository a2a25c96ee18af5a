/// A table row: its key and its decoded value, copied out of the transaction.
public struct Row<Key: StoreKey, Value: Sendable>: Sendable {
  /// The row's key.
  public let key: Key
  /// The row's value.
  public let value: Value

  /// Creates a row.
  public init(key: Key, value: Value) {
    self.key = key
    self.value = value
  }
}

extension Row: Equatable where Key: Equatable, Value: Equatable {}

/// One page of a paginated scan, and the token for the next page.
public struct Page<Key: StoreKey, Value: Sendable>: Sendable {
  /// The rows of this page, in scan order.
  public let rows: [Row<Key, Value>]
  /// The token that resumes the scan after the last row, or nil when there is nothing after it.
  public let nextPageToken: PageToken?

  /// Creates a page.
  public init(rows: [Row<Key, Value>], nextPageToken: PageToken?) {
    self.rows = rows
    self.nextPageToken = nextPageToken
  }
}
