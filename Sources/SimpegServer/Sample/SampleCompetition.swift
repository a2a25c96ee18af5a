import SimpegAPI
import SimpegKinerja
import SimpegStore

/// The sample's finished innovation competition: the city's lomba inovasi pelayanan publik of
/// the year, two categories, five weighted criteria, three judges from Bappeda, the Inspektorat
/// and Diskominfo, innovations from the service units, every allowed scorecard, and the
/// published ranking (computed by the same rules as `PublishResults`).
enum SampleCompetition {
  /// An innovation of the sample: its unit (by name), category and title.
  private static let innovations: [(unit: String, category: UInt32, title: String, description: String)] = [
    (
      "Dinas Kependudukan dan Pencatatan Sipil", 1, "Dukcapil Jemput Bola",
      "Perekaman KTP-el dan penerbitan dokumen kependudukan di kelurahan, sekolah dan panti bagi warga "
        + "yang sulit datang ke kantor."
    ),
    (
      "Dinas Kependudukan dan Pencatatan Sipil", 1, "Akta Lahir Langsung dari Rumah Sakit",
      "Akta kelahiran, Kartu Keluarga dan KIA diterbitkan sebelum ibu dan bayi pulang dari rumah sakit."
    ),
    (
      "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 1, "Izin Usaha Sehari Jadi",
      "Pendampingan pelaku UMKM mengurus NIB dan izin usaha berbasis risiko dalam satu kunjungan."
    ),
    (
      "Kecamatan Tingkir", 1, "Legalisasi Tanpa Antre",
      "Pendaftaran legalisasi dokumen lewat WhatsApp dengan jadwal ambil, tanpa antre di kantor kecamatan."
    ),
    (
      "Rumah Sakit Umum Daerah Kota Salatiga", 2, "Antrean Poliklinik Daring",
      "Nomor antrean poliklinik diambil dari rumah; waktu tunggu pasien turun dari jam ke menit."
    ),
    (
      "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 2, "Kinerja ASN Terbuka",
      "Pegawai mencatat kegiatan dan bukti dukung setiap hari; atasan memberi umpan balik langsung."
    ),
  ]

  /// The judges' units, by name.
  private static let judgeUnits = [
    "Badan Perencanaan, Penelitian dan Pengembangan Daerah", "Inspektorat Daerah",
    "Dinas Komunikasi dan Informatika",
  ]

  /// Writes the competition stage by stage through ``CompetitionCommands``; returns how many
  /// innovations it holds (0 when the organisation lacks the units it needs).
  static func write(
    year: Int, staff: [UInt64: [UInt64]], unitsByName: [String: UInt64], random: inout SeededGenerator,
    in mutation: Mutation
  ) throws -> Int {
    let transaction = mutation.transaction
    let judgeEmployees = judgeUnits.compactMap { unitsByName[$0].flatMap { staff[$0]?.first } }
    guard judgeEmployees.count == judgeUnits.count else { return 0 }
    var competition = Simpeg_Internal_V1_CompetitionRecord()
    competition.year = Int32(year)
    competition.name = "Lomba Inovasi Pelayanan Publik Kota Salatiga \(year)"
    competition.description_p = "Kompetisi inovasi pelayanan publik perangkat daerah Kota Salatiga."
    competition.categories = try InnovationHandler.categories([
      "Pelayanan Publik", "Tata Kelola Pemerintahan",
    ])
    (competition.scoreMin, competition.scoreMax) = (1, 100)
    competition.criteria = try InnovationHandler.criteria(
      [
        ("Kebaruan", 25), ("Kemanfaatan", 30), ("Keberlanjutan", 20), ("Kemudahan Replikasi", 15),
        ("Keterlibatan Pemangku Kepentingan", 10),
      ].map { name, weight in
        var spec = Simpeg_V1_CriterionSpec()
        spec.name = name
        spec.weight = UInt32(weight)
        return spec
      }, scoreRange: 1...100)
    competition.judges = try InnovationHandler.judges(
      judgeEmployees.map { id in
        var spec = Simpeg_V1_JudgeSpec()
        spec.employeeID = id
        return spec
      }, keeping: [], in: transaction)
    competition = try CompetitionCommands.create(
      competition, at: WIBClock.timestamp(time(year, 7, 1, 9)), in: mutation)

    var stored: [Simpeg_Internal_V1_InnovationRecord] = []
    for (offset, spec) in innovations.enumerated() {
      guard let unitID = unitsByName[spec.unit], let people = staff[unitID], !people.isEmpty else { continue }
      var evidence = Simpeg_V1_InnovationEvidence()
      evidence.label = "Proposal inovasi"
      evidence.url = "https://salatiga.go.id/inovasi/\(year)/\(offset + 1)"
      let team = min(people.count, 1 + random.uniform(below: 3))
      stored.append(
        try CompetitionCommands.submit(
          to: competition, category: spec.category, title: spec.title, description: spec.description,
          evidence: [evidence], authors: Array(people.prefix(team)), by: "admin",
          at: WIBClock.timestamp(time(year, 8, 4 + offset * 3, 10 + offset % 4)), in: mutation))
    }
    competition = try CompetitionCommands.startJudging(
      competition, at: WIBClock.timestamp(time(year, 9, 15, 9)), in: mutation)
    for judge in competition.judges {
      let judgeUnit = try InnovationHandler.perangkatDaerah(of: judge, in: transaction)
      for innovation in stored {
        let agencies = try Set(innovation.unitIds.compactMap { try PerangkatDaerah.of($0, in: transaction) })
        if let judgeUnit, agencies.contains(judgeUnit) { continue }
        var scores: [UInt64: Int] = [:]
        for criterion in competition.criteria { scores[UInt64(criterion.id)] = random.int(in: 62...95) }
        _ = try CompetitionCommands.score(
          innovation.id, of: competition, by: judge, scores: scores,
          at: WIBClock.timestamp(time(year, 10, 1 + Int(judge.id) * 3, 10)), in: mutation)
      }
    }
    _ = try CompetitionCommands.publish(
      competition, at: WIBClock.timestamp(time(year, 10, 28, 10)), in: mutation)
    return stored.count
  }

  private static func time(_ year: Int, _ month: Int, _ day: Int, _ hour: Int) -> LocalDateTime {
    LocalDateTime(date: CalendarDate(year: year, month: month, day: day)!, hour: hour, minute: 0)!
  }
}
