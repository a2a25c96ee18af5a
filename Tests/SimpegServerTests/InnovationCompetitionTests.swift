import Foundation
import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

/// An innovation competition from creation to published ranking, and what is refused on the way.
@Suite struct InnovationCompetitionTests {
  typealias World = PublicServiceWorld

  /// Kebaruan 40, Kemanfaatan 35, Keberlanjutan 25; scores 1-100; one category.
  static func creation(judges: [UInt64], weights: [UInt32] = [40, 35, 25])
    -> Simpeg_V1_CreateCompetitionRequest
  {
    var request = Simpeg_V1_CreateCompetitionRequest()
    request.year = 2025
    request.name = "Lomba Inovasi Pelayanan Publik 2025"
    request.categories = ["Pelayanan Publik"]
    request.criteria = zip(["Kebaruan", "Kemanfaatan", "Keberlanjutan"], weights).map { name, weight in
      Simpeg_V1_CriterionSpec.with {
        $0.name = name
        $0.weight = weight
      }
    }
    request.judges = judges.map { id in Simpeg_V1_JudgeSpec.with { $0.employeeID = id } }
    return request
  }

  /// The people of the scenario and their clients.
  struct Cast {
    var admin: Simpeg_V1_InnovationService.Client
    var people: [UInt64: Simpeg_V1_InnovationService.Client]

    init(world: World) async throws {
      admin = try world.innovation(try await world.token(username: "bkpsdm", roles: [.admin]))
      people = [:]
      for id in [
        World.kepalaDukcapil, World.clerkPelayanan, World.officerDPMPTSP, World.staffKecamatan,
        World.clerkKelurahan,
      ] {
        people[id] = try world.innovation(try await world.token(username: "nip-\(id)", employeeID: id))
      }
    }
  }

  private func submit(
    _ cast: Cast, competition: UInt64, by author: UInt64, title: String
  ) async throws -> Simpeg_V1_Innovation {
    var request = Simpeg_V1_SubmitInnovationRequest()
    request.competitionID = competition
    request.categoryID = 1
    request.title = title
    request.description_p = "Inovasi \(title)"
    request.authorEmployeeIds = [author]
    return try await cast.people[author]!.submitInnovation(request)
  }

  private func score(
    _ cast: Cast, judge: UInt64, competition: UInt64, innovation: UInt64, _ scores: [UInt32]
  ) async throws -> Simpeg_V1_Scorecard {
    var request = Simpeg_V1_ScoreInnovationRequest()
    request.competitionID = competition
    request.innovationID = innovation
    request.scores = scores.enumerated().map { offset, value in
      Simpeg_V1_CriterionScore.with {
        $0.criterionID = UInt32(offset + 1)
        $0.score = value
      }
    }
    return try await cast.people[judge]!.scoreInnovation(request)
  }

  /// Creates the competition with judges from the kecamatan and DPMPTSP, three innovations (from
  /// Disdukcapil, its Bidang Pelayanan and the kelurahan), and starts judging.
  private func prepare(_ world: World) async throws -> (Cast, Simpeg_V1_Competition, [Simpeg_V1_Innovation]) {
    let cast = try await Cast(world: world)
    let competition = try await cast.admin.createCompetition(
      Self.creation(judges: [World.staffKecamatan, World.officerDPMPTSP]))
    let innovations = [
      try await submit(
        cast, competition: competition.id, by: World.kepalaDukcapil, title: "Dukcapil Jemput Bola"),
      try await submit(cast, competition: competition.id, by: World.clerkPelayanan, title: "KK Sehari Jadi"),
      try await submit(
        cast, competition: competition.id, by: World.clerkKelurahan, title: "Surat Pengantar Daring"),
    ]
    var start = Simpeg_V1_StartJudgingRequest()
    start.competitionID = competition.id
    return (cast, try await cast.admin.startJudging(start), innovations)
  }

  /// Scores that tie the first two innovations at 65.75 and put the third at 63.50.
  private func scoreAll(_ cast: Cast, _ competition: UInt64, _ innovations: [Simpeg_V1_Innovation])
    async throws
  {
    // Kecamatan judge: A = (80x40 + 70x35 + 60x25) / 100 = 71.5; B = (70x40 + 80x35 + 62x25) / 100 = 71.5.
    _ = try await score(
      cast, judge: World.staffKecamatan, competition: competition, innovation: innovations[0].id,
      [80, 70, 60])
    _ = try await score(
      cast, judge: World.staffKecamatan, competition: competition, innovation: innovations[1].id,
      [70, 80, 62])
    // DPMPTSP judge: A = B = 60; C = (90x40 + 50x35 + 40x25) / 100 = 63.5.
    _ = try await score(
      cast, judge: World.officerDPMPTSP, competition: competition, innovation: innovations[0].id,
      [60, 60, 60])
    _ = try await score(
      cast, judge: World.officerDPMPTSP, competition: competition, innovation: innovations[1].id,
      [60, 60, 60])
    _ = try await score(
      cast, judge: World.officerDPMPTSP, competition: competition, innovation: innovations[2].id,
      [90, 50, 40])
  }

  private func publish(_ cast: Cast, _ competition: UInt64) async throws -> Simpeg_V1_CompetitionResults {
    var request = Simpeg_V1_PublishResultsRequest()
    request.competitionID = competition
    return try await cast.admin.publishResults(request)
  }

  @Test func aCompetitionGoesFromCreationToAPublishedRankingThatBreaksATie() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      #expect(competition.state == .judging)
      #expect(competition.criteria.map(\.weight) == [40, 35, 25])
      try await scoreAll(cast, competition.id, innovations)
      let results = try await publish(cast, competition.id)
      #expect(results.published)
      let ranked = try #require(results.categories.first).ranked
      // A and B both score (71.5 + 60) / 2 = 65.75 and share rank 1; A comes first on Kebaruan,
      // the heaviest criterion (mean 70 against 65). C has one judge's 63.5.
      #expect(ranked.map(\.innovationID) == innovations.map(\.id))
      #expect(ranked.map(\.rank) == [1, 1, 3])
      #expect(ranked.map(\.position) == [1, 2, 3])
      #expect(ranked.map(\.scoreHundredths) == [6575, 6575, 6350])
      #expect(ranked.map(\.judgeCount) == [2, 2, 1])
      #expect(ranked[0].tieBrokenBy == .unspecified)
      #expect(ranked[1].tieBrokenBy == .criterion)
      #expect(ranked[1].tieCriterionID == 1)
      #expect(ranked[1].tieExplanation == "higher mean score on criterion Kebaruan")

      var get = Simpeg_V1_GetResultsRequest()
      get.competitionID = competition.id
      #expect(try await cast.people[World.clerkKelurahan]!.getResults(get) == results)
    }
  }

  @Test func aPublishedInnovationAppearsInItsAuthorsRecordWithTheirServiceFigures() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      try await scoreAll(cast, competition.id, innovations)
      _ = try await publish(cast, competition.id)
      var request = Simpeg_V1_GetEmployeeInnovationsRequest()
      request.employeeID = World.clerkPelayanan
      request.year = 2025
      let record = try await cast.people[World.clerkPelayanan]!.getEmployeeInnovations(request)
      #expect(record.innovations.map(\.innovation.id) == [innovations[1].id])
      #expect(record.innovations[0].result.position == 2)
      #expect(record.innovations[0].competitionName == "Lomba Inovasi Pelayanan Publik 2025")
      #expect(record.service.employeeID == World.clerkPelayanan)
      let other = await rpcError {
        var colleague = request
        colleague.employeeID = World.kepalaDukcapil
        _ = try await cast.people[World.clerkPelayanan]!.getEmployeeInnovations(colleague)
      }
      #expect(other?.code == .permissionDenied)
    }
  }

  @Test func anUnpublishedInnovationIsNotYetInItsAuthorsRecord() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      try await scoreAll(cast, competition.id, innovations)
      var request = Simpeg_V1_GetEmployeeInnovationsRequest()
      request.employeeID = World.kepalaDukcapil
      #expect(try await cast.admin.getEmployeeInnovations(request).innovations.isEmpty)
    }
  }

  @Test func criteriaWeightsThatDoNotAddUpTo100AreRefused() async throws {
    try await World.run { world in
      let cast = try await Cast(world: world)
      let before = try world.snapshot()
      let error = await rpcError {
        _ = try await cast.admin.createCompetition(
          Self.creation(judges: [World.staffKecamatan], weights: [40, 35, 20]))
      }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.contains("the criteria weights add up to 95; they must add up to 100") == true)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func aScoreOutsideTheRangeIsRefusedAndNothingIsStored() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      let before = try world.snapshot()
      let error = await rpcError {
        _ = try await score(
          cast, judge: World.officerDPMPTSP, competition: competition.id, innovation: innovations[0].id,
          [80, 101, 60])
      }
      #expect(error?.code == .invalidArgument)
      #expect(error?.message.contains("score 101 for criterion 2 is outside 1-100") == true)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func aJudgeCannotScoreAnInnovationFromAUnitBelowTheirOwn() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      let before = try world.snapshot()
      // The judge works at the Kecamatan; the innovation comes from a Kelurahan under it.
      let error = await rpcError {
        _ = try await score(
          cast, judge: World.staffKecamatan, competition: competition.id, innovation: innovations[2].id,
          [90, 90, 90])
      }
      #expect(error?.code == .permissionDenied)
      #expect(error?.message.contains("a judge cannot score an innovation from their own unit") == true)
      #expect(try world.snapshot() == before)
    }
  }

  @Test func aJudgeCannotScoreAnInnovationFromTheUnitAboveTheirOwn() async throws {
    try await World.run { world in
      let cast = try await Cast(world: world)
      let competition = try await cast.admin.createCompetition(Self.creation(judges: [World.clerkPelayanan]))
      let innovation = try await submit(
        cast, competition: competition.id, by: World.kepalaDukcapil, title: "Dukcapil Jemput Bola")
      var start = Simpeg_V1_StartJudgingRequest()
      start.competitionID = competition.id
      _ = try await cast.admin.startJudging(start)
      // The judge works in the Bidang Pelayanan; the innovation comes from its Dinas.
      let error = await rpcError {
        _ = try await score(
          cast, judge: World.clerkPelayanan, competition: competition.id, innovation: innovation.id,
          [70, 70, 70])
      }
      #expect(error?.code == .permissionDenied)
      #expect(error?.message.contains("Dinas Kependudukan dan Pencatatan Sipil") == true)
    }
  }

  @Test func onlyTheCompetitionsJudgesScore() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      let error = await rpcError {
        _ = try await score(
          cast, judge: World.clerkKelurahan, competition: competition.id, innovation: innovations[0].id,
          [70, 70, 70])
      }
      #expect(error?.code == .permissionDenied)
      #expect(try world.snapshot().scorecards.isEmpty)
    }
  }

  @Test func publishedResultsAreImmutable() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      try await scoreAll(cast, competition.id, innovations)
      _ = try await publish(cast, competition.id)
      let before = try world.snapshot()
      let rescore = await rpcError {
        _ = try await score(
          cast, judge: World.officerDPMPTSP, competition: competition.id, innovation: innovations[2].id,
          [99, 99, 99])
      }
      let rename = await rpcError {
        var update = Simpeg_V1_UpdateCompetitionRequest()
        update.competitionID = competition.id
        update.name = "Lomba Inovasi (ralat)"
        _ = try await cast.admin.updateCompetition(update)
      }
      let republish = await rpcError { _ = try await publish(cast, competition.id) }
      for error in [rescore, rename, republish] {
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("published results are immutable") == true)
      }
      #expect(try world.snapshot() == before)
    }
  }

  @Test func theProvisionalRankingIsForAdminAndAuditorOnly() async throws {
    try await World.run { world in
      let (cast, competition, innovations) = try await prepare(world)
      try await scoreAll(cast, competition.id, innovations)
      var get = Simpeg_V1_GetResultsRequest()
      get.competitionID = competition.id
      let error = await rpcError { _ = try await cast.people[World.kepalaDukcapil]!.getResults(get) }
      #expect(error?.code == .permissionDenied)
      let provisional = try await cast.admin.getResults(get)
      #expect(!provisional.published)
      #expect(provisional.categories[0].ranked.count == 3)
    }
  }

  @Test func onlyAnAuthorSubmitsAnInnovation() async throws {
    try await World.run { world in
      let cast = try await Cast(world: world)
      let competition = try await cast.admin.createCompetition(Self.creation(judges: [World.staffKecamatan]))
      var request = Simpeg_V1_SubmitInnovationRequest()
      request.competitionID = competition.id
      request.categoryID = 1
      request.title = "Bukan milik saya"
      request.description_p = "Inovasi rekan"
      request.authorEmployeeIds = [World.kepalaDukcapil]
      let error = await rpcError {
        _ = try await cast.people[World.clerkPelayanan]!.submitInnovation(request)
      }
      #expect(error?.code == .permissionDenied)
    }
  }
}
