import Foundation
import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

/// Satisfaction surveys (SKM): the index and grade of a unit's period, from its responses.
@Suite struct SKMSurveyTests {
  typealias World = PublicServiceWorld

  static let annual2025 = Simpeg_V1_SKMPeriod.with {
    $0.year = 2025
    $0.kind = .annual
    $0.number = 1
  }

  private func record(
    _ client: Simpeg_V1_PublicServiceService.Client, _ responses: [[UInt32]]
  ) async throws -> Simpeg_V1_SKMResult {
    var request = Simpeg_V1_RecordSKMResponsesRequest()
    request.unitID = World.disdukcapil
    request.period = Self.annual2025
    request.responses = responses.map { scores in Simpeg_V1_SKMResponse.with { $0.scores = scores } }
    return try await client.recordSKMResponses(request)
  }

  @Test func theIndexIsTheMeanElementScoreTimes25AndMapsToItsGrade() async throws {
    try await World.run { world in
      let app = try await world.counterApp()
      let responses: [[UInt32]] = [
        [4, 4, 4, 4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3, 3, 3, 3], [4, 3, 4, 3, 4, 3, 4, 3, 2],
      ]
      let result = try await record(app, responses)
      // 93 points over 3 respondents and 9 elements: 93 / 27 x 25 = 86.11, grade B (76.61-88.30).
      let total = responses.joined().reduce(0, +)
      let expected = UInt32((Double(total) / 27 * 25 * 100).rounded(.toNearestOrAwayFromZero))
      #expect(result.respondents == 3)
      #expect(result.indexHundredths == expected)
      #expect(result.indexHundredths == 8611)
      #expect(result.grade == .b)
      #expect(result.gradeMeaning == "Baik")
      #expect(result.elementMeanHundredths.first == 367)
      #expect(result.elementMeanHundredths.last == 300)
    }
  }

  @Test func laterResponsesAddToTheSamePeriod() async throws {
    try await World.run { world in
      let app = try await world.counterApp()
      _ = try await record(app, [[4, 4, 4, 4, 4, 4, 4, 4, 4]])
      let result = try await record(app, [[2, 2, 2, 2, 2, 2, 2, 2, 2]])
      #expect(result.respondents == 2)
      #expect(result.indexHundredths == 7500)
      #expect(result.grade == .c)
      var list = Simpeg_V1_ListSKMResultsRequest()
      list.unitID = World.disdukcapil
      list.year = 2025
      #expect(try await app.listSKMResults(list).results == [result])
    }
  }

  @Test func aScoreOutsideOneToFourIsRefusedAndNothingIsRecorded() async throws {
    try await World.run { world in
      let app = try await world.counterApp()
      let before = try world.snapshot()
      let error = await rpcError {
        _ = try await record(app, [[4, 4, 4, 4, 4, 4, 4, 4, 4], [4, 4, 5, 4, 4, 4, 4, 4, 4]])
      }
      #expect(error?.code == .invalidArgument)
      #expect(
        error?.message.contains("response #1: the score 5 for Waktu Penyelesaian is not 1 to 4") == true)
      #expect(try world.snapshot() == before)
    }
  }
}
