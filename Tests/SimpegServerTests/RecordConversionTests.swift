import Foundation
import SimpegAPI
import SwiftProtobuf
import Testing

@testable import SimpegServer

/// The conversions in `Sources/SimpegServer/Records/` copy every field of a stored record into
/// its answer: a record with every field set (built from the .proto files, so a field added
/// later is set too) converts into an API message with the same bytes. A field a conversion
/// forgets to copy fails here, not in a client that finds it empty.
@Suite struct RecordConversionTests {
  /// Each record's conversion: the API message's bytes for a record decoded from `bytes`, and
  /// the record's own bytes after decoding.
  typealias Conversion = @Sendable ([UInt8]) throws -> (answer: [UInt8], record: [UInt8])

  static func converting<Record: SwiftProtobuf.Message, Answer: SwiftProtobuf.Message>(
    _: Record.Type, _ convert: @escaping @Sendable (Record) -> Answer
  ) -> Conversion {
    { bytes in
      let record = try Record(serializedBytes: bytes)
      return (try convert(record).serializedBytes(), try record.serializedBytes())
    }
  }

  static let conversions: [String: Conversion] = [
    "UnitRecord": converting(Simpeg_Internal_V1_UnitRecord.self, Simpeg_V1_Unit.init),
    "PositionRecord": converting(Simpeg_Internal_V1_PositionRecord.self, Simpeg_V1_Position.init),
    "EmployeeRecord": converting(Simpeg_Internal_V1_EmployeeRecord.self, Simpeg_V1_Employee.init),
    "PlhRecord": converting(Simpeg_Internal_V1_PlhRecord.self, Simpeg_V1_Plh.init),
    "ActivityRecord": converting(Simpeg_Internal_V1_ActivityRecord.self, Simpeg_V1_Activity.init),
    "FeedbackRecord": converting(Simpeg_Internal_V1_FeedbackRecord.self, Simpeg_V1_Feedback.init),
    "DialogueRecord": converting(Simpeg_Internal_V1_DialogueRecord.self, Simpeg_V1_Dialogue.init),
    "FollowUpRecord": converting(Simpeg_Internal_V1_FollowUpRecord.self, Simpeg_V1_FollowUp.init),
    "EvaluationRecord": converting(Simpeg_Internal_V1_EvaluationRecord.self, Simpeg_V1_Evaluation.init),
    "OrganisationPredikatRecord": converting(
      Simpeg_Internal_V1_OrganisationPredikatRecord.self, Simpeg_V1_OrganisationPredikat.init),
    "KeberatanRecord": converting(Simpeg_Internal_V1_KeberatanRecord.self, Simpeg_V1_Keberatan.init),
    "PeriodKindRecord": converting(
      Simpeg_Internal_V1_PeriodKindRecord.self, Simpeg_V1_PeriodKindSetting.init),
    "PublicServiceRecord": converting(
      Simpeg_Internal_V1_PublicServiceRecord.self, Simpeg_V1_PublicService.init),
    "HolidayRecord": converting(Simpeg_Internal_V1_HolidayRecord.self, Simpeg_V1_Holiday.init),
    "ServiceRequestRecord": converting(
      Simpeg_Internal_V1_ServiceRequestRecord.self, Simpeg_V1_ServiceRequest.init),
    "CompetitionRecord": converting(Simpeg_Internal_V1_CompetitionRecord.self, Simpeg_V1_Competition.init),
    "InnovationRecord": converting(Simpeg_Internal_V1_InnovationRecord.self, Simpeg_V1_Innovation.init),
    "ScorecardRecord": converting(Simpeg_Internal_V1_ScorecardRecord.self, Simpeg_V1_Scorecard.init),
    "CompetitionResultsRecord": converting(
      Simpeg_Internal_V1_CompetitionResultsRecord.self, Simpeg_V1_CompetitionResults.init),
    "AuditTrailRecord": converting(Simpeg_Internal_V1_AuditTrailRecord.self, Simpeg_V1_AuditRecord.init),
  ]

  @Test func everyStoredRecordPairHasAConversionHere() {
    #expect(Set(StoredRecordTests.pairs.map(\.record)) == Set(Self.conversions.keys))
  }

  @Test(arguments: StoredRecordTests.pairs.map(\.record))
  func aRecordWithEveryFieldSetConvertsWithEveryFieldCopied(_ name: String) throws {
    let schema = try SchemaMessages(schema: StoredRecordTests.schema)
    let filled = try schema.filled("simpeg.internal.v1.\(name)")
    let convert = try #require(Self.conversions[name])
    let (answer, record) = try convert(filled)
    #expect(record.count > 0)
    let fields = SchemaMessages.topLevelFields
    let differing = Set(fields(record).keys).union(fields(answer).keys)
      .filter { fields(record)[$0] != fields(answer)[$0] }
    #expect(differing.isEmpty, "fields \(differing.sorted()) of \(name) are not copied into its answer")
  }

  @Test func theFilledRecordSetsEveryFieldOfTheProtoFile() throws {
    let schema = try SchemaMessages(schema: StoredRecordTests.schema)
    let record = try Simpeg_Internal_V1_EmployeeRecord(
      serializedBytes: try schema.filled("simpeg.internal.v1.EmployeeRecord"))
    #expect(record.unknownFields.data.isEmpty)
    #expect(!record.nip.isEmpty && record.positionID != 0 && record.active && record.hasGolongan)
    #expect(record.hasBirthDate && record.hasCreatedAt && record.createdAt.seconds != 0)
  }
}

/// The messages of the .proto files of a schema folder: their fields, and the protobuf binary of
/// each with every field set (one element for a repeated field, the last member for a oneof
/// once decoded; map fields are left empty).
struct SchemaMessages {
  struct Field {
    let name: String
    let type: String
    let number: Int
    let isMap: Bool
  }

  struct UnknownType: Error, CustomStringConvertible {
    let name: String
    var description: String { "no message or enum named \(name) in the schema" }
  }

  /// Fields by message full name; enum full names.
  private var messages: [String: [Field]] = [
    "google.protobuf.Timestamp": [
      Field(name: "seconds", type: "int64", number: 1, isMap: false),
      Field(name: "nanos", type: "int32", number: 2, isMap: false),
    ],
    "google.protobuf.Duration": [
      Field(name: "seconds", type: "int64", number: 1, isMap: false),
      Field(name: "nanos", type: "int32", number: 2, isMap: false),
    ],
  ]
  private var enums: Set<String> = []

  /// Reads every .proto file under `schema`.
  init(schema: URL) throws {
    let files = FileManager.default.enumerator(at: schema, includingPropertiesForKeys: nil)
    while let file = files?.nextObject() as? URL {
      guard file.pathExtension == "proto" else { continue }
      read(try String(contentsOf: file, encoding: .utf8))
    }
  }

  private mutating func read(_ text: String) {
    var package = ""
    var message: String?
    var depth = 0
    for rawLine in text.split(separator: "\n") {
      let line = (rawLine.split(separator: "//", omittingEmptySubsequences: false).first ?? "")
        .trimmingCharacters(in: .whitespaces)
      let words = line.replacingOccurrences(of: ";", with: "").split(separator: " ").map(String.init)
      if words.first == "package", words.count == 2 { package = words[1] }
      if depth == 0, words.count >= 2, words[0] == "message" { message = "\(package).\(words[1])" }
      if words.count >= 2, words[0] == "enum" {
        enums.insert("\(package).\(words[1])")
        if let message { enums.insert("\(message).\(words[1])") }
      }
      if let message, depth >= 1, let equals = words.firstIndex(of: "="), equals >= 2,
        let number = Int(words[equals + 1]), !line.hasPrefix("option"), !line.hasPrefix("reserved")
      {
        let isMap = words[0].hasPrefix("map<")
        messages[message, default: []].append(
          Field(
            name: words[equals - 1], type: isMap ? "map" : resolve(words[equals - 2], in: package),
            number: number, isMap: isMap))
      }
      depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
      if depth == 0 { message = nil }
    }
  }

  /// A type's full name as written in `package`: a scalar as it is.
  private func resolve(_ type: String, in package: String) -> String {
    if Self.scalars.contains(type) || type.contains(".") { return type }
    return "\(package).\(type)"
  }

  private static let scalars: Set<String> = [
    "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32",
    "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
  ]

  /// The fields of `message` (a full name), by name with their numbers.
  func fields(of message: String) throws -> [String: Int] {
    guard let fields = messages[message] else { throw UnknownType(name: message) }
    return Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.number) })
  }

  /// The binary encoding of `message` with every field set, nested messages filled to a depth.
  func filled(_ message: String, depth: Int = 0) throws -> [UInt8] {
    guard let fields = messages[message] else { throw UnknownType(name: message) }
    var bytes: [UInt8] = []
    for field in fields where !field.isMap {
      switch field.type {
      case "double":
        Self.tag(field.number, 1, into: &bytes)
        withUnsafeBytes(of: (1.5 as Double).bitPattern.littleEndian) { bytes += $0 }
      case "float":
        Self.tag(field.number, 5, into: &bytes)
        withUnsafeBytes(of: (1.5 as Float).bitPattern.littleEndian) { bytes += $0 }
      case "fixed64", "sfixed64":
        Self.tag(field.number, 1, into: &bytes)
        withUnsafeBytes(of: UInt64(7).littleEndian) { bytes += $0 }
      case "fixed32", "sfixed32":
        Self.tag(field.number, 5, into: &bytes)
        withUnsafeBytes(of: UInt32(7).littleEndian) { bytes += $0 }
      case "int32", "int64", "uint32", "uint64", "sint32", "sint64", "bool":
        Self.tag(field.number, 0, into: &bytes)
        bytes.append(field.type == "bool" ? 1 : 7)
      case "string", "bytes":
        let value = Array("x\(field.number)".utf8)
        Self.tag(field.number, 2, into: &bytes)
        Self.varint(UInt64(value.count), into: &bytes)
        bytes += value
      case let type where enums.contains(type):
        Self.tag(field.number, 0, into: &bytes)
        bytes.append(1)
      case let type:
        guard depth < 6 else { continue }
        let nested = try filled(type, depth: depth + 1)
        Self.tag(field.number, 2, into: &bytes)
        Self.varint(UInt64(nested.count), into: &bytes)
        bytes += nested
      }
    }
    return bytes
  }

  /// The encoded fields at the top level of `bytes` by number (a repeated field's elements
  /// together), each as its tag, length and value bytes.
  static func topLevelFields(_ bytes: [UInt8]) -> [Int: [UInt8]] {
    var fields: [Int: [UInt8]] = [:]
    var index = 0
    func varint() -> UInt64 {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
      }
      return value
    }
    while index < bytes.count {
      let start = index
      let tag = varint()
      switch tag & 7 {
      case 0: _ = varint()
      case 1: index += 8
      case 2: index += Int(varint())
      case 5: index += 4
      default: index = bytes.count
      }
      fields[Int(tag >> 3), default: []] += bytes[start..<min(index, bytes.count)]
    }
    return fields
  }

  private static func tag(_ number: Int, _ wireType: UInt64, into bytes: inout [UInt8]) {
    varint(UInt64(number) << 3 | wireType, into: &bytes)
  }

  private static func varint(_ value: UInt64, into bytes: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }
}
