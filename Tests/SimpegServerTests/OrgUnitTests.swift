import SimpegAPI
import Testing

@testable import SimpegServer

/// Units: creating, renaming, moving without cycles, closing, and the tree listing.
@Suite struct OrgUnitTests {
  @Test func unitTreeListsDepthFirstWithChildrenInNameOrderAndCounts() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let tree = try await admin.org.getUnitTree(Simpeg_V1_GetUnitTreeRequest())
      let listed = tree.nodes.map { "\($0.depth) \($0.unit.name)" }
      #expect(
        listed == [
          "0 Pemerintah Kota Uji", "1 Dinas Kependudukan", "2 Bidang Pelayanan", "3 Seksi Identitas",
          "1 Dinas Kesehatan", "1 Sekretariat Daerah",
        ])
      let seksi = try #require(tree.nodes.first { $0.unit.id == city.seksi })
      #expect(seksi.positions == 2)
      #expect(seksi.employees == 2)
      let root = try #require(tree.nodes.first)
      #expect(root.positions == 0 && root.employees == 0)
    }
  }

  @Test func unitTreeStopsAtMaxDepthAndStartsAtTheRootAsked() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_GetUnitTreeRequest()
      request.rootID = city.dinas
      request.maxDepth = 1
      let tree = try await admin.org.getUnitTree(request)
      #expect(tree.nodes.map(\.unit.id) == [city.dinas, city.bidang])
      #expect(tree.nodes.map(\.depth) == [0, 1])
    }
  }

  @Test func unitTreeLeavesOutClosedUnitsUnlessAsked() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let extra = try await admin.org.createUnit(
        Requests.unit("Bidang Lama", kind: .bidang, parent: city.dinas))
      var close = Simpeg_V1_CloseUnitRequest()
      close.unitID = extra.id
      close.reason = "Perwali 12/2025: digabung"
      _ = try await admin.org.closeUnit(close)
      let open = try await admin.org.getUnitTree(Simpeg_V1_GetUnitTreeRequest())
      #expect(!open.nodes.contains { $0.unit.id == extra.id })
      var request = Simpeg_V1_GetUnitTreeRequest()
      request.includeClosed = true
      let all = try await admin.org.getUnitTree(request)
      let closed = try #require(all.nodes.first { $0.unit.id == extra.id })
      #expect(closed.unit.closed && closed.unit.closedReason == "Perwali 12/2025: digabung")
    }
  }

  @Test func sampleTreeListsEveryUnitOnceAndCountsEveryPositionAndEmployee() async throws {
    try await withTestDaemon(sampleSeed: 7) { test in
      let admin = try await test.admin()
      let nodes = try await admin.org.getUnitTree(Simpeg_V1_GetUnitTreeRequest()).nodes
      let totals = try test.daemon.store.read { transaction in
        (
          units: try Tables.units.count(in: transaction),
          positions: try Tables.positions.count(in: transaction),
          employees: try Tables.employees.count(in: transaction)
        )
      }
      #expect(nodes.count == totals.units && Set(nodes.map(\.unit.id)).count == totals.units)
      #expect(nodes.reduce(0) { $0 + Int($1.positions) } == totals.positions)
      #expect(nodes.reduce(0) { $0 + Int($1.employees) } == totals.employees)
      for (node, next) in zip(nodes, nodes.dropFirst()) where next.depth > node.depth {
        #expect(next.depth == node.depth + 1 && next.unit.parentID == node.unit.id)
      }
    }
  }

  @Test func secondRootIsRefusedNamingTheExistingRoot() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      _ = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.invalidArgument, mentioning: ["parent_id", "Pemerintah Kota Uji"]) {
        try await admin.org.createUnit(Requests.unit("Kota Lain", kind: .pemerintahKota, parent: 0))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func duplicateUnitCodeIsAlreadyExistsAndChangesNothing() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.alreadyExists, mentioning: ["code", "DISDUK", "Dinas Kependudukan"]) {
        try await admin.org.createUnit(
          Requests.unit("Dinas Baru", kind: .dinas, parent: city.root, code: "disduk"))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func duplicateSiblingNameIsAlreadyExistsIgnoringCase() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.alreadyExists, mentioning: ["name", "Bidang Pelayanan"]) {
        try await admin.org.createUnit(Requests.unit("bidang pelayanan", kind: .bidang, parent: city.dinas))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func unitNameBeyondTwoHundredCharactersIsInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.invalidArgument, mentioning: ["name", "201", "200"]) {
        try await admin.org.createUnit(
          Requests.unit(String(repeating: "a", count: 201), kind: .bidang, parent: city.dinas))
      }
      await expectStatus(.invalidArgument, mentioning: ["name", "bytes"]) {
        try await admin.org.createUnit(
          Requests.unit(String(repeating: "x", count: 1_000_000), kind: .bidang, parent: city.dinas))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func unitUnderAnUnknownParentIsNotFound() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      _ = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      await expectStatus(.notFound, mentioning: ["parent_id", "9999"]) {
        try await admin.org.createUnit(Requests.unit("Bidang X", kind: .bidang, parent: 9999))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func unitUnderAClosedParentIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let old = try await admin.org.createUnit(Requests.unit("UPT Lama", kind: .upt, parent: city.dinas))
      var close = Simpeg_V1_CloseUnitRequest()
      close.unitID = old.id
      _ = try await admin.org.closeUnit(close)
      let before = try test.fingerprint()
      await expectStatus(.failedPrecondition, mentioning: ["parent_id", "UPT Lama", "closed"]) {
        try await admin.org.createUnit(Requests.unit("Seksi Baru", kind: .seksi, parent: old.id))
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func renameChangesNameAndCodeAndKeepsCodeWhenEmpty() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_RenameUnitRequest()
      request.unitID = city.dinas
      request.name = "Dinas Kependudukan dan Pencatatan Sipil"
      let renamed = try await admin.org.renameUnit(request)
      #expect(renamed.name == "Dinas Kependudukan dan Pencatatan Sipil" && renamed.code == "DISDUK")
      request.name = ""
      request.code = "disdukcapil"
      #expect(try await admin.org.renameUnit(request).code == "DISDUKCAPIL")
      var get = Simpeg_V1_GetUnitRequest()
      get.unitID = city.dinas
      #expect(try await admin.org.getUnit(get).name == "Dinas Kependudukan dan Pencatatan Sipil")
    }
  }

  @Test func moveUnitChangesItsParentInTheTree() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_MoveUnitRequest()
      request.unitID = city.seksi
      request.newParentID = city.dinkes
      #expect(try await admin.org.moveUnit(request).parentID == city.dinkes)
      var tree = Simpeg_V1_GetUnitTreeRequest()
      tree.rootID = city.dinkes
      #expect(try await admin.org.getUnitTree(tree).nodes.map(\.unit.id) == [city.dinkes, city.seksi])
    }
  }

  @Test func moveUnderItsOwnDescendantIsRefusedAsACycle() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Simpeg_V1_MoveUnitRequest()
      request.unitID = city.dinas
      request.newParentID = city.seksi
      await expectStatus(.failedPrecondition, mentioning: ["new_parent_id", "cycle"]) {
        try await admin.org.moveUnit(request)
      }
      request.unitID = city.root
      request.newParentID = city.dinkes
      await expectStatus(.failedPrecondition, mentioning: ["cycle"]) { try await admin.org.moveUnit(request) }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func moveUnderItselfIsInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Simpeg_V1_MoveUnitRequest()
      request.unitID = city.bidang
      request.newParentID = city.bidang
      await expectStatus(.invalidArgument, mentioning: ["new_parent_id", "itself"]) {
        try await admin.org.moveUnit(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func closingAUnitWithOpenPositionsAndChildUnitsNamesThem() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let before = try test.fingerprint()
      var request = Simpeg_V1_CloseUnitRequest()
      request.unitID = city.bidang
      await expectStatus(
        .failedPrecondition,
        mentioning: ["open positions", "Kepala Bidang Pelayanan", "open child units", "Seksi Identitas"]
      ) { try await admin.org.closeUnit(request) }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func closingAnEmptyUnitMarksItClosedWithTheReason() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let unit = try await admin.org.createUnit(Requests.unit("UPT Parkir", kind: .upt, parent: city.dinas))
      var request = Simpeg_V1_CloseUnitRequest()
      request.unitID = unit.id
      request.reason = "dipindah ke Dinas Perhubungan"
      let closed = try await admin.org.closeUnit(request)
      #expect(closed.closed && closed.hasClosedAt && closed.closedReason == "dipindah ke Dinas Perhubungan")
      await expectStatus(.failedPrecondition, mentioning: ["closed"]) {
        try await admin.org.closeUnit(request)
      }
    }
  }

  @Test func closeReasonBeyondAThousandCharactersIsInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let unit = try await admin.org.createUnit(Requests.unit("UPT Parkir", kind: .upt, parent: city.dinas))
      let before = try test.fingerprint()
      var request = Simpeg_V1_CloseUnitRequest()
      request.unitID = unit.id
      request.reason = String(repeating: "r", count: 1001)
      await expectStatus(.invalidArgument, mentioning: ["reason", "1000"]) {
        try await admin.org.closeUnit(request)
      }
      #expect(try test.fingerprint() == before)
    }
  }

  @Test func listUnitsPagesThroughChildrenInNameOrder() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_ListUnitsRequest()
      request.parentID = city.root
      request.page.pageSize = 2
      var names: [String] = []
      var pages = 0
      repeat {
        let page = try await admin.org.listUnits(request)
        names += page.units.map(\.name)
        request.page.pageToken = page.page.nextPageToken
        pages += 1
      } while !request.page.pageToken.isEmpty
      #expect(names == ["Dinas Kependudukan", "Dinas Kesehatan", "Sekretariat Daerah"])
      #expect(pages == 2)
    }
  }

  @Test func aPageTokenFromAnotherListIsInvalid() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      var request = Simpeg_V1_ListUnitsRequest()
      request.parentID = city.root
      request.page.pageSize = 1
      let first = try await admin.org.listUnits(request)
      request.parentID = city.dinas
      request.page.pageToken = first.page.nextPageToken
      await expectStatus(.invalidArgument, mentioning: ["page token"]) {
        try await admin.org.listUnits(request)
      }
    }
  }

  @Test func unknownUnitIsNotFound() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      var request = Simpeg_V1_GetUnitRequest()
      request.unitID = 42
      await expectStatus(.notFound, mentioning: ["unit_id", "42"]) { try await admin.org.getUnit(request) }
    }
  }

  @Test func onlyAnAdministratorChangesTheOrganisation() async throws {
    try await withTestDaemon { test in
      let admin = try await test.admin()
      let city = try await SmallCity.build(as: admin)
      let auditor = try await test.auditor()
      let before = try test.fingerprint()
      await expectStatus(.permissionDenied) {
        try await auditor.org.createUnit(Requests.unit("Bidang X", kind: .bidang, parent: city.dinas))
      }
      #expect(try test.fingerprint() == before)
      #expect(try await auditor.org.getUnitTree(Simpeg_V1_GetUnitTreeRequest()).nodes.count == 6)
    }
  }
}
