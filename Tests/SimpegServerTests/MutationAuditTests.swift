import SimpegAPI
import Testing

@testable import SimpegServer

/// Every change made through OrgService and EmployeeService leaves one audit record, in the same
/// transaction, naming the method, the caller and what it touched; refusals leave none.
@Suite struct MutationAuditTests {
  @Test func buildingAnOrganisationAuditsEveryCreation() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      _ = try await SmallCity.build(as: admin)
      let records = try test.auditRecords()
      // The bootstrap administrator, then 6 units, 7 positions and 7 employees.
      #expect(records.count == 21)
      let methods = records.dropFirst().map { $0.method.split(separator: "/").last.map(String.init) ?? "" }
      #expect(methods.filter { $0 == "CreateUnit" }.count == 6)
      #expect(methods.filter { $0 == "CreatePosition" }.count == 7)
      #expect(methods.filter { $0 == "CreateEmployee" }.count == 7)
      #expect(
        records.dropFirst().allSatisfy { $0.actor.hasPrefix("bkpsdm-") && $0.requestSha256.count == 32 })
      let verification = try test.daemon.store.read { try AuditTrail.verify(in: $0) }
      #expect(verification.intact && verification.checked == 21)
    }
  }

  @Test func eachChangeAddsOneRecordWithItsTargets() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let staff = city.holder(of: city.staf)
      let kabid = city.holder(of: city.kabid)
      var expected: [(method: String, targets: [String])] = []
      func check(_ method: String, _ targets: [String]) throws {
        expected.append((method, targets))
        let last = try #require(test.auditRecords().last)
        #expect(last.method == "simpeg.v1.\(method)")
        #expect(last.targets == targets, "\(method)")
      }

      let upt = try await admin.org.createUnit(Requests.unit("UPT Arsip", kind: .upt, parent: city.dinas))
      try check("OrgService/CreateUnit", ["unit:\(upt.id)"])
      var rename = Simpeg_V1_RenameUnitRequest()
      rename.unitID = upt.id
      rename.name = "UPT Kearsipan"
      _ = try await admin.org.renameUnit(rename)
      try check("OrgService/RenameUnit", ["unit:\(upt.id)"])
      var move = Simpeg_V1_MoveUnitRequest()
      move.unitID = upt.id
      move.newParentID = city.dinkes
      _ = try await admin.org.moveUnit(move)
      try check("OrgService/MoveUnit", ["unit:\(upt.id)", "unit:\(city.dinas)", "unit:\(city.dinkes)"])
      let post = try await admin.org.createPosition(
        Requests.position("Arsiparis Terampil", unit: upt.id, level: .terampil, supervisor: city.kadinkes))
      try check("OrgService/CreatePosition", ["position:\(post.id)", "unit:\(upt.id)"])
      _ = try await admin.org.assignHolder(Requests.assign(position: post.id, employee: kabid, acting: true))
      try check("OrgService/AssignHolder", ["position:\(post.id)", "employee:\(kabid)"])
      var vacate = Simpeg_V1_VacatePositionRequest()
      vacate.positionID = post.id
      vacate.acting = true
      _ = try await admin.org.vacatePosition(vacate)
      try check("OrgService/VacatePosition", ["position:\(post.id)", "employee:\(kabid)"])
      var transfer = Simpeg_V1_TransferEmployeeRequest()
      transfer.employeeID = staff
      transfer.positionID = post.id
      _ = try await admin.employees.transferEmployee(transfer)
      try check(
        "EmployeeService/TransferEmployee",
        ["employee:\(staff)", "position:\(post.id)", "position:\(city.staf)"])
      var promote = Simpeg_V1_PromoteEmployeeRequest()
      promote.employeeID = staff
      promote.golongan.pns = .golonganIic
      _ = try await admin.employees.promoteEmployee(promote)
      try check("EmployeeService/PromoteEmployee", ["employee:\(staff)"])
      var update = Simpeg_V1_UpdateEmployeeRequest()
      update.employeeID = staff
      update.phone = "0298 123456"
      _ = try await admin.employees.updateEmployee(update)
      try check("EmployeeService/UpdateEmployee", ["employee:\(staff)"])
      var retire = Simpeg_V1_RetireEmployeeRequest()
      retire.employeeID = staff
      _ = try await admin.employees.retireEmployee(retire)
      try check("EmployeeService/RetireEmployee", ["employee:\(staff)", "position:\(post.id)"])
      var closePosition = Simpeg_V1_ClosePositionRequest()
      closePosition.positionID = post.id
      _ = try await admin.org.closePosition(closePosition)
      try check("OrgService/ClosePosition", ["position:\(post.id)"])
      var closeUnit = Simpeg_V1_CloseUnitRequest()
      closeUnit.unitID = upt.id
      _ = try await admin.org.closeUnit(closeUnit)
      try check("OrgService/CloseUnit", ["unit:\(upt.id)"])

      let verification = try test.daemon.store.read { try AuditTrail.verify(in: $0) }
      #expect(verification.intact && verification.checked == UInt64(21 + expected.count))
    }
  }

  @Test func readsLeaveNoAuditRecord() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      _ = try await admin.org.getUnitTree(Simpeg_V1_GetUnitTreeRequest())
      _ = try await admin.employees.searchEmployees(Simpeg_V1_SearchEmployeesRequest())
      var chain = Simpeg_V1_GetEvaluatorChainRequest()
      chain.positionID = city.staf
      _ = try await admin.org.getEvaluatorChain(chain)
      #expect(try test.fingerprint() == before)
    }
  }
}
