import SimpegAPI
import Testing

@testable import SimpegServer

/// The pejabat penilai and atasan of a position, vacancies and Plt falling through.
@Suite struct EvaluatorChainTests {
  private func chain(of position: UInt64, as caller: Caller) async throws
    -> Simpeg_V1_GetEvaluatorChainResponse
  {
    var request = Simpeg_V1_GetEvaluatorChainRequest()
    request.positionID = position
    return try await caller.org.getEvaluatorChain(request)
  }

  private func vacate(_ position: UInt64, as admin: Caller) async throws {
    var request = Simpeg_V1_VacatePositionRequest()
    request.positionID = position
    _ = try await admin.org.vacatePosition(request)
  }

  @Test func holderOfTheSupervisingPositionEvaluatesAndTheirSupervisorIsAtasan() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let chain = try await chain(of: city.staf, as: admin)
      #expect(chain.evaluator.positionID == city.kasi)
      #expect(chain.evaluator.employeeID == city.holder(of: city.kasi))
      #expect(chain.evaluator.basis == .holder)
      #expect(chain.atasan.positionID == city.kabid)
      #expect(chain.atasan.employeeID == city.holder(of: city.kabid))
      #expect(chain.steps.map(\.positionID) == [city.kasi, city.kabid])
    }
  }

  @Test func vacantSupervisingPositionFallsThroughToTheNextOneUp() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      try await vacate(city.kasi, as: admin)
      let chain = try await chain(of: city.staf, as: admin)
      #expect(chain.steps.map(\.basis) == [.vacantSkipped, .holder, .holder])
      #expect(chain.steps.first?.employeeID == 0)
      #expect(chain.evaluator.positionID == city.kabid)
      #expect(chain.evaluator.employeeID == city.holder(of: city.kabid))
      #expect(chain.atasan.employeeID == city.holder(of: city.kadis))
    }
  }

  @Test func pltOfAVacantSupervisingPositionEvaluates() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      try await vacate(city.kasi, as: admin)
      let plt = city.holder(of: city.stafDinkes)
      _ = try await admin.org.assignHolder(Requests.assign(position: city.kasi, employee: plt, acting: true))
      let chain = try await chain(of: city.staf, as: admin)
      #expect(chain.evaluator.positionID == city.kasi)
      #expect(chain.evaluator.employeeID == plt)
      #expect(chain.evaluator.basis == .acting)
      #expect(chain.atasan.employeeID == city.holder(of: city.kabid))
    }
  }

  @Test func evaluatedPersonActingAsTheirOwnSupervisorIsPassedOver() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      try await vacate(city.kasi, as: admin)
      _ = try await admin.org.assignHolder(
        Requests.assign(position: city.kasi, employee: city.holder(of: city.staf), acting: true))
      let chain = try await chain(of: city.staf, as: admin)
      #expect(chain.steps.first?.basis == .selfSkipped)
      #expect(chain.steps.first?.employeeID == 0)
      #expect(chain.evaluator.employeeID == city.holder(of: city.kabid))
    }
  }

  @Test func topPositionHasNoEvaluator() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let chain = try await chain(of: city.sekda, as: admin)
      #expect(!chain.hasEvaluator && !chain.hasAtasan && chain.steps.isEmpty)
    }
  }

  @Test func electedWaliKotaEvaluatesTheSekdaAsHolder() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      let (sekda, waliKota) = try test.daemon.store.read { transaction in
        let positions = try Tables.positions.scan(in: transaction).map(\.value)
        let top = positions.first { !$0.officialHolder.isEmpty }!
        let sekda = positions.first { $0.supervisorPositionID == top.id && $0.title == "Sekretaris Daerah" }!
        return (sekda, top)
      }
      let chain = try await chain(of: sekda.id, as: admin)
      #expect(chain.evaluator.positionID == waliKota.id)
      #expect(chain.evaluator.basis == .holder)
      #expect(chain.evaluator.employeeID == 0)
      #expect(chain.evaluator.officialHolder == waliKota.officialHolder)
      #expect(!chain.hasAtasan)
    }
  }

  @Test func anyReaderOfTheOrganisationSeesTheChain() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let staff = try await test.user(employeeID: city.holder(of: city.stafDinkes))
      #expect(try await chain(of: city.staf, as: staff).evaluator.positionID == city.kasi)
      let app = try await test.service(scopes: ["employees.read"])
      await expectStatus(.permissionDenied, mentioning: ["org.read"]) {
        try await chain(of: city.staf, as: app)
      }
    }
  }

  @Test func unknownPositionHasNoChain() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      await expectStatus(.notFound, mentioning: ["position_id", "404"]) {
        try await chain(of: 404, as: admin)
      }
    }
  }
}
