import Foundation
import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

@Suite struct SyntheticOrganisationTests {
  /// 121 employees in units of 10 (the city's head and 12 units), 3 activities each, written
  /// in transactions of 50 employees, for the year before the one the tests run in (so every
  /// working day of it has passed).
  static let shape = SyntheticOrganisation.Shape(
    employees: 121, activitiesPerEmployee: 3, year: Int(TestToday.year) - 1, unitSize: 10,
    employeesPerTransaction: 50)

  /// Writes the shape into a fresh folder and starts a daemon on it.
  private func withSyntheticDaemon(_ body: (TestDaemon, SyntheticOrganisation.Counts) async throws -> Void)
    async throws
  {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpeg-test-synthetic-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var store = StoreConfiguration()
    store.durability = .noSync
    let counts = try await SyntheticOrganisation.write(
      Self.shape, intoDataFolder: folder, configuration: store)
    try await withTestDaemon(configure: { $0.dataFolder = folder }) { test in try await body(test, counts) }
  }

  @Test func writesTheShapeInChainedTransactions() async throws {
    try await withSyntheticDaemon { test, counts in
      #expect(
        counts
          == SyntheticOrganisation.Counts(
            units: 13, positions: 121, employees: 121, skps: 121, activities: 363, transactions: 3))
      let layout = Self.shape.layout
      #expect(layout.unitCount == 12)
      #expect(layout.members(ofUnit: 11) == 112...121)
      let stored = try test.daemon.store.read { transaction in
        (
          try Tables.units.count(in: transaction), try Tables.employees.count(in: transaction),
          try Tables.skps.count(in: transaction), try Tables.activities.count(in: transaction),
          try AuditTrail.verify(in: transaction)
        )
      }
      #expect(stored.0 == 13 && stored.1 == 121 && stored.2 == 121 && stored.3 == 363)
      // Three transactions of the generator, then the bootstrap administrator.
      #expect(stored.4.intact)
      #expect(stored.4.checked == 4)
      let nips = try test.daemon.store.read { transaction in
        try Tables.employees.scan(in: transaction).map(\.value.nip)
      }
      #expect(Set(nips).count == 121)
    }
  }

  @Test func theServicesReadItBackAndCarryOn() async throws {
    try await withSyntheticDaemon { test, _ in
      let layout = Self.shape.layout
      let admin = try await test.admin()
      var get = Simpeg_V1_GetEmployeeRequest()
      get.id = 57
      let employee = try await admin.employees.getEmployee(get)
      #expect(employee.nip == layout.nip(of: 57))
      #expect(employee.unitID == layout.unitID(layout.unitIndex(of: 57)!))
      #expect(employee.positionID == 57)

      // The head of unit 5 reads the activities of a member of the unit, as their evaluator.
      let head = try await test.user(employeeID: layout.head(ofUnit: 5))
      let member = layout.head(ofUnit: 5) + 3
      var list = Simpeg_V1_ListActivitiesRequest()
      list.employeeID = member
      let activities = try await Simpeg_V1_ActivityService.Client(wrapping: head.client).listActivities(list)
      #expect(activities.activities.count == 3)
      #expect(activities.activities.allSatisfy { $0.employeeID == member && $0.status == .pending })
      var pending = Simpeg_V1_ListPendingReviewsRequest()
      pending.page.pageSize = 100
      let reviews = try await Simpeg_V1_ActivityService.Client(wrapping: head.client).listPendingReviews(
        pending)
      #expect(reviews.activities.count == 9 * 3)

      // The member's SKP is approved and in force; logging toward it takes the next activity id.
      let caller = try await test.user(employeeID: member)
      var skpRequest = Simpeg_V1_GetSKPRequest()
      skpRequest.ownerYear.employeeID = member
      skpRequest.ownerYear.year = Int32(Self.shape.year)
      let skp = try await Simpeg_V1_PlanService.Client(wrapping: caller.client).getSKP(skpRequest)
      #expect(skp.status == .approved)
      #expect(skp.evaluator.employeeID == layout.head(ofUnit: 5))
      #expect(skp.content.rhks.count == 2)
      var log = Simpeg_V1_LogActivityRequest()
      log.skpID = skp.id
      log.rhkID = skp.content.rhks[0].id
      log.date.year = Int32(Self.shape.year)
      log.date.month = 3
      log.date.day = 2
      log.startMinute = 8 * 60
      log.endMinute = 9 * 60
      log.description_p = "Menyusun laporan"
      log.outputQuantity = 1
      let logged = try await Simpeg_V1_ActivityService.Client(wrapping: caller.client).logActivity(log)
      #expect(logged.id == 364)
      #expect(logged.evaluatorEmployeeID == layout.head(ofUnit: 5))
    }
  }

  @Test func refusesAStoreThatHoldsAnOrganisation() async throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("simpeg-test-synthetic-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var store = StoreConfiguration()
    store.durability = .noSync
    _ = try await SyntheticOrganisation.write(Self.shape, intoDataFolder: folder, configuration: store)
    let error = await rpcError {
      try await SyntheticOrganisation.write(Self.shape, intoDataFolder: folder, configuration: store)
    }
    #expect(error?.code == .failedPrecondition)
  }
}
