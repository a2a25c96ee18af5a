import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegRPC
import SimpegStore
import SwiftProtobuf

/// Extends the sample Kota Salatiga with its performance cycle, deterministic from the seed:
/// approved SKPs for the reference year for the Wali Kota and everyone holding a position, each
/// hasil kerja utama cascading from the evaluator's RHKs; and, in one showcase unit (the Dinas
/// Kependudukan dan Pencatatan Sipil), the first quarter's activities with their reviews,
/// feedback, two performance dialogues with a carried-over follow-up, the first quarter
/// finalised under a predikat organisasi Baik, and the annual evaluations of the two years
/// before (with angka kredit for functional posts).
///
/// Written in one transaction with one audit record, right after ``SampleLoader``, by the
/// commands the API's calls use (``SKPCommands``, ``ActivityCommands``, ``FeedbackCommands``,
/// ``DialogueRecording``, ``EvaluationCommands``) with their checks, at the days and by the
/// people of the story.
enum SamplePerformance {
  /// The unit whose activities and evaluations the sample fills in.
  static let showcaseUnitName = "Dinas Kependudukan dan Pencatatan Sipil"

  /// What was written.
  struct Counts: Sendable, Hashable {
    var skps = 0
    var activities = 0
    var evaluations = 0
  }

  /// Writes the performance sample for `referenceYear` into a store holding the sample
  /// organisation generated from `seed`.
  static func load(
    seed: UInt64, into ledger: Ledger, audit entry: AuditEntry, referenceYear: Int = 2025
  ) async throws -> Counts {
    try await ledger.record(entry) { mutation in
      var builder = try Builder(seed: seed, year: referenceYear, mutation: mutation)
      let counts = try builder.build()
      mutation.audit(targets: [
        "sample:\(seed)", "skps:\(counts.skps)", "activities:\(counts.activities)",
        "evaluations:\(counts.evaluations)",
      ])
      return counts
    }
  }

  /// The sample's predikat for a unit of `size` under a Baik organisation: as many Baik as the
  /// curve allows (at most 70%), at least one Butuh Perbaikan (one in ten), the rest Sangat
  /// Baik. Conforms for every size.
  static func baikDistribution(size: Int) -> [Predikat] {
    guard size > 0 else { return [] }
    let butuhPerbaikan = max(1, size / 10)
    let baik = min(70 * size / 100, size - butuhPerbaikan)
    let sangatBaik = size - butuhPerbaikan - baik
    return Array(repeating: .sangatBaik, count: sangatBaik) + Array(repeating: .baik, count: baik)
      + Array(repeating: .butuhPerbaikan, count: butuhPerbaikan)
  }

  /// Two ratings that give `predikat` by the matrix.
  static func ratings(for predikat: Predikat, variant: Int) -> (Rating, Rating) {
    switch predikat {
    case .sangatBaik: return (.diAtasEkspektasi, .diAtasEkspektasi)
    case .baik:
      let options: [(Rating, Rating)] = [
        (.sesuaiEkspektasi, .sesuaiEkspektasi), (.diAtasEkspektasi, .sesuaiEkspektasi),
        (.sesuaiEkspektasi, .diAtasEkspektasi),
      ]
      return options[variant % options.count]
    case .butuhPerbaikan:
      return (.diBawahEkspektasi, variant % 2 == 0 ? .sesuaiEkspektasi : .diAtasEkspektasi)
    case .kurang: return (.sesuaiEkspektasi, .diBawahEkspektasi)
    case .sangatKurang: return (.diBawahEkspektasi, .diBawahEkspektasi)
    }
  }
}

extension SamplePerformance {
  /// Builds the records inside the write transaction.
  private struct Builder {
    let year: Int
    let mutation: Mutation
    let transaction: WriteTransaction
    var random: SeededGenerator
    let positions: [UInt64: Simpeg_Internal_V1_PositionRecord]
    let employees: [UInt64: Simpeg_Internal_V1_EmployeeRecord]
    let resolver: EvaluatorResolver<UInt64, PositionOccupant>
    var skps: [PositionOccupant: Simpeg_V1_SKP] = [:]
    var counts = Counts()

    init(seed: UInt64, year: Int, mutation: Mutation) throws {
      self.year = year
      self.mutation = mutation
      self.transaction = mutation.transaction
      self.random = SeededGenerator(seed: seed ^ 0x4B49_4E45_524A_4121)
      let positions = try Tables.positions.scan(in: transaction).map(\.value)
      self.positions = Dictionary(uniqueKeysWithValues: positions.map { ($0.id, $0) })
      self.employees = Dictionary(
        uniqueKeysWithValues: try Tables.employees.scan(in: transaction).map { ($0.key, $0.value) })
      self.resolver = try EvaluatorResolver(positions.map(EvaluatorLookup.occupancy))
    }

    mutating func build() throws -> Counts {
      _ = try EvaluationCommands.setPeriodKind(
        year: Int32(year), kind: .triwulan, by: "simpegd", at: timestamp(month: 1, day: 2), in: mutation)
      try planSKPs()
      if let showcase = try Tables.units.scan(in: transaction).first(where: {
        $0.value.name == SamplePerformance.showcaseUnitName
      })?.value {
        try fillShowcase(showcase)
      }
      return counts
    }

    // MARK: SKPs

    /// One SKP to plan: its owner and position, and its content drawn from the seed.
    private struct Plan {
      var owner: PositionOccupant
      var position: Simpeg_Internal_V1_PositionRecord
      var content: Simpeg_V1_SKPContent
      var evaluator: PositionOccupant?
      /// Per RHK, the index of the evaluator's RHK it cascades from.
      var parents: [Int?] = []
    }

    /// One approved SKP per occupied position, each created, submitted and approved after its
    /// evaluator's, so its hasil kerja utama cascade from the evaluator's RHKs.
    private mutating func planSKPs() throws {
      var plans: [PositionOccupant: Plan] = [:]
      var order: [PositionOccupant] = []
      for id in positions.keys.sorted() {
        let position = positions[id]!
        guard let owner = EvaluatorLookup.occupancy(of: position).holder else { continue }
        let evaluator = try resolver.chain(for: position.id).penilai.evaluator?.person
        let content = try content(for: position, isTop: evaluator == nil)
        plans[owner] = Plan(owner: owner, position: position, content: content, evaluator: evaluator)
        order.append(owner)
      }
      for owner in order {
        guard let evaluator = plans[owner]?.evaluator else { continue }
        let count = plans[evaluator]?.content.rhks.count ?? 0
        plans[owner]!.parents = plans[owner]!.content.rhks.indices.map { index in
          guard plans[owner]!.content.rhks[index].kind == .utama, count > 0 else { return nil }
          return (index + random.uniform(below: count)) % count
        }
      }
      var visiting: Set<PositionOccupant> = []
      for owner in order { try createSKP(of: owner, plans: plans, visiting: &visiting) }
    }

    /// Creates, submits and approves the SKP of `owner`, its evaluator's first.
    private mutating func createSKP(
      of owner: PositionOccupant, plans: [PositionOccupant: Plan], visiting: inout Set<PositionOccupant>
    ) throws {
      guard skps[owner] == nil, let plan = plans[owner] else { return }
      guard visiting.insert(owner).inserted else {
        throw RPCError(.internal, "the sample's evaluators go round in a circle at \(owner)")
      }
      var content = plan.content
      var approvedBy = "admin"
      if let evaluator = plan.evaluator {
        try createSKP(of: evaluator, plans: plans, visiting: &visiting)
        let parents = skps[evaluator]?.content.rhks.map(\.id) ?? []
        for (index, parent) in plan.parents.enumerated() {
          if let parent, parent < parents.count { content.rhks[index].parentRhkID = parents[parent] }
        }
        if case .employee(let id) = evaluator { approvedBy = nip(id) }
      }
      var skpOwner = SKPCommands.Owner(
        positionID: plan.position.id, positionTitle: plan.position.title, unitID: plan.position.unitID,
        level: plan.position.level, ownerName: plan.position.officialHolder)
      if case .employee(let id) = owner, let employee = employees[id] {
        skpOwner.employeeID = id
        skpOwner.ownerName = EvaluatorLookup.displayName(employee)
        skpOwner.unitID = employee.unitID
      }
      var record = try SKPCommands.create(
        for: skpOwner, year: Int32(year), months: 1...12, content: content, at: timestamp(month: 1, day: 6),
        in: mutation)
      _ = try SKPCommands.submit(&record, version: 1, at: timestamp(month: 1, day: 10), in: mutation)
      skps[owner] = try SKPCommands.approve(
        &record, version: 1, by: approvedBy, at: timestamp(month: 1, day: 20), in: mutation)
      counts.skps += 1
    }

    private mutating func content(for position: Simpeg_Internal_V1_PositionRecord, isTop: Bool) throws
      -> Simpeg_V1_SKPContent
    {
      var content = Simpeg_V1_SKPContent()
      content.approach = .kuantitatif
      let isJPT = position.level.rule?.kind == .pimpinanTinggi
      let unitName = try Tables.units.get(position.unitID, in: transaction)?.name ?? "unit kerja"
      let themes =
        isTop
        ? Self.cityGoals
        : (isJPT ? Self.leaderThemes : Self.staffThemes).map {
          $0.replacingOccurrences(of: "{unit}", with: unitName)
        }
      let count = isTop ? 4 : (isJPT ? 3 : 2)
      var offset = random.uniform(below: themes.count)
      for index in 0..<count {
        var rhk = Simpeg_V1_RHK()
        rhk.kind = .utama
        rhk.text = themes[offset % themes.count]
        offset += 1
        if isJPT { rhk.perspective = Simpeg_V1_JPTPerspective(rawValue: index % 4 + 1) ?? .penerimaLayanan }
        rhk.ikis = [iki(for: rhk.text)]
        content.rhks.append(rhk)
      }
      if !isTop && random.chance(percent: 30) {
        var extra = Simpeg_V1_RHK()
        extra.kind = .tambahan
        extra.text = "Menjadi narasumber dan pendamping kegiatan lintas perangkat daerah"
        if isJPT { extra.perspective = .penguatanInternal }
        extra.ikis = [iki(for: extra.text)]
        content.rhks.append(extra)
      }
      content.expectations = BerAKHLAK.allCases.map { value in
        var expectation = Simpeg_V1_BehaviourExpectation()
        expectation.value = Simpeg_V1_BerAKHLAK(rawValue: value.rawValue) ?? .unspecified
        expectation.expectation = Self.expectations[value.rawValue - 1]
        return expectation
      }
      return content
    }

    private mutating func iki(for text: String) -> Simpeg_V1_IKI {
      let (unit, range) = Self.outputUnits[random.uniform(below: Self.outputUnits.count)]
      var iki = Simpeg_V1_IKI()
      iki.aspect = .kuantitas
      iki.indicator = "Jumlah \(unit) \(text.prefix(1).lowercased())\(text.dropFirst())"
      iki.targetValue = Int64(random.int(in: range))
      iki.targetUnit = unit
      return iki
    }

    // MARK: The showcase unit

    private mutating func fillShowcase(_ unit: Simpeg_Internal_V1_UnitRecord) throws {
      let units = try UnitTree.subtree(of: unit.id, in: transaction)
      let memberSKPs = units.flatMap { member in
        skps.values.filter { $0.employeeID != 0 && $0.unitID == member }
      }.sorted { $0.id < $1.id }
      let head = positions[unit.headPositionID]
      let leaderID = head.map { $0.holderEmployeeID != 0 ? $0.holderEmployeeID : $0.actingEmployeeID } ?? 0
      let leader = leaderID == 0 ? "admin" : nip(leaderID)
      try logActivities(for: memberSKPs)
      try giveFeedback(to: memberSKPs)
      try holdDialogues(unit: unit, leaderID: leaderID, members: memberSKPs)
      var quarter = Simpeg_V1_EvaluationPeriod()
      quarter.year = Int32(year)
      quarter.kind = .triwulan
      quarter.number = 1
      // The unit's head is rated with the set of the unit above (the city's, which the sample
      // leaves open); everyone else of the unit with its set.
      let rated = memberSKPs.filter { head == nil || $0.employeeID != head?.holderEmployeeID }
      try evaluate(unit: unit, period: quarter, skps: rated, leader: leader, acknowledgeEvery: 2)
      for past in [year - 2, year - 1] {
        var annual = Simpeg_V1_EvaluationPeriod()
        annual.year = Int32(past)
        annual.kind = .tahunan
        annual.number = 1
        try evaluate(unit: unit, period: annual, skps: rated, leader: leader, acknowledgeEvery: 1)
      }
    }

    /// Activities on about two working days in five from January to March; reviewed up to the
    /// middle of March, pending after it.
    private mutating func logActivities(for members: [Simpeg_V1_SKP]) throws {
      let first = CalendarDate(year: year, month: 1, day: 2)!
      let last = CalendarDate(year: year, month: 3, day: 31)!
      let reviewedUntil = CalendarDate(year: year, month: 3, day: 14)!
      for skp in members {
        guard let employee = employees[skp.employeeID] else { continue }
        let utama = skp.content.rhks
        for day in first.dayNumber...last.dayNumber {
          let date = CalendarDate(dayNumber: day)
          guard !date.weekday.isWeekend, random.chance(percent: 40) else { continue }
          let rhk = utama[random.uniform(below: utama.count)]
          let start = 8 * 60 + 30 * random.int(in: 0...12)
          let end = start + 30 * random.int(in: 2...6)
          let description = Self.activityTexts[random.uniform(below: Self.activityTexts.count)]
          let quantity = Int64(random.int(in: 1...3))
          var evidence: [EvidenceIntake.Piece] = []
          if random.chance(percent: 15) {
            let name = "bukti-\(employee.nip)-\(WIBClock.dateKey(date)).pdf"
            var piece = Simpeg_V1_ActivityEvidence()
            piece.name = name
            piece.uri = "https://arsip.salatiga.go.id/kinerja/\(year)/\(name)"
            piece.sha256 = Data((0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            piece.sizeBytes = UInt64(random.int(in: 40_000...900_000))
            piece.mediaType = "application/pdf"
            evidence = [EvidenceIntake.Piece(evidence: piece, content: nil)]
          }
          let entry = ActivityCommands.Entry(
            employee: employee, skp: skp, rhk: rhk, iki: rhk.ikis[0], date: date, startMinute: UInt32(start),
            endMinute: UInt32(end), description: description, outputQuantity: quantity, evidence: evidence)
          let activity = try ActivityCommands.log(
            entry, by: employee.nip, at: WIBClock.timestamp(date, minute: start + 240), in: mutation)
          counts.activities += 1
          guard date <= reviewedUntil else { continue }
          let rejected = random.chance(percent: 7)
          _ = try ActivityCommands.review(
            activity, approve: !rejected,
            note: rejected ? "Bukti dukung belum dilampirkan; unggah dan catat ulang" : "",
            by: skp.evaluator.official ? "admin" : nip(skp.evaluator.employeeID),
            at: WIBClock.timestamp(date.adding(days: 1), minute: 9 * 60), in: mutation)
        }
      }
    }

    private mutating func giveFeedback(to members: [Simpeg_V1_SKP]) throws {
      for skp in members where skp.evaluator.employeeID != 0 && random.chance(percent: 35) {
        guard let employee = employees[skp.employeeID] else { continue }
        let subject: FeedbackCommands.Subject
        let text: String
        if random.chance(percent: 50), let rhk = skp.content.rhks.first {
          subject = .rhk(rhk.id)
          text = "Capaian bulan ini sudah baik; percepat penyelesaian berkas yang tertunda."
        } else {
          let value = BerAKHLAK.allCases[random.uniform(below: 7)]
          subject = .value(Simpeg_V1_BerAKHLAK(rawValue: value.rawValue) ?? .unspecified)
          text = "Pertahankan sikap \(value) dalam melayani warga di loket."
        }
        _ = try FeedbackCommands.give(
          to: employee, year: Int32(year), skpID: skp.id, on: subject, text: text,
          by: nip(skp.evaluator.employeeID), authorEmployeeID: skp.evaluator.employeeID,
          at: timestamp(month: 2, day: random.int(in: 3...27)), in: mutation)
      }
    }

    /// Two dialogues of the unit's leader with the people reporting to them: three follow-ups
    /// agreed in January, one met in February and the other two carried over.
    private mutating func holdDialogues(
      unit: Simpeg_Internal_V1_UnitRecord, leaderID: UInt64, members: [Simpeg_V1_SKP]
    ) throws {
      let attendees =
        [leaderID].filter { $0 != 0 }
        + members.filter { $0.evaluator.employeeID == leaderID && leaderID != 0 }.map(\.employeeID)
      guard attendees.count >= 4 else { return }
      let recorder = leaderID == 0 ? "admin" : nip(leaderID)
      let firstDay = CalendarDate(year: year, month: 1, day: 27)!
      var first = Simpeg_V1_RecordDialogueRequest()
      first.unitID = unit.id
      first.date = Simpeg_V1_Date(firstDay)
      first.attendeeIds = attendees
      first.agenda = "Evaluasi capaian layanan adminduk Januari dan rencana jemput bola"
      first.notes = "Antrean KTP-el menurun; perlu percepatan penerbitan akta kelahiran."
      first.followUps = attendees.dropFirst().prefix(3).enumerated().map { index, employeeID in
        var followUp = Simpeg_V1_NewFollowUp()
        followUp.employeeID = employeeID
        followUp.action = Self.followUpActions[index]
        followUp.due = Simpeg_V1_Date(CalendarDate(year: year, month: 2, day: 21)!)
        return followUp
      }
      let agreed = try DialogueRecording.record(
        first, of: unit, leader: leaderID, recordedBy: recorder, today: firstDay,
        at: timestamp(month: 1, day: 27), in: mutation
      ).agreed
      let secondDay = CalendarDate(year: year, month: 2, day: 24)!
      var second = Simpeg_V1_RecordDialogueRequest()
      second.unitID = unit.id
      second.date = Simpeg_V1_Date(secondDay)
      second.attendeeIds = attendees
      second.agenda = "Tindak lanjut dialog Januari; persiapan evaluasi triwulan I"
      second.notes = "Jadwal pelayanan keliling kelurahan sudah berjalan."
      second.resolutions = agreed.enumerated().map { index, followUp in
        var resolution = Simpeg_V1_FollowUpResolution()
        resolution.followUpID = followUp.id
        resolution.met = index == 0
        resolution.note = index == 0 ? "selesai" : "belum selesai"
        return resolution
      }
      _ = try DialogueRecording.record(
        second, of: unit, leader: leaderID, recordedBy: recorder, today: secondDay,
        at: timestamp(month: 2, day: 24), in: mutation)
    }

    /// Sets the predikat organisasi Baik (BKPSDM, for the Wali Kota: the unit is a perangkat
    /// daerah), rates everyone with a conforming distribution, finalises the period as the unit's
    /// leader, and has some acknowledge their result.
    private mutating func evaluate(
      unit: Simpeg_Internal_V1_UnitRecord, period: Simpeg_V1_EvaluationPeriod, skps members: [Simpeg_V1_SKP],
      leader: String,
      acknowledgeEvery: Int
    ) throws {
      let checked = try CheckedPeriod.check(period, in: transaction)
      let finalisedAt =
        checked.kind == .tahunan
        ? timestamp(year: checked.year + 1, month: 1, day: 31)
        : timestamp(month: 4, day: 10)
      _ = try EvaluationCommands.setOrganisationPredikat(
        .baik, note: "Capaian IKU perangkat daerah \(checked.year) sesuai target", of: unit, for: checked,
        by: "admin", at: finalisedAt, in: mutation)
      var predikats = SamplePerformance.baikDistribution(size: members.count)
      random.shuffle(&predikats)
      var rated: [UInt64] = []
      for (index, skp) in members.enumerated() {
        guard let employee = employees[skp.employeeID] else { continue }
        let (hasilKerja, perilaku) = SamplePerformance.ratings(for: predikats[index], variant: index)
        let ratings = EvaluationCommands.Ratings(
          hasilKerja: Simpeg_V1_Rating(rawValue: hasilKerja.rawValue) ?? .unspecified,
          perilaku: Simpeg_V1_Rating(rawValue: perilaku.rawValue) ?? .unspecified,
          behaviour: [BerAKHLAK.berorientasiPelayanan, .kolaboratif].map { value in
            var feedback = Simpeg_V1_BehaviourFeedback()
            feedback.value = Simpeg_V1_BerAKHLAK(rawValue: value.rawValue) ?? .unspecified
            feedback.feedback = "\(value): sesuai ekspektasi pimpinan."
            return feedback
          })
        let evaluation = try EvaluationCommands.rate(
          employee, for: checked, skpID: checked.year == year ? skp.id : 0, level: skp.level,
          months: checked.months.count, ratings: ratings,
          by: skp.evaluator.official ? "admin" : nip(skp.evaluator.employeeID),
          raterEmployeeID: skp.evaluator.employeeID, at: finalisedAt, in: mutation)
        rated.append(evaluation.id)
      }
      _ = try EvaluationCommands.finalise(
        unit, for: checked, override: "", mayOverride: false, by: leader,
        on: WIBClock.local(finalisedAt).date, at: finalisedAt, in: mutation)
      for (index, id) in rated.enumerated() where index % acknowledgeEvery == 0 {
        let evaluation = try Tables.evaluations.get(id, in: transaction)!
        _ = try EvaluationCommands.acknowledge(evaluation, note: "", at: finalisedAt, in: mutation)
      }
      counts.evaluations += rated.count
    }

    // MARK: Helpers

    private func nip(_ employeeID: UInt64) -> String { employees[employeeID]?.nip ?? "admin" }

    /// 09:00 WIB of a day of the sample's year (or of `year`).
    private func timestamp(year: Int? = nil, month: Int, day: Int) -> Google_Protobuf_Timestamp {
      WIBClock.timestamp(CalendarDate(year: year ?? self.year, month: month, day: day)!, minute: 9 * 60)
    }

    static let cityGoals = [
      "Meningkatnya kualitas pelayanan publik yang cepat, mudah dan terjangkau",
      "Meningkatnya kualitas sumber daya manusia dan kesejahteraan masyarakat",
      "Meningkatnya pertumbuhan ekonomi daerah yang inklusif",
      "Terwujudnya tata kelola pemerintahan yang bersih, akuntabel dan berbasis kinerja",
    ]
    static let leaderThemes = [
      "Meningkatnya indeks kepuasan masyarakat atas layanan {unit}",
      "Tersedianya layanan {unit} yang terintegrasi secara digital",
      "Meningkatnya akuntabilitas kinerja dan keuangan {unit}",
      "Terselesaikannya program prioritas {unit} tepat waktu",
    ]
    static let staffThemes = [
      "Tersusunnya laporan pelaksanaan kegiatan {unit}",
      "Terlayaninya permohonan layanan pada {unit} sesuai standar",
      "Tersedianya data dan dokumen pendukung kebijakan {unit}",
      "Terlaksananya monitoring dan evaluasi program {unit}",
      "Terkelolanya arsip dan administrasi {unit}",
    ]
    static let outputUnits: [(String, ClosedRange<Int>)] = [
      ("dokumen", 24...120), ("laporan", 12...24), ("kegiatan", 12...48), ("berkas", 120...480),
    ]
    static let expectations = [
      "Melayani warga dengan ramah, cepat dan tuntas",
      "Melaksanakan tugas dengan jujur, bertanggung jawab dan tepat waktu",
      "Terus belajar dan berbagi pengetahuan dengan rekan kerja",
      "Menghargai setiap orang dan membangun suasana kerja yang kondusif",
      "Menjaga nama baik instansi dan memegang teguh rahasia jabatan",
      "Cepat menyesuaikan diri dan antusias terhadap perubahan",
      "Terbuka bekerja sama lintas unit untuk hasil yang lebih baik",
    ]
    static let activityTexts = [
      "Melayani permohonan KTP-el di loket pelayanan",
      "Memverifikasi berkas permohonan akta kelahiran",
      "Menyusun laporan harian layanan",
      "Melaksanakan pelayanan jemput bola di kelurahan",
      "Memperbarui data kependudukan pada aplikasi SIAK",
      "Mengikuti rapat koordinasi bidang",
      "Menerbitkan kartu keluarga hasil perubahan data",
    ]
    static let followUpActions = [
      "Menuntaskan tunggakan berkas akta kelahiran bulan Januari",
      "Menyusun jadwal pelayanan keliling ke kelurahan",
      "Menyiapkan bahan laporan capaian triwulan I",
    ]
  }
}
