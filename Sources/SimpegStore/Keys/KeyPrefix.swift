/// The leading bytes of keys to search by: every key whose encoding starts with them matches.
///
/// Build one from leading components (`KeyPrefix(departmentID)`), from the start of an ordered
/// string (`KeyPrefix.stringPrefix("Bud")`: names beginning with "Bud"), or with the encoder.
public struct KeyPrefix: Sendable, Hashable {
  /// The prefix bytes.
  public let bytes: [UInt8]

  /// A prefix of raw bytes.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The full encoding of one or more leading components.
  public init<Leading: StoreKey>(_ leading: Leading) {
    self.bytes = leading.encodedKey
  }

  /// A prefix built by appending components (and maybe a trailing string prefix) to an encoder.
  public init(_ build: (inout KeyEncoder) -> Void) {
    var encoder = KeyEncoder()
    build(&encoder)
    self.bytes = encoder.bytes
  }

  /// Keys whose first component is an ordered `String` starting with `prefix`.
  public static func stringPrefix(_ prefix: String) -> KeyPrefix {
    KeyPrefix { $0.appendOrderedPrefix(prefix) }
  }

  /// The smallest byte string greater than every key with this prefix, or nil if there is none.
  var exclusiveUpperBound: [UInt8]? {
    var upper = bytes
    while let last = upper.last {
      if last == 0xFF {
        upper.removeLast()
      } else {
        upper[upper.count - 1] = last + 1
        return upper
      }
    }
    return nil
  }
}
