import SimpegAPI
import Testing

@testable import SimpegServer

/// SearchEmployees over the sample Kota Salatiga, checked against the store read directly.
@Suite struct EmployeeSearchTests {
  /// Every page of a search: the ids in order and the size of each page.
  private func searchAll(_ request: Simpeg_V1_SearchEmployeesRequest, as caller: Caller) async throws
    -> (ids: [UInt64], pageSizes: [Int])
  {
    var request = request
    var ids: [UInt64] = []
    var sizes: [Int] = []
    repeat {
      let page = try await caller.employees.searchEmployees(request)
      ids += page.employees.map(\.id)
      sizes.append(page.employees.count)
      request.page.pageToken = page.page.nextPageToken
    } while !request.page.pageToken.isEmpty
    return (ids, sizes)
  }

  private func activeEmployees(_ test: TestDaemon) throws -> [Simpeg_Internal_V1_EmployeeRecord] {
    try test.daemon.store.read { try Tables.employees.scan(in: $0).map(\.value).filter(\.active) }
  }

  @Test func namePrefixFindsEveryMatchInNameOrderAcrossPages() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      let employees = try activeEmployees(test)
      let prefix = "sri"
      let expected = employees.filter { NameFolding.searchKey($0.name).hasPrefix(prefix) }
        .sorted { (NameFolding.searchKey($0.name), $0.id) < (NameFolding.searchKey($1.name), $1.id) }
        .map(\.id)
      #expect(expected.count > 20)
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.namePrefix = "  SRI"
      request.page.pageSize = 7
      let found = try await searchAll(request, as: admin)
      #expect(found.ids == expected)
      #expect(found.pageSizes.allSatisfy { $0 <= 7 } && found.pageSizes.count >= expected.count / 7)
    }
  }

  @Test func unitFindsItsOwnEmployeesOrWithSubunitsTheWholeBranch() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      let employees = try activeEmployees(test)
      let (dinas, parents) = try test.daemon.store.read { transaction in
        let units = try Tables.units.scan(in: transaction).map(\.value)
        let dinas = units.first { $0.name.hasPrefix("Dinas Kependudukan") }!
        return (dinas, Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.parentID) }))
      }
      func isBelow(_ unit: UInt64, _ top: UInt64) -> Bool {
        var current = unit
        while current != 0 {
          if current == top { return true }
          current = parents[current] ?? 0
        }
        return false
      }
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.unitID = dinas.id
      request.page.pageSize = 10
      let own = try await searchAll(request, as: admin)
      #expect(Set(own.ids) == Set(employees.filter { $0.unitID == dinas.id }.map(\.id)))
      request.includeSubunits = true
      let branch = try await searchAll(request, as: admin)
      let expected = employees.filter { isBelow($0.unitID, dinas.id) }.map(\.id).sorted()
      #expect(branch.ids == expected)
      #expect(expected.count > own.ids.count)
    }
  }

  @Test func golonganFindsEveryEmployeeOfThatGolongan() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      let expected = try activeEmployees(test).filter { $0.golongan.pns == .golonganIiib }.map(\.id)
      #expect(expected.count > 50)
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.golongan.pns = .golonganIiib
      request.page.pageSize = 100
      let found = try await searchAll(request, as: admin)
      #expect(found.ids == expected)
    }
  }

  @Test func filtersCombineNamePrefixUnitBranchAndGolongan() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      let employees = try activeEmployees(test)
      let root = try test.daemon.store.read { try OrgLookup.children(of: 0, in: $0).first!.id }
      let expected = employees.filter {
        NameFolding.searchKey($0.name).hasPrefix("a") && $0.golongan.pns == .golonganIiic
      }
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.namePrefix = "A"
      request.golongan.pns = .golonganIiic
      request.unitID = root
      request.includeSubunits = true
      request.page.pageSize = 3
      let found = try await searchAll(request, as: admin)
      #expect(Set(found.ids) == Set(expected.map(\.id)) && found.ids.count == expected.count)
      #expect(!expected.isEmpty)
    }
  }

  @Test func pageSizeDefaultsToFiftyAndIsCappedAtAThousand() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      var request = Simpeg_V1_SearchEmployeesRequest()
      let first = try await admin.employees.searchEmployees(request)
      #expect(first.employees.count == 50 && !first.page.nextPageToken.isEmpty)
      request.page.pageSize = 5000
      let big = try await admin.employees.searchEmployees(request)
      #expect(big.employees.count == 1000 && !big.page.nextPageToken.isEmpty)
    }
  }

  @Test func retiredEmployeesAreFoundOnlyWhenAskedFor() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      let someone = try #require(try activeEmployees(test).first { $0.name.hasPrefix("Sri") })
      var retire = Simpeg_V1_RetireEmployeeRequest()
      retire.employeeID = someone.id
      _ = try await admin.employees.retireEmployee(retire)
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.namePrefix = someone.name
      request.page.pageSize = 1000
      #expect(!(try await searchAll(request, as: admin).ids.contains(someone.id)))
      request.includeInactive = true
      #expect(try await searchAll(request, as: admin).ids.contains(someone.id))
    }
  }

  @Test func searchInputsBeyondTheirLimitsOrUnknownAreRefused() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      var request = Simpeg_V1_SearchEmployeesRequest()
      request.namePrefix = String(repeating: "s", count: 300)
      await expectStatus(.invalidArgument, mentioning: ["name_prefix"]) {
        try await admin.employees.searchEmployees(request)
      }
      request = Simpeg_V1_SearchEmployeesRequest()
      request.unitID = 987_654
      await expectStatus(.notFound, mentioning: ["unit_id"]) {
        try await admin.employees.searchEmployees(request)
      }
      request = Simpeg_V1_SearchEmployeesRequest()
      request.page.pageToken = "bm90LWEtdG9rZW4"
      await expectStatus(.invalidArgument, mentioning: ["page token"]) {
        try await admin.employees.searchEmployees(request)
      }
    }
  }
}
