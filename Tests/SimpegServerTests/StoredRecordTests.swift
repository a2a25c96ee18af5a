import Foundation
import SimpegAPI
import SimpegKinerja
import SwiftProtobuf
import Testing

@testable import SimpegServer

/// The records the store keeps (`Schema/simpeg/internal/v1`) beside the API messages they are
/// answered as: the same fields, so a row stored as the message reads as the record, and the
/// conversions that copy them into answers.
@Suite struct StoredRecordTests {
  /// Each API message with its record and the fields the record leaves out (filled on reads).
  static let pairs: [(message: String, record: String, leftOut: Set<String>)] = [
    ("Unit", "UnitRecord", []), ("Position", "PositionRecord", []), ("Employee", "EmployeeRecord", []),
    ("Plh", "PlhRecord", ["name"]), ("Activity", "ActivityRecord", []), ("Feedback", "FeedbackRecord", []),
    ("Dialogue", "DialogueRecord", []), ("FollowUp", "FollowUpRecord", []),
    ("Evaluation", "EvaluationRecord", []), ("OrganisationPredikat", "OrganisationPredikatRecord", []),
    ("Keberatan", "KeberatanRecord", []), ("PeriodKindSetting", "PeriodKindRecord", []),
    ("PublicService", "PublicServiceRecord", []), ("Holiday", "HolidayRecord", []),
    ("ServiceRequest", "ServiceRequestRecord", []), ("Competition", "CompetitionRecord", []),
    ("Innovation", "InnovationRecord", []), ("Scorecard", "ScorecardRecord", []),
    ("CompetitionResults", "CompetitionResultsRecord", []), ("AuditRecord", "AuditTrailRecord", []),
  ]

  static var schema: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Schema/simpeg")
  }

  /// The fields (name to number) of `message` in package `package` of the schema.
  static func fields(of message: String, in package: String) throws -> [String: Int] {
    try SchemaMessages(schema: schema).fields(of: "\(package).\(message)")
  }

  @Test(arguments: pairs.map { [$0.message, $0.record] + $0.leftOut.sorted() })
  func everyFieldOfTheMessageIsInItsRecordWithItsNumber(_ pair: [String]) throws {
    let message = try Self.fields(of: pair[0], in: "simpeg.v1")
    let record = try Self.fields(of: pair[1], in: "simpeg.internal.v1")
    let leftOut = Set(pair.dropFirst(2))
    #expect(!message.isEmpty)
    #expect(message.filter { !leftOut.contains($0.key) } == record)
  }

  @Test func anEmployeeStoredAsTheMessageReadsAsTheRecordAndAnswersTheSame() throws {
    var employee = Simpeg_V1_Employee()
    employee.id = 7
    employee.nip = "198506152010042002"
    employee.nipKind = .nipPns
    employee.name = "Siti Rahayu"
    employee.gelarDepan = "Dr."
    employee.gelarBelakang = "M.Si."
    employee.gender = .perempuan
    employee.birthDate = Simpeg_V1_Date(CalendarDateFixture.birth)
    employee.birthPlace = "Salatiga"
    employee.status = .pns
    employee.golongan.pns = .golonganIiid
    employee.positionID = 3
    employee.unitID = 2
    employee.email = "siti.rahayu@salatiga.go.id"
    employee.phone = "081234567890"
    employee.active = true
    employee.retiredOn = Simpeg_V1_Date(CalendarDateFixture.retired)
    employee.tmtCpns = Simpeg_V1_Date(CalendarDateFixture.tmt)
    employee.createdAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
    employee.updatedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_100)
    // A row stored as the message decodes as the record, every field in place, and writes the
    // same bytes back.
    let bytes: [UInt8] = try employee.serializedBytes()
    let record = try Simpeg_Internal_V1_EmployeeRecord(serializedBytes: bytes)
    #expect(record.unknownFields.data.isEmpty)
    #expect(try record.serializedBytes() == bytes)
    #expect(Simpeg_V1_Employee(record) == employee)
  }

  @Test func unsetMessageFieldsStayUnsetThroughAConversion() {
    let answer = Simpeg_V1_Employee(Simpeg_Internal_V1_EmployeeRecord())
    #expect(!answer.hasBirthDate && !answer.hasRetiredOn && !answer.hasTmtCpns && !answer.hasCreatedAt)
  }

  @Test func aKeberatanKeepsTheEvaluationAsFinalisedInsideIt() throws {
    var original = Simpeg_V1_Evaluation()
    original.id = 4
    original.hasilKerja = .diBawahEkspektasi
    original.predikat = .butuhPerbaikan
    original.finalisedAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
    var keberatan = Simpeg_V1_Keberatan()
    keberatan.id = 1
    keberatan.evaluationID = 4
    keberatan.reasons = "Capaian triwulan belum dihitung"
    keberatan.original = original
    keberatan.decidedPredikat = .baik
    let record = try Simpeg_Internal_V1_KeberatanRecord(
      serializedBytes: try keberatan.serializedBytes() as [UInt8])
    #expect(record.original.finalisedAt == original.finalisedAt)
    #expect(Simpeg_V1_Keberatan(record) == keberatan)
  }

  @Test func aPlhRecordLeavesOutTheNameThatReadsFillIn() throws {
    var plh = Simpeg_V1_Plh()
    plh.id = 1
    plh.positionID = 3
    plh.employeeID = 5
    plh.reason = "Surat Perintah 800/12"
    plh.name = "Ni Luh Putu Dé"
    // A name stored by schema version 1 reads as an unknown field, which the migration drops.
    var record = try Simpeg_Internal_V1_PlhRecord(serializedBytes: try plh.serializedBytes() as [UInt8])
    #expect(!record.unknownFields.data.isEmpty)
    record.unknownFields = UnknownStorage()
    var unnamed = plh
    unnamed.name = ""
    #expect(Simpeg_V1_Plh(record) == unnamed)
  }
}

/// Days for the conversion tests.
enum CalendarDateFixture {
  static let birth = CalendarDate(year: 1985, month: 6, day: 15)!
  static let retired = CalendarDate(year: 2043, month: 7, day: 1)!
  static let tmt = CalendarDate(year: 2010, month: 4, day: 1)!
}
