import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore
import SwiftProtobuf
import Testing

@testable import SimpegServer

/// The public-service part of the sample Kota Salatiga.
@Suite struct SamplePublicServiceTests {
  static let requests = 1_000

  private func withSample<T>(seed: UInt64 = 7, _ body: (TestDaemon) async throws -> T) async throws -> T {
    try await withTestDaemon(sampleSeed: seed, configure: { $0.sampleServiceRequests = Self.requests }, body)
  }

  @Test func theSampleHoldsACatalogueAYearOfRequestsAnSKMAndAFinishedCompetition() async throws {
    try await withSample { test in
      let counts = try test.daemon.store.read { transaction in
        (
          services: try Tables.publicServices.count(in: transaction),
          requests: try Tables.serviceRequests.count(in: transaction),
          holidays: try Tables.holidays.count(in: transaction),
          skm: try Tables.skmTallies.count(in: transaction),
          competitions: try Tables.competitions.scan(in: transaction).map(\.value),
          audit: try AuditTrail.verify(in: transaction)
        )
      }
      // Disdukcapil 5, DPMPTSP 2, 4 kecamatan x 2, 23 kelurahan x 2.
      #expect(counts.services == 61)
      #expect(counts.requests == Self.requests)
      #expect(counts.holidays == SamplePublicService.holidays2025.count)
      #expect(counts.skm == 6)
      #expect(counts.competitions.count == 1)
      #expect(counts.competitions.first?.state == .published)
      #expect(counts.audit.intact)
      // One record each for the organisation, the first admin and the performance cycle.
      #expect(counts.audit.checked == 3 + SamplePublicService.auditRecords(requests: Self.requests))
    }
  }

  @Test func theSampleCompetitionIsRankedAndItsJudgesNeverScoredTheirOwnUnit() async throws {
    try await withSample { test in
      try test.daemon.store.read { transaction in
        let competition = try #require(try Tables.competitions.scan(in: transaction).first?.value)
        let results = try #require(try Tables.competitionResults.get(competition.id, in: transaction))
        let ranked = results.categories.flatMap(\.ranked)
        #expect(ranked.count == 6)
        #expect(results.categories.allSatisfy { $0.ranked.first?.position == 1 })
        for card in try Tables.scorecards.scan(in: transaction).map(\.value) {
          let judge = try #require(competition.judges.first { $0.id == card.judgeID })
          let innovation = try #require(try Tables.innovations.get(card.innovationID, in: transaction))
          let judgeAgency = try InnovationHandler.perangkatDaerah(of: judge, in: transaction)
          let agencies = try innovation.unitIds.map { try PerangkatDaerah.of($0, in: transaction) }
          #expect(!agencies.contains(judgeAgency))
        }
      }
    }
  }

  @Test func theSampleAggregatesEqualTheFiguresOfItsRequests() async throws {
    try await withSample { test in
      try test.daemon.store.read { transaction in
        var expected: [CompositeKey3<UInt64, UInt64, UInt32>: (Int, Int, Int, Int, [Int])] = [:]
        func month(_ timestamp: Google_Protobuf_Timestamp) -> UInt32 {
          let date = WIBClock.local(timestamp).date
          return UInt32(date.year * 100 + date.month)
        }
        for request in try Tables.serviceRequests.scan(in: transaction).map(\.value) {
          let received = CompositeKey3(request.unitID, request.serviceID, month(request.receivedAt))
          expected[received, default: (0, 0, 0, 0, [])].0 += 1
          if request.state == .completed {
            let key = CompositeKey3(request.unitID, request.serviceID, month(request.completedAt))
            expected[key, default: (0, 0, 0, 0, [])].1 += 1
            expected[key, default: (0, 0, 0, 0, [])].3 += request.withinStandard ? 1 : 0
            expected[key, default: (0, 0, 0, 0, [])].4.append(Int(request.turnaround))
          } else if request.state == .rejected {
            expected[
              CompositeKey3(request.unitID, request.serviceID, month(request.rejectedAt)),
              default: (0, 0, 0, 0, [])
            ]
            .2 += 1
          }
        }
        let stored = try Tables.unitTurnarounds.scan(in: transaction)
        #expect(stored.count == expected.count)
        for row in stored {
          let figures = try #require(expected[row.key])
          #expect(row.value.received == UInt32(figures.0))
          #expect(row.value.completed == UInt32(figures.1))
          #expect(row.value.rejected == UInt32(figures.2))
          #expect(row.value.withinStandard == UInt32(figures.3))
          #expect(row.value.turnaroundHistogram == TurnaroundHistogram(figures.4))
        }
      }
    }
  }

  @Test func sampleTurnaroundsImproveThroughTheYear() async throws {
    try await withSample { test in
      try test.daemon.store.read { transaction in
        var january = Simpeg_Internal_V1_TurnaroundTally()
        var november = Simpeg_Internal_V1_TurnaroundTally()
        for row in try Tables.unitTurnarounds.scan(in: transaction) {
          if row.key.third == 202_501 { january.merge(row.value) }
          if row.key.third == 202_511 { november.merge(row.value) }
        }
        let early = Simpeg_V1_TurnaroundFigures(january).shareWithinStandardBasisPoints
        let late = Simpeg_V1_TurnaroundFigures(november).shareWithinStandardBasisPoints
        #expect(late > early)
      }
    }
  }

  @Test func theRequestGeneratorGivesTheSameYearForTheSameSeed() {
    let calendar = WorkingCalendar(
      holidays: SamplePublicService.holidays2025.compactMap {
        CalendarDate(year: 2025, month: $0.month, day: $0.day)
      })
    var service = Simpeg_Internal_V1_PublicServiceRecord()
    service.id = 1
    service.unitID = 2
    service.standard.maximum = 3
    service.standard.unit = .workingDays
    let offers = [
      SampleServiceRequests.Offer(
        service: service, weight: 1, staff: [7, 8, 9], onlinePercent: 30, referencePrefix: "KTP")
    ]
    func year(seed: UInt64) -> [Simpeg_Internal_V1_ServiceRequestRecord] {
      var generator = SampleServiceRequests(
        year: 2025, calendar: calendar, random: SeededGenerator(seed: seed))
      return generator.generate(count: 300, offers: offers)
    }
    #expect(year(seed: 11).count == 300)
    #expect(year(seed: 11) == year(seed: 11))
    #expect(year(seed: 11) != year(seed: 12))
  }
}
