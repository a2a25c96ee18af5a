import Crypto
import Foundation
import SimpegAPI
import SimpegRPC
import SimpegStore
import SwiftProtobuf
import Testing

@testable import SimpegServer

extension TestDaemon {
  /// Appends `count` audit records by `actors` in turn, straight into the store; with `start`,
  /// their times are `start`, `start + step`, ..., else the daemon's clock's time.
  func appendAudit(
    count: Int, actors: [String] = ["filler"], start: Date? = nil, step: TimeInterval = 60
  ) async throws {
    let now = daemon.clock.now().instant
    try await daemon.store.write { transaction in
      for index in 0..<count {
        var entry = AuditEntry(systemAction: "test/Filler")
        entry.actor = actors[index % actors.count]
        entry.actorAccountID = 99
        let time = start.map { $0.addingTimeInterval(Double(index) * step) } ?? now
        try AuditTrail.append(entry, at: time, in: transaction)
      }
    }
  }

  /// The sequence of the newest audit record.
  func lastAuditSequence() throws -> UInt64 {
    try daemon.store.read { try Tables.audit.keys(in: $0, direction: .reverse, limit: 1).first ?? 0 }
  }
}

@Suite struct ReadAuditTests {
  @Test func tailReturnsTheNewestRecordsFirstAndSaysWhereToContinue() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 10)
      let last = try test.lastAuditSequence()
      var request = Simpeg_V1_ReadAuditRequest()
      request.newestFirst = true
      request.limit = 3
      let first = try await admin.admin.readAudit(request)
      #expect(first.records.map(\.sequence) == [last, last - 1, last - 2])
      #expect(first.nextSequence == last - 3)
      request.fromSequence = first.nextSequence
      let second = try await admin.admin.readAudit(request)
      #expect(second.records.map(\.sequence) == [last - 3, last - 4, last - 5])
    }
  }

  @Test func rangeReadsForwardFromASequenceAndEndsWithZero() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 10)
      let last = try test.lastAuditSequence()
      var request = Simpeg_V1_ReadAuditRequest()
      request.fromSequence = 2
      request.limit = 3
      let page = try await admin.admin.readAudit(request)
      #expect(page.records.map(\.sequence) == [2, 3, 4])
      #expect(page.nextSequence == 5)
      var sequences: [UInt64] = []
      request.fromSequence = 0
      repeat {
        let response = try await admin.admin.readAudit(request)
        sequences += response.records.map(\.sequence)
        request.fromSequence = response.nextSequence
      } while request.fromSequence != 0
      #expect(sequences == Array(1...last))
    }
  }

  @Test func limitDefaultsToOneHundredAndIsCappedAtOneThousand() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 1_100)
      let defaults = try await admin.admin.readAudit(Simpeg_V1_ReadAuditRequest())
      #expect(defaults.records.count == 100)
      #expect(defaults.nextSequence == 101)
      var request = Simpeg_V1_ReadAuditRequest()
      request.limit = 5_000
      let capped = try await admin.admin.readAudit(request)
      #expect(capped.records.count == 1_000)
      #expect(capped.nextSequence == 1_001)
    }
  }

  @Test func actorFilterReturnsOnlyThatActorsRecordsInEitherDirection() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 12, actors: ["alice", "bob", "carol"])
      let alice = try test.auditRecords().filter { $0.actor == "alice" }.map(\.sequence)
      #expect(alice.count == 4)
      var request = Simpeg_V1_ReadAuditRequest()
      request.actor = "ALICE"
      request.limit = 3
      let forward = try await admin.admin.readAudit(request)
      #expect(forward.records.map(\.sequence) == Array(alice.prefix(3)))
      #expect(forward.nextSequence == alice[3])
      request.fromSequence = forward.nextSequence
      let rest = try await admin.admin.readAudit(request)
      #expect(rest.records.map(\.sequence) == [alice[3]])
      #expect(rest.nextSequence == 0)

      var tail = Simpeg_V1_ReadAuditRequest()
      tail.actor = "alice"
      tail.newestFirst = true
      tail.limit = 2
      let newest = try await admin.admin.readAudit(tail)
      #expect(newest.records.map(\.sequence) == [alice[3], alice[2]])
      tail.fromSequence = newest.nextSequence
      let older = try await admin.admin.readAudit(tail)
      #expect(older.records.map(\.sequence) == [alice[1], alice[0]])
      #expect(older.nextSequence == 0)
    }
  }

  @Test func timeWindowKeepsOnlyRecordsWithinIt() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let start = TestToday.instant.addingTimeInterval(3600)
      try await test.appendAudit(count: 10, start: start, step: 60)
      let filler = try test.auditRecords().filter { $0.method == "test/Filler" }
      var request = Simpeg_V1_ReadAuditRequest()
      request.since = filler[3].time
      request.until = filler[6].time
      let forward = try await admin.admin.readAudit(request)
      #expect(forward.records.map(\.sequence) == filler[3...6].map(\.sequence))
      #expect(forward.nextSequence == 0)
      request.newestFirst = true
      let backward = try await admin.admin.readAudit(request)
      #expect(backward.records.map(\.sequence) == filler[3...6].map(\.sequence).reversed())
    }
  }

  @Test func timeWindowCombinesWithTheActorFilter() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let start = TestToday.instant.addingTimeInterval(3600)
      try await test.appendAudit(count: 10, actors: ["alice", "bob"], start: start, step: 60)
      let filler = try test.auditRecords().filter { $0.method == "test/Filler" }
      var request = Simpeg_V1_ReadAuditRequest()
      request.actor = "bob"
      request.since = filler[2].time
      request.until = filler[7].time
      let response = try await admin.admin.readAudit(request)
      #expect(response.records.map(\.sequence) == [filler[3], filler[5], filler[7]].map(\.sequence))
    }
  }

  @Test func auditTimesNeverGoBackwards() async throws {
    try await withTestDaemon { test in
      try await test.appendAudit(count: 3, start: TestToday.instant.addingTimeInterval(3600))
      try await test.appendAudit(count: 3, start: TestToday.instant.addingTimeInterval(-3600))
      let times = try test.auditRecords().map(\.time.date)
      #expect(times == times.sorted())
    }
  }

  @Test func invertedTimeWindowIsRefused() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_ReadAuditRequest()
      request.since = Google_Protobuf_Timestamp(date: TestToday.instant)
      request.until = Google_Protobuf_Timestamp(date: TestToday.instant.addingTimeInterval(-60))
      let error = await rpcError { try await admin.admin.readAudit(request) }
      #expect(error?.code == .invalidArgument)
    }
  }

  @Test func auditorMayReadTheTrailButAPlainUserMayNot() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.createOperator("inspektur", roles: [.auditor], by: admin)
      try await test.createOperator("operator1", by: admin)
      let auditor = try await test.login("inspektur", "operator-password-1")
      _ = try await auditor.admin.readAudit(Simpeg_V1_ReadAuditRequest())
      _ = try await auditor.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
      let user = try await test.login("operator1", "operator-password-1")
      let error = await rpcError { try await user.admin.readAudit(Simpeg_V1_ReadAuditRequest()) }
      #expect(error?.code == .permissionDenied)
    }
  }
}

@Suite struct VerifyAuditTests {
  @Test func intactTrailVerifies() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 20)
      let last = try test.lastAuditSequence()
      let response = try await admin.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
      #expect(response.intact)
      #expect(response.recordsChecked == last)
      #expect(response.lastSequence == last)
      #expect(response.brokenAt == 0)
    }
  }

  @Test func alteredRecordIsDetected() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 5)
      try await test.daemon.store.write { transaction in
        var record = try #require(try Tables.audit.get(3, in: transaction))
        record.actor = "someone-else"
        try Tables.audit.put(record, for: 3, in: transaction)
      }
      let response = try await admin.admin.verifyAudit(Simpeg_V1_VerifyAuditRequest())
      #expect(!response.intact)
      #expect(response.brokenAt == 3)
      #expect(response.recordsChecked == 2)
      #expect(response.problem.contains("altered"))
    }
  }
}

@Suite struct OperationsTests {
  @Test func statsReportTheDaemonAndTheStore() async throws {
    try await withTestDaemon(configure: { $0.version = "simpeg test-version" }) { test in
      let admin = try await test.loginAdmin()
      let stats = try await admin.admin.getStats(Simpeg_V1_GetStatsRequest())
      #expect(stats.version == "simpeg test-version")
      #expect(stats.schemaVersion == UInt32(Tables.schema.version))
      #expect(stats.openConnections >= 1)
      #expect(stats.startedAt.date == TestToday.instant)
      #expect(stats.mapSizeBytes >= stats.mapUsedBytes && stats.mapUsedBytes > 0)
      #expect(stats.readersMax > 0)
      #expect(stats.lastSequence > 0)
      let accounts = try #require(stats.tables.first { $0.name == "accounts" })
      #expect(accounts.entries == 1)
      #expect(stats.tables.contains { $0.name == "sessions/by_expiry" && $0.entries == 1 })
    }
  }

  @Test func listMethodsListsEveryMethodWithItsRule() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let methods = try await admin.admin.listMethods(Simpeg_V1_ListMethodsRequest()).methods
      let expected = SimpegCatalogue.services.flatMap(\.methods)
      #expect(methods.count == expected.count)
      for method in expected {
        let info = methods.first { $0.name == method.descriptor.fullName }
        #expect(info?.access == AccessPolicy.rule(for: method.descriptor)?.description)
        #expect(info?.kind == method.descriptor.kind.rawValue)
      }
      let backup = try #require(methods.first { $0.name == "simpeg.v1.AdminService/Backup" })
      #expect(backup.access == "admin")
      #expect(backup.kind == "serverStreaming")
      #expect(backup.inputType == "simpeg.v1.BackupRequest")
      #expect(backup.outputType == "simpeg.v1.BackupChunk")
    }
  }

  @Test func anyAccountMayListMethodsButStatsAreForAdministratorsAndAuditors() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      let service = try await test.createService("portal", scopes: ["org.read"], by: admin)
      let client = Simpeg_V1_AdminService.Client(wrapping: try test.client(apiKey: service.secret))
      #expect(try await !client.listMethods(Simpeg_V1_ListMethodsRequest()).methods.isEmpty)
      let error = await rpcError { try await client.getStats(Simpeg_V1_GetStatsRequest()) }
      #expect(error?.code == .permissionDenied)
    }
  }

  @Test func loadSampleFillsAnEmptyStoreOnceAndIsAudited() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_LoadSampleRequest()
      request.seed = 7
      request.year = 2026
      request.serviceRequests = 300
      let counts = try await admin.admin.loadSample(request)
      let stored = try test.daemon.store.read { transaction in
        (
          units: try Tables.units.count(in: transaction),
          positions: try Tables.positions.count(in: transaction),
          employees: try Tables.employees.count(in: transaction),
          skps: try Tables.skps.scan(in: transaction).map(\.value),
          requests: try Tables.serviceRequests.count(in: transaction),
          services: try Tables.publicServices.count(in: transaction)
        )
      }
      #expect(Int(counts.units) == stored.units)
      #expect(Int(counts.positions) == stored.positions)
      #expect(Int(counts.employees) == stored.employees)
      #expect(counts.employees >= 3000)
      // The performance cycle is of the year asked for, and the public services came along.
      #expect(counts.skps > 0 && counts.activities > 0 && counts.evaluations > 0)
      #expect(!stored.skps.isEmpty && stored.skps.allSatisfy { $0.versions.last?.year == 2026 })
      #expect(counts.serviceRequests == 300 && stored.requests == 300)
      #expect(Int(counts.publicServices) == stored.services && stored.services > 0)
      let records = try test.auditRecords().filter { $0.method == "simpeg.v1.AdminService/LoadSample" }
      #expect(records.count == 3 + SamplePublicService.auditRecords(requests: 300) - 1)
      #expect(records.allSatisfy { $0.actor == "admin" && $0.targets.first == "sample:7" })

      let again = await rpcError { try await admin.admin.loadSample(request) }
      #expect(again?.code == .failedPrecondition)
    }
  }

  @Test func loadSampleRefusesAYearOrRequestCountOutOfRange() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      var request = Simpeg_V1_LoadSampleRequest()
      request.year = 1900
      let year = await rpcError { try await admin.admin.loadSample(request) }
      #expect(year?.code == .invalidArgument)
      #expect(year?.message.contains("year") == true)
      request.year = 0
      request.serviceRequests = 5_000_000
      let requests = await rpcError { try await admin.admin.loadSample(request) }
      #expect(requests?.code == .invalidArgument)
      #expect(try test.daemon.store.read { try Tables.units.count(in: $0) } == 0)
    }
  }

  @Test func loadSampleRefusesAStoreThatHoldsAnOrganisation() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.daemon.store.write { transaction in
        var unit = Simpeg_Internal_V1_UnitRecord()
        unit.id = try Tables.nextID("unit", in: transaction)
        unit.name = "Pemerintah Kota Salatiga"
        try Tables.units.insert(unit, for: unit.id, in: transaction)
      }
      let error = await rpcError { try await admin.admin.loadSample(Simpeg_V1_LoadSampleRequest()) }
      #expect(error?.code == .failedPrecondition)
      #expect(try test.daemon.store.read { try Tables.units.count(in: $0) } == 1)
    }
  }

  @Test func backupStreamsChunksAndASummaryThatVerifies() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 3_000)
      let (data, summaries, chunkSizes) = try await admin.admin.backup(Simpeg_V1_BackupRequest()) {
        stream in
        var data = Data()
        var summaries: [Simpeg_V1_BackupSummary] = []
        var sizes: [Int] = []
        for try await chunk in stream {
          #expect(summaries.isEmpty, "nothing may follow the summary")
          switch chunk.part {
          case .data(let bytes):
            data.append(bytes)
            sizes.append(bytes.count)
          case .summary(let summary):
            summaries.append(summary)
          case nil:
            Issue.record("a chunk with neither data nor summary")
          }
        }
        return (data, summaries, sizes)
      }
      #expect(chunkSizes.count >= 2)
      #expect(chunkSizes.allSatisfy { $0 <= AdminServiceHandler.backupChunkSize })
      let summary = try #require(summaries.first)
      #expect(summaries.count == 1)
      #expect(summary.sizeBytes == UInt64(data.count))
      #expect(Array(summary.sha256) == Array(SHA256.hash(data: data)))
      #expect(summary.schemaVersion == UInt32(Tables.schema.version))

      let file = FileManager.default.temporaryDirectory
        .appendingPathComponent("simpeg-backup-\(UUID().uuidString).mdb").path
      defer { try? FileManager.default.removeItem(atPath: file) }
      try data.write(to: URL(fileURLWithPath: file))
      let manifest = try StoreBackup.manifest(ofFile: file)
      #expect(manifest.sha256 == summary.sha256.map { String(format: "%02x", $0) }.joined())
      #expect(manifest.schemaVersion == Tables.schema.version)
      try StoreBackup.verify(file: file, against: manifest)
      #expect((manifest.entries["audit"] ?? 0) > 3_000)
    }
  }

  @Test func backupFitsTheFramesOfAClientThatAcceptsTheSmallestAllowed() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 3_000)
      var configuration = ClientConfiguration.forTests()
      configuration.maxFrameSize = WireProtocol.minimumMaxFrameSize
      configuration.defaultMetadata.add("authorization", "Bearer \(admin.token)")
      let client = Simpeg_V1_AdminService.Client(
        wrapping: try TestTransport.client(of: test.daemon, configuration: configuration))
      let (data, summaries) = try await client.backup(Simpeg_V1_BackupRequest()) { stream in
        var data = Data()
        var summaries: [Simpeg_V1_BackupSummary] = []
        for try await chunk in stream {
          switch chunk.part {
          case .data(let bytes): data.append(bytes)
          case .summary(let summary): summaries.append(summary)
          case nil: Issue.record("a chunk with neither data nor summary")
          }
        }
        return (data, summaries)
      }
      let summary = try #require(summaries.first)
      #expect(data.count > Int(WireProtocol.minimumMaxFrameSize))
      #expect(summary.sizeBytes == UInt64(data.count))
      #expect(Array(summary.sha256) == Array(SHA256.hash(data: data)))
    }
  }

  @Test func backupIsAudited() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      _ = try await admin.admin.backup(Simpeg_V1_BackupRequest()) { stream in
        for try await _ in stream {}
      }
      let record = try #require(try test.auditRecords().last)
      #expect(record.method == "simpeg.v1.AdminService/Backup")
      #expect(record.targets == ["backup"])
    }
  }

  @Test func backupEndsOnTheServerWhenTheClientCancels() async throws {
    let capture = LogCapture()
    try await withTestDaemon(logger: capture.logger) { test in
      let admin = try await test.loginAdmin()
      try await test.appendAudit(count: 3_000)
      let firstChunk = try await admin.admin.backup(Simpeg_V1_BackupRequest()) { stream in
        var iterator = stream.makeAsyncIterator()
        return try await iterator.next()
      }
      #expect(firstChunk?.data.isEmpty == false)
      // Returns as soon as the handler's end is logged; the long bound is for a loaded machine.
      let ended = await eventually(timeout: .seconds(60)) {
        capture.all.contains {
          $0.text.contains("AdminService/Backup") && $0.text.contains("CANCELLED")
        }
      }
      #expect(ended, "the server's Backup handler did not end after the client cancelled")
      // The store is free again: a whole backup runs through.
      let bytes = try await admin.admin.backup(Simpeg_V1_BackupRequest()) { stream in
        var count = 0
        for try await chunk in stream { count += chunk.data.count }
        return count
      }
      #expect(bytes > AdminServiceHandler.backupChunkSize)
    }
  }

  @Test func backupIsForAdministratorsOnly() async throws {
    try await withTestDaemon { test in
      let admin = try await test.loginAdmin()
      try await test.createOperator("inspektur", roles: [.auditor], by: admin)
      let auditor = try await test.login("inspektur", "operator-password-1")
      let error = await rpcError {
        try await auditor.admin.backup(Simpeg_V1_BackupRequest()) { stream in
          for try await _ in stream {}
        }
      }
      #expect(error?.code == .permissionDenied)
    }
  }
}
