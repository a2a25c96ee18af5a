import Foundation
import SimpegAPI
import SwiftProtobuf
import Testing

/// Public-service turnaround through the real simpegd: the counter app's service account moves
/// requests through their life, and the unit's report matches figures computed here from the raw
/// timestamps, working days counted around a holiday.
@Suite(.serialized) struct PublicServiceEndToEndTests {
  /// A time in Salatiga (WIB, UTC+7).
  static func wib(_ day: Int, _ hour: Int, month: Int = 3) -> Google_Protobuf_Timestamp {
    var parts = DateComponents()
    (parts.year, parts.month, parts.day, parts.hour) = (2025, month, day, hour)
    parts.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
    return Google_Protobuf_Timestamp(date: Calendar(identifier: .gregorian).date(from: parts)!)
  }

  /// Working days after `received` up to and including `completed` (days of March 2025),
  /// skipping weekends and `holidays`: computed here, independently of the daemon.
  static func workingDays(from received: Int, to completed: Int, holidays: Set<Int>) -> Int {
    (received + 1...max(received + 1, completed)).filter { day in
      guard day <= completed else { return false }
      var parts = DateComponents()
      (parts.year, parts.month, parts.day) = (2025, 3, day)
      let weekday = Calendar(identifier: .gregorian).component(
        .weekday, from: Calendar(identifier: .gregorian).date(from: parts)!)
      return weekday != 1 && weekday != 7 && !holidays.contains(day)
    }.count
  }

  /// The nearest-rank percentile of sorted values: the one at rank ceil(p*n/100).
  static func percentile(_ sorted: [Int], _ p: Int) -> Int {
    sorted[(p * sorted.count + 99) / 100 - 1]
  }

  @Test func aRequestsLifeAndTheUnitsReportAgreeWithTheRawTimestamps() async throws {
    let daemon = try await SimpegdProcess.start()
    defer { daemon.removeFolder() }
    let admin = try await daemon.admin()

    var root = Simpeg_V1_CreateUnitRequest()
    root.kind = .pemerintahKota
    root.name = "Pemerintah Kota Salatiga"
    var dinas = Simpeg_V1_CreateUnitRequest()
    dinas.parentID = try await admin.org.createUnit(root).id
    dinas.kind = .dinas
    dinas.name = "Dinas Kependudukan dan Pencatatan Sipil"
    let unit = try await admin.org.createUnit(dinas)
    var clerk = Simpeg_V1_CreateEmployeeRequest()
    clerk.nip = SmallOrganisation.nip(7)
    clerk.name = "Sri Rahayu"
    clerk.status = .pns
    clerk.golongan.pns = .golonganIiia
    clerk.unitID = unit.id
    let clerkID = try await admin.employees.createEmployee(clerk).id

    let catalogue = Simpeg_V1_PublicServiceService.Client(wrapping: admin.client)
    var create = Simpeg_V1_CreatePublicServiceRequest()
    create.unitID = unit.id
    create.name = "Kartu Tanda Penduduk Elektronik (KTP-el)"
    create.standard.maximum = 2
    create.standard.unit = .workingDays
    let service = try await catalogue.createPublicService(create)
    // A day of collective leave on Wednesday 5 March: not a working day.
    var holiday = Simpeg_V1_SetHolidayRequest()
    holiday.holiday.date = Simpeg_V1_Date.with { ($0.year, $0.month, $0.day) = (2025, 3, 5) }
    holiday.holiday.name = "Cuti bersama"
    _ = try await catalogue.setHoliday(holiday)

    var serviceAccount = Simpeg_V1_CreateServiceAccountRequest()
    serviceAccount.name = "loket"
    serviceAccount.scopes = ["services.write", "services.read"]
    _ = try await admin.accounts.createServiceAccount(serviceAccount)
    var keyRequest = Simpeg_V1_CreateApiKeyRequest()
    keyRequest.account.username = "loket"
    keyRequest.label = "aplikasi loket"
    let secret = try await admin.accounts.createApiKey(keyRequest).secret
    let app = Simpeg_V1_PublicServiceService.Client(wrapping: try daemon.client(apiKey: secret))

    func receive(_ reference: String) async throws -> UInt64 {
      var request = Simpeg_V1_ReceiveServiceRequestRequest()
      request.serviceID = service.id
      request.reference = reference
      request.channel = .counter
      request.at = Self.wib(3, 8)
      let id = try await app.receiveServiceRequest(request).id
      var assign = Simpeg_V1_AssignServiceRequestRequest()
      assign.requestID = id
      assign.employeeID = clerkID
      assign.at = Self.wib(3, 9)
      _ = try await app.assignServiceRequest(assign)
      return id
    }

    // Five requests received on Monday 3 March and completed on these days of March.
    let completedOn = [3, 4, 6, 7, 10]
    for (index, day) in completedOn.enumerated() {
      let id = try await receive("KTP/2025/\(index + 1)")
      var start = Simpeg_V1_StartServiceRequestRequest()
      start.requestID = id
      start.at = Self.wib(3, 10)
      _ = try await app.startServiceRequest(start)
      var complete = Simpeg_V1_CompleteServiceRequestRequest()
      complete.requestID = id
      complete.at = Self.wib(day, 14)
      let done = try await app.completeServiceRequest(complete)
      #expect(done.state == .completed)
      #expect(done.transitions.map(\.state) == [.received, .assigned, .inProcess, .completed])
      #expect(Int(done.turnaround) == Self.workingDays(from: 3, to: day, holidays: [5]))
    }
    // One rejected, which cannot then be completed; one still in the backlog.
    let rejected = try await receive("KTP/2025/6")
    var reject = Simpeg_V1_RejectServiceRequestRequest()
    reject.requestID = rejected
    reject.reason = "Berkas tidak lengkap"
    reject.at = Self.wib(3, 11)
    _ = try await app.rejectServiceRequest(reject)
    var late = Simpeg_V1_CompleteServiceRequestRequest()
    late.requestID = rejected
    late.at = Self.wib(4, 9)
    #expect(await status { try await app.completeServiceRequest(late) } == .failedPrecondition)
    _ = try await receive("KTP/2025/7")
    // The app's scopes do not reach the organisation.
    let appAsOrg = Simpeg_V1_OrgService.Client(wrapping: try daemon.client(apiKey: secret))
    #expect(await status { try await appAsOrg.createUnit(root) } == .permissionDenied)

    var reportRequest = Simpeg_V1_GetTurnaroundReportRequest()
    reportRequest.unitID = unit.id
    reportRequest.serviceID = service.id
    reportRequest.from = Simpeg_V1_ReportMonth.with { ($0.year, $0.month) = (2025, 3) }
    reportRequest.to = reportRequest.from
    let report = try await catalogue.getTurnaroundReport(reportRequest)
    let march = try #require(report.services.first?.months.first?.figures)
    let turnarounds = completedOn.map { Self.workingDays(from: 3, to: $0, holidays: [5]) }.sorted()
    let within = turnarounds.filter { $0 <= 2 }.count
    #expect(march.received == 7)
    #expect(march.completed == UInt32(turnarounds.count))
    #expect(march.rejected == 1)
    #expect(march.backlog == 1)
    #expect(Int(march.median) == Self.percentile(turnarounds, 50))
    #expect(Int(march.percentile90) == Self.percentile(turnarounds, 90))
    #expect(Int(march.withinStandard) == within)
    #expect(Int(march.shareWithinStandardBasisPoints) == (within * 20_000 / turnarounds.count + 1) / 2)

    // Acknowledged writes survive a restart: the report reads the same afterwards.
    await daemon.stop()
    let again = try await SimpegdProcess.start(in: daemon.folder)
    let reread = try await Simpeg_V1_PublicServiceService.Client(wrapping: again.admin().client)
      .getTurnaroundReport(reportRequest)
    #expect(reread.services.first?.months.first?.figures == march)
    await again.stop()
  }
}
