import Foundation
import SimpegAPI
import SimpegKinerja
import SimpegStore

/// Extends the sample Kota Salatiga with its performance cycle, deterministic from the seed:
/// approved SKPs for the reference year for the Wali Kota and everyone holding a position, each
/// hasil kerja utama cascading from the evaluator's RHKs; and, in one showcase unit (the Dinas
/// Kependudukan dan Pencatatan Sipil), the first quarter's activities with their reviews,
/// feedback, two performance dialogues with a carried-over follow-up, the first quarter
/// finalised under a predikat organisasi Baik, and the annual evaluations of the two years
/// before (with angka kredit for functional posts).
///
/// Written in one transaction with one audit record, right after ``SampleLoader``.
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
      let transaction = mutation.transaction
      var builder = try Builder(seed: seed, year: referenceYear, transaction: transaction)
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
    let transaction: WriteTransaction
    var random: SeededGenerator
    let positions: [UInt64: Simpeg_V1_Position]
    let employees: [UInt64: Simpeg_V1_Employee]
    let resolver: EvaluatorResolver<UInt64, PositionOccupant>
    var skps: [PositionOccupant: Simpeg_V1_SKP] = [:]
    var counts = Counts()
    /// The last id given out per kind; written back to the counters once, at the end.
    var lastIDs: [String: UInt64] = [:]

    init(seed: UInt64, year: Int, transaction: WriteTransaction) throws {
      self.year = year
      self.transaction = transaction
      self.random = SeededGenerator(seed: seed ^ 0x4B49_4E45_524A_4121)
      let positions = try Tables.positions.scan(in: transaction).map(\.value)
      self.positions = Dictionary(uniqueKeysWithValues: positions.map { ($0.id, $0) })
      self.employees = Dictionary(
        uniqueKeysWithValues: try Tables.employees.scan(in: transaction).map { ($0.key, $0.value) })
      self.resolver = try EvaluatorResolver(positions.map(EvaluatorLookup.occupancy))
    }

    mutating func build() throws -> Counts {
      var setting = Simpeg_V1_PeriodKindSetting()
      setting.year = Int32(year)
      setting.kind = .triwulan
      setting.setBy = "simpegd"
      setting.setAt = timestamp(month: 1, day: 2)
      try Tables.periodKinds.put(setting, for: UInt32(year), in: transaction)
      try planSKPs()
      if let showcase = try Tables.units.scan(in: transaction).first(where: {
        $0.value.name == SamplePerformance.showcaseUnitName
      })?.value {
        try fillShowcase(showcase)
      }
      for (kind, value) in lastIDs {
        var counter = Simpeg_Internal_V1_Counter()
        counter.value = value
        try Tables.counters.put(counter, for: kind, in: transaction)
      }
      return counts
    }

    /// The next id of `kind`, as `Tables.nextID` would give it.
    private mutating func nextID(_ kind: String) throws -> UInt64 {
      let last = try lastIDs[kind] ?? Tables.counters.get(kind, in: transaction)?.value ?? 0
      lastIDs[kind] = last + 1
      return last + 1
    }

    // MARK: SKPs

    /// One approved SKP per occupied position, RHKs first, then the cascade links.
    private mutating func planSKPs() throws {
      var order: [PositionOccupant] = []
      for id in positions.keys.sorted() {
        let position = positions[id]!
        guard let owner = EvaluatorLookup.occupancy(of: position).holder else { continue }
        var skp = Simpeg_V1_SKP()
        skp.id = try nextID("skp")
        skp.year = Int32(year)
        skp.version = 1
        skp.status = .approved
        skp.positionID = position.id
        skp.positionTitle = position.title
        skp.unitID = position.unitID
        skp.level = position.level
        skp.firstMonth = 1
        skp.lastMonth = 12
        switch owner {
        case .employee(let employeeID):
          skp.employeeID = employeeID
          if let employee = employees[employeeID] {
            skp.ownerName = EvaluatorLookup.displayName(employee)
            skp.unitID = employee.unitID
          }
        case .official:
          skp.ownerName = position.officialHolder
        }
        let chain = try resolver.chain(for: position.id)
        if let penilai = chain.penilai.evaluator { skp.evaluator = person(penilai) }
        if let atasan = chain.atasanPenilai?.evaluator { skp.atasan = person(atasan) }
        skp.content = try content(for: skp, position: position)
        skp.createdAt = timestamp(month: 1, day: 6)
        skp.updatedAt = timestamp(month: 1, day: 20)
        skp.submittedAt = timestamp(month: 1, day: 10)
        skp.approvedAt = timestamp(month: 1, day: 20)
        skp.approvedBy = skp.evaluator.official || !skp.hasEvaluator ? "admin" : nip(skp.evaluator.employeeID)
        skps[owner] = skp
        order.append(owner)
      }
      for owner in order {
        var skp = skps[owner]!
        if skp.hasEvaluator {
          let key: PositionOccupant =
            skp.evaluator.official
            ? .official(position: skp.evaluator.positionID) : .employee(skp.evaluator.employeeID)
          let parents = skps[key]?.content.rhks.map(\.id) ?? []
          for index in skp.content.rhks.indices
          where skp.content.rhks[index].kind == .utama && !parents.isEmpty {
            skp.content.rhks[index].parentRhkID =
              parents[(index + random.uniform(below: parents.count)) % parents.count]
          }
        }
        var record = Simpeg_Internal_V1_SKPRecord()
        record.id = skp.id
        record.versions = [skp]
        record.inForceVersion = 1
        try Tables.skps.insert(record, for: skp.id, in: transaction)
        skps[owner] = skp
        counts.skps += 1
      }
    }

    private mutating func content(for skp: Simpeg_V1_SKP, position: Simpeg_V1_Position) throws
      -> Simpeg_V1_SKPContent
    {
      var content = Simpeg_V1_SKPContent()
      content.approach = .kuantitatif
      let isTop = !skp.hasEvaluator
      let isJPT = skp.level.rule?.kind == .pimpinanTinggi
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
        rhk.id = try nextID("rhk")
        rhk.kind = .utama
        rhk.text = themes[offset % themes.count]
        offset += 1
        if isJPT { rhk.perspective = Simpeg_V1_JPTPerspective(rawValue: index % 4 + 1) ?? .penerimaLayanan }
        rhk.ikis = [try iki(for: rhk.text)]
        content.rhks.append(rhk)
      }
      if !isTop && random.chance(percent: 30) {
        var extra = Simpeg_V1_RHK()
        extra.id = try nextID("rhk")
        extra.kind = .tambahan
        extra.text = "Menjadi narasumber dan pendamping kegiatan lintas perangkat daerah"
        if isJPT { extra.perspective = .penguatanInternal }
        extra.ikis = [try iki(for: extra.text)]
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

    private mutating func iki(for text: String) throws -> Simpeg_V1_IKI {
      let (unit, range) = Self.outputUnits[random.uniform(below: Self.outputUnits.count)]
      var iki = Simpeg_V1_IKI()
      iki.id = try nextID("iki")
      iki.aspect = .kuantitas
      iki.indicator = "Jumlah \(unit) \(text.prefix(1).lowercased())\(text.dropFirst())"
      iki.targetValue = Int64(random.int(in: range))
      iki.targetUnit = unit
      return iki
    }

    // MARK: The showcase unit

    private mutating func fillShowcase(_ unit: Simpeg_V1_Unit) throws {
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
      try evaluate(unit: unit, period: quarter, skps: memberSKPs, leader: leader, acknowledgeEvery: 2)
      for past in [year - 2, year - 1] {
        var annual = Simpeg_V1_EvaluationPeriod()
        annual.year = Int32(past)
        annual.kind = .tahunan
        annual.number = 1
        try evaluate(unit: unit, period: annual, skps: memberSKPs, leader: leader, acknowledgeEvery: 1)
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
          var activity = Simpeg_V1_Activity()
          activity.id = try nextID("activity")
          activity.employeeID = skp.employeeID
          activity.skpID = skp.id
          activity.rhkID = rhk.id
          activity.ikiID = rhk.ikis[0].id
          activity.date = Simpeg_V1_Date(date)
          activity.startMinute = UInt32(start)
          activity.endMinute = UInt32(start + 30 * random.int(in: 2...6))
          activity.description_p = Self.activityTexts[random.uniform(below: Self.activityTexts.count)]
          activity.outputQuantity = Int64(random.int(in: 1...3))
          activity.outputUnit = rhk.ikis[0].targetUnit
          if random.chance(percent: 15) {
            var evidence = Simpeg_V1_ActivityEvidence()
            evidence.name = "bukti-\(activity.id).pdf"
            evidence.uri = "https://arsip.salatiga.go.id/kinerja/\(year)/bukti-\(activity.id).pdf"
            evidence.sha256 = Data((0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            evidence.sizeBytes = UInt64(random.int(in: 40_000...900_000))
            evidence.mediaType = "application/pdf"
            activity.evidence = [evidence]
          }
          activity.status = .pending
          activity.loggedAt = timestamp(date, minute: start + 240)
          activity.unitID = employee.unitID
          activity.revision = 1
          activity.loggedBy = employee.nip
          activity.evaluatorEmployeeID = skp.evaluator.employeeID
          try ActivityServiceHandler.save(activity, in: transaction)
          counts.activities += 1
          guard date <= reviewedUntil else { continue }
          let rejected = random.chance(percent: 7)
          activity.status = rejected ? .rejected : .approved
          activity.reviewNote = rejected ? "Bukti dukung belum dilampirkan; unggah dan catat ulang" : ""
          activity.reviewedBy = skp.evaluator.official ? "admin" : nip(skp.evaluator.employeeID)
          activity.reviewedAt = timestamp(date.adding(days: 1), minute: 9 * 60)
          activity.revision = 2
          try ActivityServiceHandler.save(activity, in: transaction)
        }
      }
    }

    private mutating func giveFeedback(to members: [Simpeg_V1_SKP]) throws {
      for skp in members where skp.evaluator.employeeID != 0 && random.chance(percent: 35) {
        var feedback = Simpeg_V1_Feedback()
        feedback.id = try nextID("feedback")
        feedback.employeeID = skp.employeeID
        feedback.year = Int32(year)
        feedback.skpID = skp.id
        if random.chance(percent: 50), let rhk = skp.content.rhks.first {
          feedback.rhkID = rhk.id
          feedback.text = "Capaian bulan ini sudah baik; percepat penyelesaian berkas yang tertunda."
        } else {
          let value = BerAKHLAK.allCases[random.uniform(below: 7)]
          feedback.value = Simpeg_V1_BerAKHLAK(rawValue: value.rawValue) ?? .unspecified
          feedback.text = "Pertahankan sikap \(value) dalam melayani warga di loket."
        }
        feedback.author = nip(skp.evaluator.employeeID)
        feedback.authorEmployeeID = skp.evaluator.employeeID
        feedback.createdAt = timestamp(month: 2, day: random.int(in: 3...27))
        try Tables.feedback.insert(feedback, for: feedback.id, in: transaction)
      }
    }

    /// Two dialogues of the unit's leader with the people reporting to them: three follow-ups
    /// agreed in January, one met in February and the other two carried over.
    private mutating func holdDialogues(
      unit: Simpeg_V1_Unit, leaderID: UInt64, members: [Simpeg_V1_SKP]
    ) throws {
      let attendees =
        [leaderID].filter { $0 != 0 }
        + members.filter { $0.evaluator.employeeID == leaderID && leaderID != 0 }.map(\.employeeID)
      guard attendees.count >= 4 else { return }
      let recorder = leaderID == 0 ? "admin" : nip(leaderID)
      var first = Simpeg_V1_Dialogue()
      first.id = try nextID("dialogue")
      first.unitID = unit.id
      first.date = Simpeg_V1_Date(CalendarDate(year: year, month: 1, day: 27)!)
      first.attendeeIds = attendees
      first.agenda = "Evaluasi capaian layanan adminduk Januari dan rencana jemput bola"
      first.notes = "Antrean KTP-el menurun; perlu percepatan penerbitan akta kelahiran."
      first.leaderEmployeeID = leaderID
      first.recordedBy = recorder
      first.recordedAt = timestamp(month: 1, day: 27)
      var agreed: [Simpeg_V1_FollowUp] = []
      for (index, employeeID) in attendees.dropFirst().prefix(3).enumerated() {
        var followUp = Simpeg_V1_FollowUp()
        followUp.id = try nextID("follow_up")
        followUp.dialogueID = first.id
        followUp.unitID = unit.id
        followUp.employeeID = employeeID
        followUp.action = Self.followUpActions[index]
        followUp.due = Simpeg_V1_Date(CalendarDate(year: year, month: 2, day: 21)!)
        followUp.status = .open
        agreed.append(followUp)
      }
      first.agreed = agreed
      var second = Simpeg_V1_Dialogue()
      second.id = try nextID("dialogue")
      second.unitID = unit.id
      second.date = Simpeg_V1_Date(CalendarDate(year: year, month: 2, day: 24)!)
      second.attendeeIds = attendees
      second.agenda = "Tindak lanjut dialog Januari; persiapan evaluasi triwulan I"
      second.notes = "Jadwal pelayanan keliling kelurahan sudah berjalan."
      second.leaderEmployeeID = leaderID
      second.recordedBy = recorder
      second.recordedAt = timestamp(month: 2, day: 24)
      for index in agreed.indices {
        if index == 0 {
          agreed[index].status = .met
          agreed[index].closedInDialogueID = second.id
          agreed[index].notes = ["\(CalendarDate(year: year, month: 2, day: 24)!): selesai"]
          second.closed.append(agreed[index])
        } else {
          agreed[index].carriedInto = [second.id]
          agreed[index].notes = ["\(CalendarDate(year: year, month: 2, day: 24)!): belum selesai"]
          second.carriedOver.append(agreed[index])
        }
        try Tables.followUps.insert(agreed[index], for: agreed[index].id, in: transaction)
      }
      try Tables.dialogues.insert(first, for: first.id, in: transaction)
      try Tables.dialogues.insert(second, for: second.id, in: transaction)
    }

    /// Sets the predikat organisasi Baik, rates everyone with a conforming distribution and
    /// finalises the period.
    private mutating func evaluate(
      unit: Simpeg_V1_Unit, period: Simpeg_V1_EvaluationPeriod, skps members: [Simpeg_V1_SKP], leader: String,
      acknowledgeEvery: Int
    ) throws {
      let checked = try CheckedPeriod(period, periodicKind: .triwulan)
      let finalisedAt =
        checked.kind == .tahunan
        ? timestamp(year: checked.year + 1, month: 1, day: 31)
        : timestamp(month: 4, day: 10)
      var predikats = SamplePerformance.baikDistribution(size: members.count)
      random.shuffle(&predikats)
      for (index, skp) in members.enumerated() {
        let (hasilKerja, perilaku) = SamplePerformance.ratings(for: predikats[index], variant: index)
        var evaluation = Simpeg_V1_Evaluation()
        evaluation.id = try nextID("evaluation")
        evaluation.employeeID = skp.employeeID
        evaluation.skpID = checked.year == year ? skp.id : 0
        evaluation.period = checked.message
        evaluation.unitID = skp.unitID
        evaluation.organisationUnitID = unit.id
        evaluation.hasilKerja = Simpeg_V1_Rating(rawValue: hasilKerja.rawValue) ?? .unspecified
        evaluation.perilaku = Simpeg_V1_Rating(rawValue: perilaku.rawValue) ?? .unspecified
        evaluation.behaviour = [BerAKHLAK.berorientasiPelayanan, .kolaboratif].map { value in
          var feedback = Simpeg_V1_BehaviourFeedback()
          feedback.value = Simpeg_V1_BerAKHLAK(rawValue: value.rawValue) ?? .unspecified
          feedback.feedback = "\(value): sesuai ekspektasi pimpinan."
          return feedback
        }
        evaluation.predikat = Simpeg_V1_Predikat(Predikat(hasilKerja: hasilKerja, perilaku: perilaku))
        evaluation.ratedBy = skp.evaluator.official ? "admin" : nip(skp.evaluator.employeeID)
        evaluation.ratedByEmployeeID = skp.evaluator.employeeID
        evaluation.ratedAt = finalisedAt
        evaluation.level = skp.level
        evaluation.months = UInt32(checked.months.count)
        evaluation.status = index % acknowledgeEvery == 0 ? .acknowledged : .finalised
        evaluation.finalisedBy = leader
        evaluation.finalisedAt = finalisedAt
        if evaluation.status == .acknowledged { evaluation.acknowledgedAt = finalisedAt }
        try AngkaKreditAward.apply(to: &evaluation, period: checked)
        try Tables.evaluations.insert(evaluation, for: evaluation.id, in: transaction)
        counts.evaluations += 1
      }
      var organisation = Simpeg_V1_OrganisationPredikat()
      organisation.unitID = unit.id
      organisation.period = checked.message
      organisation.predikat = .baik
      organisation.note = "Capaian IKU perangkat daerah \(checked.year) sesuai target"
      organisation.setBy = leader
      organisation.setAt = finalisedAt
      organisation.finalised = true
      organisation.finalisedBy = leader
      organisation.finalisedAt = finalisedAt
      try Tables.organisationPredikat.put(
        organisation, for: OrganisationCoverage.key(unit.id, checked), in: transaction)
    }

    // MARK: Helpers

    private func person(_ evaluator: Evaluator<UInt64, PositionOccupant>) -> Simpeg_V1_PositionPerson {
      var person = Simpeg_V1_PositionPerson()
      person.positionID = evaluator.position
      person.acting = evaluator.isPlt
      let position = positions[evaluator.position]
      person.positionTitle = position?.title ?? ""
      switch evaluator.person {
      case .employee(let id):
        person.employeeID = id
        person.name = employees[id].map(EvaluatorLookup.displayName) ?? ""
      case .official:
        person.official = true
        person.name = position?.officialHolder ?? ""
      }
      return person
    }

    private func nip(_ employeeID: UInt64) -> String { employees[employeeID]?.nip ?? "admin" }

    private func timestamp(year: Int? = nil, month: Int, day: Int) -> Google_Protobuf_Timestamp {
      timestamp(CalendarDate(year: year ?? self.year, month: month, day: day)!, minute: 9 * 60)
    }

    /// A fixed moment of a day in WIB.
    private func timestamp(_ date: CalendarDate, minute: Int) -> Google_Protobuf_Timestamp {
      let seconds = date.dayNumber * 86_400 + minute * 60 - 7 * 3_600  // WIB is UTC+7
      return Google_Protobuf_Timestamp(seconds: Int64(seconds), nanos: 0)
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
