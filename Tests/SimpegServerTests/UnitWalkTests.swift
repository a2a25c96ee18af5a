import SimpegAPI
import SimpegStore
import Testing

@testable import SimpegServer

/// The unit tree is walked by one walk (``UnitWalk``), up and down, whoever walks it: a cycle in
/// damaged data is reported alike by every call that meets it, never looped on nor cut short.
@Suite struct UnitWalkTests {
  @Test func aCycleInStoredUnitsIsReportedAlikeByEveryWalkThatMeetsIt() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      // Damaged data, as no call can make it: the dinas hangs below its own bidang.
      try await test.daemon.store.write { transaction in
        var dinas = try Tables.units.get(city.dinas, in: transaction)!
        dinas.parentID = city.bidang
        try Tables.units.put(dinas, for: dinas.id, in: transaction)
      }
      var tree = Simpeg_V1_GetUnitTreeRequest()
      tree.rootID = city.dinas
      var search = Simpeg_V1_SearchEmployeesRequest()
      search.unitID = city.dinas
      search.includeSubunits = true
      var move = Simpeg_V1_MoveUnitRequest()
      move.unitID = city.dinkes
      move.newParentID = city.seksi
      let calls: [(String, () async throws -> Void)] = [
        ("GetUnitTree", { _ = try await admin.org.getUnitTree(tree) }),
        ("SearchEmployees", { _ = try await admin.employees.searchEmployees(search) }),
        ("MoveUnit", { _ = try await admin.org.moveUnit(move) }),
      ]
      for (name, call) in calls {
        let error = await rpcError { try await call() }
        #expect(error?.code == .failedPrecondition, "\(name)")
        #expect(error?.message.contains("the unit tree") == true, "\(name): \(error?.message ?? "")")
        #expect(error?.message.contains("is broken") == true, "\(name): \(error?.message ?? "")")
      }
    }
  }
}
