import Foundation
import SimpegAPI
import SwiftProtobuf

/// JSON for scripts: messages in protobuf's JSON mapping (lowerCamelCase names, enums by name,
/// 64-bit integers as strings, default values left out), documents pretty-printed with sorted
/// keys, stream elements one compact line each.
public enum JSONOutput {
  /// A value to print: a message, or objects and arrays of them and of plain values.
  public indirect enum Value: Sendable {
    /// A protobuf message in its JSON mapping.
    case message(any SwiftProtobuf.Message)
    /// An object with keys in any order (printed sorted).
    case object([String: Value])
    /// An array.
    case array([Value])
    /// A string.
    case string(String)
    /// A whole number.
    case integer(Int64)
    /// A number.
    case number(Double)
    /// A truth value.
    case bool(Bool)
    /// `null`.
    case null
    /// A JSON document already encoded (e.g. a Codable value's).
    case json(Data)
  }

  /// `value` as a pretty-printed JSON document (no trailing newline).
  public static func document(_ value: Value) throws -> String {
    try serialize(value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }

  /// `value` as one compact line (no trailing newline).
  public static func line(_ value: Value) throws -> String {
    try serialize(value, options: [.sortedKeys, .withoutEscapingSlashes])
  }

  private static func serialize(_ value: Value, options: JSONSerialization.WritingOptions) throws -> String {
    let object = try foundationObject(value)
    if JSONSerialization.isValidJSONObject(object) {
      let data = try JSONSerialization.data(withJSONObject: object, options: options)
      return String(decoding: data, as: UTF8.self)
    }
    // A fragment (a string or a number on its own).
    let data = try JSONSerialization.data(withJSONObject: [object], options: options)
    let text = String(decoding: data, as: UTF8.self)
    return String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func foundationObject(_ value: Value) throws -> Any {
    switch value {
    case .message(let message):
      let data: Data = try message.jsonUTF8Data()
      return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    case .object(let members): return try members.mapValues(foundationObject)
    case .array(let elements): return try elements.map(foundationObject)
    case .string(let text): return text
    case .integer(let number): return NSNumber(value: number)
    case .number(let number): return NSNumber(value: number)
    case .bool(let flag): return NSNumber(value: flag)
    case .null: return NSNull()
    case .json(let data): return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
  }
}
