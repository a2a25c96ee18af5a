import Foundation
import SimpegAPI
import SwiftProtobuf
import Testing

/// A store made by simpegd at schema version 1, when most tables stored the `simpeg.v1` messages
/// themselves (see Fixtures/schema-1/README.md), restored and served by this one: it migrates to
/// records of its own and every record reads back as the old binary answered it.
@Suite struct SchemaOneStoreTests {
  static var fixtures: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema-1")
  }

  /// The year of the fixture's performance cycle.
  static let year: Int32 = 2026
  /// How many audit records the old binary had written when its answers were recorded.
  static let auditRecords = 53

  /// What the old binary answered, by name ("unit-2", "audit", ...), each as its JSON.
  struct Answers {
    let json: [String: String]

    init() throws {
      let data = try Data(contentsOf: SchemaOneStoreTests.fixtures.appendingPathComponent("answers.json"))
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      json = try object.mapValues {
        String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self)
      }
    }

    /// The recorded answer `name`, decoded as `type`.
    func callAnswered<M: SwiftProtobuf.Message>(_ name: String, as type: M.Type) throws -> M {
      try M(jsonString: try #require(json[name], "answers.json has no \(name)"))
    }
  }

  @Test func aSchema1StoreRestoresMigratesAndAnswersAsTheOldBinaryDid() async throws {
    let cli = try AdminCLI()
    defer { cli.removeFolder() }
    let folder = try SimpegdProcess.makeFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let copy = cli.folder.appendingPathComponent("schema-1.mdb").path
    let fixture = Self.fixtures.appendingPathComponent("backup.mdb").path
    try FileManager.default.copyItem(atPath: fixture, toPath: copy)
    try FileManager.default.copyItem(atPath: fixture + ".manifest.json", toPath: copy + ".manifest.json")
    let data = folder.appendingPathComponent("simpeg-data").path
    let restored = try await cli.run(["restore", copy, "--data", data])
    #expect(restored.status == 0, "\(restored)")
    let daemon = try await SimpegdProcess.start(in: folder, metrics: false)
    #expect(daemon.log.contains("records apart from the API"))
    let answers = try Answers()
    let admin = try await daemon.caller("operator1", "Operator-Rahasia-2026!")

    for id in UInt64(1)...3 {
      var request = Simpeg_V1_GetUnitRequest()
      request.unitID = id
      #expect(
        try await admin.org.getUnit(request) == answers.callAnswered("unit-\(id)", as: Simpeg_V1_Unit.self))
    }
    for id in UInt64(1)...4 {
      var request = Simpeg_V1_GetPositionRequest()
      request.positionID = id
      #expect(
        try await admin.org.getPosition(request)
          == answers.callAnswered("position-\(id)", as: Simpeg_V1_Position.self))
    }
    for id in UInt64(1)...3 {
      var request = Simpeg_V1_GetEmployeeRequest()
      request.id = id
      #expect(
        try await admin.employees.getEmployee(request)
          == answers.callAnswered("employee-\(id)", as: Simpeg_V1_Employee.self))
    }
    for id in UInt64(1)...4 {
      var request = Simpeg_V1_GetSKPRequest()
      request.skpID = id
      #expect(
        try await admin.plan.getSKP(request) == answers.callAnswered("skp-\(id)", as: Simpeg_V1_SKP.self))
    }
    for id in UInt64(1)...2 {
      var request = Simpeg_V1_GetActivityRequest()
      request.activityID = id
      #expect(
        try await admin.activities.getActivity(request)
          == answers.callAnswered("activity-\(id)", as: Simpeg_V1_Activity.self))
    }
    var revisions = Simpeg_V1_ListActivityRevisionsRequest()
    revisions.activityID = 1
    #expect(
      try await admin.activities.listActivityRevisions(revisions)
        == answers.callAnswered("activity-revisions-1", as: Simpeg_V1_ListActivityRevisionsResponse.self))
    var evaluation = Simpeg_V1_GetEvaluationRequest()
    evaluation.evaluationID = 1
    #expect(
      try await admin.evaluation.getEvaluation(evaluation)
        == answers.callAnswered("evaluation-1", as: Simpeg_V1_Evaluation.self))
    var plh = Simpeg_V1_ListPlhRequest()
    plh.positionID = 3
    plh.includePast = true
    #expect(
      try await admin.org.listPlh(plh) == answers.callAnswered("plh-3", as: Simpeg_V1_ListPlhResponse.self))

    let feedbackService = Simpeg_V1_FeedbackService.Client(wrapping: admin.client)
    var dialogue = Simpeg_V1_GetDialogueRequest()
    dialogue.dialogueID = 1
    #expect(
      try await feedbackService.getDialogue(dialogue)
        == answers.callAnswered("dialogue-1", as: Simpeg_V1_Dialogue.self))
    // Feedback was read by the employee's evaluator, who reads it again.
    let evaluator = try await daemon.caller("198506152010042002", "Pegawai-2002-Rahasia!")
    var feedback = Simpeg_V1_ListFeedbackRequest()
    feedback.employeeID = 3
    feedback.year = Self.year
    #expect(
      try await Simpeg_V1_FeedbackService.Client(wrapping: evaluator.client).listFeedback(feedback)
        == answers.callAnswered("feedback-3", as: Simpeg_V1_ListFeedbackResponse.self))

    let publicServices = Simpeg_V1_PublicServiceService.Client(wrapping: admin.client)
    var service = Simpeg_V1_GetPublicServiceRequest()
    service.serviceID = 1
    #expect(
      try await publicServices.getPublicService(service)
        == answers.callAnswered("public-service-1", as: Simpeg_V1_PublicService.self))
    var holidays = Simpeg_V1_ListHolidaysRequest()
    holidays.year = Self.year
    #expect(
      try await publicServices.listHolidays(holidays)
        == answers.callAnswered("holidays-2026", as: Simpeg_V1_ListHolidaysResponse.self))

    // The trail the old binary wrote reads back record for record (the logins since come after
    // it), and its chain still verifies.
    var audit = Simpeg_V1_ReadAuditRequest()
    audit.limit = UInt32(Self.auditRecords)
    let trail = try await admin.admin.readAudit(audit)
    let recorded = try answers.callAnswered("audit", as: Simpeg_V1_ReadAuditResponse.self).records
    #expect(recorded.count == Self.auditRecords)
    #expect(trail.records == recorded)
    let verification = try await admin.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
    #expect(verification.intact)
    #expect(verification.recordsChecked > UInt64(Self.auditRecords))

    await daemon.stop()
    let check = try await cli.run(["check", "--data", data])
    #expect(check.status == 0, "\(check)")
  }
}
