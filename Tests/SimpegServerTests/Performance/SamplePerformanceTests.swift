import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore
import SwiftProtobuf
import Testing

@testable import SimpegServer

@Suite("The sample's performance cycle")
struct SamplePerformanceTests {
  static let seed: UInt64 = 7
  static let year: Int32 = 2025

  @Test(arguments: Array(0...60))
  func theSamplesBaikDistributionConformsToTheCurveForEveryUnitSize(size: Int) {
    let predikats = SamplePerformance.baikDistribution(size: size)
    #expect(predikats.count == size)
    #expect(DistributionCurve.check(PredikatCounts(predikats), organisasi: .baik).conforms)
  }

  @Test(arguments: Predikat.allCases)
  func theSamplesRatingsGiveThePredikatTheyAreChosenFor(predikat: Predikat) {
    for variant in 0..<3 {
      let (hasilKerja, perilaku) = SamplePerformance.ratings(for: predikat, variant: variant)
      #expect(Predikat(hasilKerja: hasilKerja, perilaku: perilaku) == predikat)
    }
  }

  @Test func everySampleSKPCascadesFromItsEvaluatorsSKPUpToTheWaliKota() async throws {
    try await withTestDaemon(sampleSeed: Self.seed) { test in
      try test.daemon.store.read { transaction in
        let records = try Tables.skps.scan(in: transaction).map(\.value)
        var byOwner: [String: Simpeg_V1_SKP] = [:]
        for record in records {
          let skp = try #require(record.inForce)
          byOwner[skp.employeeID != 0 ? "e\(skp.employeeID)" : "p\(skp.positionID)"] = skp
        }
        let tops = records.filter { !$0.latest.hasEvaluator }
        #expect(tops.count == 1)
        #expect(tops.first?.latest.employeeID == 0)
        #expect(records.count > 3_000)
        for record in records where record.latest.hasEvaluator {
          let skp = record.latest
          let evaluator = skp.evaluator
          let key = evaluator.official ? "p\(evaluator.positionID)" : "e\(evaluator.employeeID)"
          let parents = Set(try #require(byOwner[key]).content.rhks.map(\.id))
          for rhk in skp.content.rhks where rhk.kind == .utama {
            #expect(parents.contains(rhk.parentRhkID), "SKP \(skp.id) RHK \(rhk.id)")
          }
        }
      }
    }
  }

  @Test func theSampleShowcaseHasAFinishedQuarterThatConformsToItsCurve() async throws {
    try await withTestDaemon(sampleSeed: Self.seed) { test in
      let showcase = try showcaseUnit(test)
      let auditor = try await Performer.user(test, roles: [.auditor])
      var period = Simpeg_V1_EvaluationPeriod()
      period.year = Self.year
      period.kind = .triwulan
      period.number = 1
      var check = Simpeg_V1_CheckDistributionRequest()
      check.unitID = showcase
      check.period = period
      let result = try await auditor.evaluation.checkDistribution(check)
      #expect(result.finalised)
      #expect(result.report.conforms)
      #expect(result.unratedEmployeeIds.isEmpty)
      #expect(result.rated > 10)
      var report = Simpeg_V1_GetUnitReportRequest()
      report.unitID = showcase
      report.period = period
      let unit = try await auditor.evaluation.getUnitReport(report)
      #expect(unit.activities.approved > 0)
      #expect(unit.activities.rejected > 0)
      #expect(unit.activities.pending > 0)
      #expect(unit.skpProgress.approved == unit.skpProgress.people)
    }
  }

  @Test func theSampleShowcasesDialoguesCarryAFollowUpOver() async throws {
    try await withTestDaemon(sampleSeed: Self.seed) { test in
      let showcase = try showcaseUnit(test)
      let auditor = try await Performer.user(test, roles: [.auditor])
      var list = Simpeg_V1_ListDialoguesRequest()
      list.unitID = showcase
      let dialogues = try await auditor.feedback.listDialogues(list).dialogues
      #expect(dialogues.count == 2)
      var get = Simpeg_V1_GetDialogueRequest()
      get.dialogueID = try #require(dialogues.last).id
      let second = try await auditor.feedback.getDialogue(get)
      #expect(second.closed.count == 1)
      #expect(second.carriedOver.count == 2)
      #expect(second.carriedOver.allSatisfy { $0.status == .open })
    }
  }

  @Test func theEmployeeReportOfTheSampleAppliesThePromotionRule() async throws {
    try await withTestDaemon(sampleSeed: Self.seed) { test in
      let auditor = try await Performer.user(test, roles: [.auditor])
      let annual = try test.daemon.store.read { transaction in
        try Tables.evaluations.scan(in: transaction).map(\.value).filter { $0.period.kind == .tahunan }
      }
      var byEmployee: [UInt64: [Int32: Simpeg_V1_Predikat]] = [:]
      for evaluation in annual {
        byEmployee[evaluation.employeeID, default: [:]][evaluation.period.year] = evaluation.predikat
      }
      let good = { (predikat: Simpeg_V1_Predikat?) in predikat == .baik || predikat == .sangatBaik }
      let meets = try #require(byEmployee.first { good($0.value[2023]) && good($0.value[2024]) }?.key)
      let fails = try #require(byEmployee.first { !good($0.value[2024]) }?.key)
      var request = Simpeg_V1_GetEmployeeReportRequest()
      request.employeeID = meets
      let report = try await auditor.evaluation.getEmployeeReport(request)
      #expect(report.meetsPromotionRule, "\(report.promotionExplanation)")
      #expect(report.years.map(\.year) == [2023, 2024, 2025])
      request.employeeID = fails
      #expect(try await !auditor.evaluation.getEmployeeReport(request).meetsPromotionRule)
    }
  }

  @Test func theSamplesPerformanceCycleIsTheSameForTheSameSeed() async throws {
    func contents(_ seed: UInt64) async throws -> [String] {
      try await withTestDaemon(sampleSeed: seed) { test in
        try test.daemon.store.read { transaction in
          var options = BinaryEncodingOptions()
          options.useDeterministicOrdering = true
          func rows<Key, Value>(_ table: Table<Key, Value>) throws -> [String] {
            try table.scan(in: transaction).map { try $0.value.serializedBytes(options: options) as [UInt8] }
              .map { "\(table.name):\(Data($0).base64EncodedString())" }
          }
          return try rows(Tables.skps) + rows(Tables.activities) + rows(Tables.evaluations)
            + rows(Tables.feedback) + rows(Tables.dialogues) + rows(Tables.followUps)
            + rows(Tables.organisationPredikat)
        }
      }
    }
    let first = try await contents(Self.seed)
    let second = try await contents(Self.seed)
    #expect(first.count > 1_000)
    #expect(first == second)
  }

  private func showcaseUnit(_ test: TestDaemon) throws -> UInt64 {
    try test.daemon.store.read { transaction in
      try #require(
        try Tables.units.scan(in: transaction).first { $0.value.name == SamplePerformance.showcaseUnitName }?
          .key)
    }
  }
}
