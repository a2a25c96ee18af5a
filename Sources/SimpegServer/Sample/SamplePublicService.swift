import Logging
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore

/// The public-service part of the sample Kota Salatiga, loaded right after the organisation
/// (``SampleLoader``) and deterministic from the same seed: the year's public holidays and cuti
/// bersama, a service catalogue (KTP-el, Kartu Keluarga, akta kelahiran and more at Disdukcapil;
/// izin usaha at DPMPTSP; legalisasi at every kecamatan; surat pengantar at every kelurahan), a
/// year of requests (``SampleServiceRequests``), an annual SKM of the service units, and one
/// finished innovation competition (``SampleCompetition``).
///
/// The catalogue, holidays, SKM and competition are written in one transaction with one audit
/// record; the requests in transactions of ``batchSize`` through the same writer as
/// IngestServiceRequests, one audit record each.
enum SamplePublicService {
  /// The year of the sample (the organisation's reference year).
  static let year = 2025
  /// Requests written per transaction.
  static let batchSize = 2_000

  /// What was loaded.
  struct Counts: Sendable, Hashable {
    var services = 0
    var holidays = 0
    var requests = 0
    var skmUnits = 0
    var innovations = 0
  }

  /// The audit records a load of `requests` requests appends.
  static func auditRecords(requests: Int) -> Int {
    1 + (requests + batchSize - 1) / batchSize
  }

  /// Public holidays and cuti bersama of 2025 (SKB 3 Menteri), including 18 August.
  static let holidays2025: [(month: Int, day: Int, name: String)] = [
    (1, 1, "Tahun Baru 2025 Masehi"), (1, 27, "Isra Mikraj Nabi Muhammad SAW"),
    (1, 28, "Cuti Bersama Tahun Baru Imlek"), (1, 29, "Tahun Baru Imlek 2576 Kongzili"),
    (3, 28, "Cuti Bersama Hari Suci Nyepi"), (3, 29, "Hari Suci Nyepi Tahun Baru Saka 1947"),
    (3, 31, "Hari Raya Idul Fitri 1446 H"), (4, 1, "Hari Raya Idul Fitri 1446 H"),
    (4, 2, "Cuti Bersama Idul Fitri"), (4, 3, "Cuti Bersama Idul Fitri"), (4, 4, "Cuti Bersama Idul Fitri"),
    (4, 7, "Cuti Bersama Idul Fitri"), (4, 18, "Wafat Yesus Kristus"), (4, 20, "Kebangkitan Yesus Kristus"),
    (5, 1, "Hari Buruh Internasional"), (5, 12, "Hari Raya Waisak 2569 BE"), (5, 13, "Cuti Bersama Waisak"),
    (5, 29, "Kenaikan Yesus Kristus"), (5, 30, "Cuti Bersama Kenaikan Yesus Kristus"),
    (6, 1, "Hari Lahir Pancasila"), (6, 6, "Hari Raya Idul Adha 1446 H"), (6, 9, "Cuti Bersama Idul Adha"),
    (6, 27, "Tahun Baru Islam 1447 H"), (8, 17, "Hari Kemerdekaan Republik Indonesia"),
    (8, 18, "Cuti Bersama Hari Kemerdekaan"), (9, 5, "Maulid Nabi Muhammad SAW"), (12, 25, "Hari Raya Natal"),
    (12, 26, "Cuti Bersama Hari Raya Natal"),
  ]

  /// One catalogue line: name, description, standard, relative volume, online share, reference prefix.
  private struct Line {
    var name: String
    var description: String
    var maximum: UInt32
    var unit: Simpeg_V1_TurnaroundUnit
    var weight: Int
    var onlinePercent: Int
    var prefix: String
  }

  private static let agencyLines: [(unit: String, lines: [Line])] = [
    (
      "Dinas Kependudukan dan Pencatatan Sipil",
      [
        Line(
          name: "KTP-el", description: "Perekaman dan pencetakan Kartu Tanda Penduduk elektronik", maximum: 3,
          unit: .workingDays, weight: 300, onlinePercent: 20, prefix: "KTP"),
        Line(
          name: "Kartu Keluarga", description: "Penerbitan dan perubahan Kartu Keluarga", maximum: 2,
          unit: .workingDays, weight: 200, onlinePercent: 35, prefix: "KK"),
        Line(
          name: "Akta Kelahiran", description: "Penerbitan kutipan akta kelahiran", maximum: 3,
          unit: .workingDays, weight: 120, onlinePercent: 40, prefix: "AKL"),
        Line(
          name: "Akta Kematian", description: "Penerbitan kutipan akta kematian", maximum: 3,
          unit: .workingDays,
          weight: 40, onlinePercent: 30, prefix: "AKM"),
        Line(
          name: "Surat Keterangan Pindah", description: "Surat keterangan pindah antar daerah", maximum: 1,
          unit: .workingDays, weight: 60, onlinePercent: 30, prefix: "SKPWNI"),
      ]
    ),
    (
      "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
      [
        Line(
          name: "Izin Usaha", description: "NIB dan izin usaha berbasis risiko", maximum: 5,
          unit: .workingDays,
          weight: 60, onlinePercent: 80, prefix: "IU"),
        Line(
          name: "Izin Reklame", description: "Izin penyelenggaraan reklame", maximum: 7, unit: .workingDays,
          weight: 20, onlinePercent: 60, prefix: "IR"),
      ]
    ),
  ]

  private static let kecamatanLines = [
    Line(
      name: "Legalisasi Dokumen", description: "Legalisasi dokumen kependudukan dan surat keterangan",
      maximum: 2, unit: .calendarHours, weight: 20, onlinePercent: 10, prefix: "LEG"),
    Line(
      name: "Surat Keterangan Ahli Waris", description: "Pengesahan surat keterangan ahli waris", maximum: 5,
      unit: .workingDays, weight: 5, onlinePercent: 0, prefix: "SKAW"),
  ]

  private static let kelurahanLines = [
    Line(
      name: "Surat Pengantar", description: "Surat pengantar untuk layanan kependudukan", maximum: 1,
      unit: .calendarHours, weight: 4, onlinePercent: 15, prefix: "SP"),
    Line(
      name: "Surat Keterangan Domisili", description: "Surat keterangan domisili penduduk dan usaha",
      maximum: 1, unit: .workingDays, weight: 2, onlinePercent: 20, prefix: "SKD"),
  ]

  /// Loads the public-service sample of `seed` with `requests` requests into a store that holds
  /// the sample organisation and no public services yet.
  @discardableResult
  static func load(
    seed: UInt64, requests: Int, into ledger: Ledger, audit: AuditEntry, logger: Logger
  ) async throws -> Counts {
    var random = SeededGenerator(seed: seed ^ 0x5EB7_1CE5_0000_0006)
    let organisation = try ledger.read { try Organisation(in: $0) }
    let calendar = WorkingCalendar(
      holidays: holidays2025.compactMap { CalendarDate(year: year, month: $0.month, day: $0.day) })
    let competitionSeed = random.next()
    let skmSeed = random.next()
    let (offers, counts) = try await ledger.record(audit) { mutation in
      let transaction = mutation.transaction
      guard try Tables.publicServices.count(in: transaction) == 0 else {
        throw RPCError(.failedPrecondition, "the store already holds public services")
      }
      var counts = Counts()
      for holiday in holidays2025 {
        guard let date = CalendarDate(year: year, month: holiday.month, day: holiday.day) else { continue }
        _ = try PublicServiceCommands.setHoliday(holiday.name, on: date, in: mutation)
        counts.holidays += 1
      }
      let offers = try catalogue(of: organisation, in: mutation)
      counts.services = offers.count
      var skmRandom = SeededGenerator(seed: skmSeed)
      counts.skmUnits = try writeSKM(
        units: agencyLines.compactMap { organisation.unitsByName[$0.unit] } + organisation.kecamatan,
        random: &skmRandom, in: mutation)
      var competitionRandom = SeededGenerator(seed: competitionSeed)
      counts.innovations = try SampleCompetition.write(
        year: year, staff: organisation.staff, unitsByName: organisation.unitsByName,
        random: &competitionRandom, in: mutation)
      mutation.audit(targets: [
        "sample:\(seed)", "public_services:\(counts.services)", "holidays:\(counts.holidays)",
        "skm:\(counts.skmUnits)", "innovations:\(counts.innovations)",
      ])
      return (offers, counts)
    }
    var generator = SampleServiceRequests(year: year, calendar: calendar, random: random)
    let generated = generator.generate(count: requests, offers: offers)
    var written = counts
    for start in stride(from: 0, to: generated.count, by: batchSize) {
      let batch = generated[start..<min(start + batchSize, generated.count)].enumerated().map {
        RequestBatchWriter.Pending(index: start + $0.offset, request: $0.element)
      }
      try await ledger.record(audit) { mutation in
        let transaction = mutation.transaction
        let ids = try RequestBatchWriter.store(batch, in: transaction)
        mutation.audit(targets: ["sample:\(seed)", "service_requests:\(ids.first ?? 0)-\(ids.last ?? 0)"])
      }
      written.requests += batch.count
    }
    logger.notice(
      "loaded the sample public services",
      metadata: [
        "services": "\(written.services)", "requests": "\(written.requests)",
        "holidays": "\(written.holidays)",
        "innovations": "\(written.innovations)",
      ])
    return written
  }

  /// Writes the catalogue; returns what the request generator draws from.
  private static func catalogue(of organisation: Organisation, in mutation: Mutation) throws
    -> [SampleServiceRequests.Offer]
  {
    let opened = WIBClock.timestamp(
      LocalDateTime(date: CalendarDate(year: year, month: 1, day: 2)!, hour: 8, minute: 0)!)
    var places: [(unitID: UInt64, lines: [Line])] = agencyLines.compactMap { agency in
      organisation.unitsByName[agency.unit].map { ($0, agency.lines) }
    }
    places += organisation.kecamatan.map { ($0, kecamatanLines) }
    places += organisation.kelurahan.map { ($0, kelurahanLines) }
    var offers: [SampleServiceRequests.Offer] = []
    for place in places {
      guard let unit = try Tables.units.get(place.unitID, in: mutation.transaction) else { continue }
      for line in place.lines {
        var standard = Simpeg_V1_ServiceStandard()
        standard.maximum = line.maximum
        standard.unit = line.unit
        let service = try PublicServiceCommands.addService(
          line.name, to: unit, description: line.description, standard: standard,
          legalBasis: "Peraturan Wali Kota Salatiga tentang Standar Pelayanan", at: opened, in: mutation)
        offers.append(
          SampleServiceRequests.Offer(
            service: service, weight: line.weight, staff: organisation.staff[place.unitID] ?? [],
            onlinePercent: line.onlinePercent, referencePrefix: line.prefix))
      }
    }
    return offers
  }

  /// An annual SKM for each unit: 120-400 respondents scoring mostly 3 and 4.
  private static func writeSKM(
    units: [UInt64], random: inout SeededGenerator, in mutation: Mutation
  )
    throws -> Int
  {
    for unitID in units {
      let respondents = random.int(in: 120...400)
      let goodPercent = random.int(in: 25...55)
      var tally = SKMTally()
      for _ in 0..<respondents {
        let scores = SKMElement.allCases.map { _ in
          let draw = random.uniform(below: 100)
          return draw < 2 ? 1 : draw < 12 ? 2 : draw < 100 - goodPercent ? 3 : 4
        }
        tally.add(try! SKMResponse(scores: scores))  // nine scores of 1-4 by construction
      }
      var period = Simpeg_V1_SKMPeriod()
      period.year = Int32(year)
      period.kind = .annual
      period.number = 1
      _ = try PublicServiceCommands.addSKMResponses(
        tally, unitID: unitID, period: try PublicServiceHandler.periodCode(period), in: mutation)
    }
    return units.count
  }

  /// The parts of the stored organisation the sample needs.
  private struct Organisation {
    var unitsByName: [String: UInt64] = [:]
    var kecamatan: [UInt64] = []
    var kelurahan: [UInt64] = []
    /// Employees of each unit and of the units below it, by id.
    var staff: [UInt64: [UInt64]] = [:]

    init(in transaction: ReadTransaction) throws {
      var children: [UInt64: [UInt64]] = [:]
      var roots: [UInt64] = []
      try Tables.units.forEach(in: transaction) { row in
        let unit = row.value
        if unitsByName[unit.name] == nil { unitsByName[unit.name] = unit.id }
        if unit.kind == .kecamatan { kecamatan.append(unit.id) }
        if unit.kind == .kelurahan { kelurahan.append(unit.id) }
        if unit.parentID == 0 {
          roots.append(unit.id)
        } else {
          children[unit.parentID, default: []].append(unit.id)
        }
        return true
      }
      var own: [UInt64: [UInt64]] = [:]
      try Tables.employees.forEach(in: transaction) { row in
        if row.value.active { own[row.value.unitID, default: []].append(row.key) }
        return true
      }
      var staff: [UInt64: [UInt64]] = [:]
      func collect(_ unit: UInt64, depth: Int) -> [UInt64] {
        guard depth < 64 else { return [] }
        var people = own[unit] ?? []
        for child in children[unit] ?? [] { people += collect(child, depth: depth + 1) }
        people.sort()
        staff[unit] = people
        return people
      }
      for root in roots { _ = collect(root, depth: 0) }
      self.staff = staff
    }
  }
}
