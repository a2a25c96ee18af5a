import SwiftProtobuf

/// A record with its protobuf encoding, made once to be written to several tables of the same
/// value type (``Table/put(_:for:in:)-(SerializedRecord<Value>,_,_)``), for example a row and
/// the revision that keeps what it said.
public struct SerializedRecord<Value: Message> {
  /// The record.
  public let value: Value
  /// Its protobuf encoding, as ``Table`` would write it.
  let bytes: [UInt8]

  /// Encodes `value`.
  public init(_ value: Value) throws {
    self.value = value
    self.bytes = try value.serializedBytes()
  }
}
