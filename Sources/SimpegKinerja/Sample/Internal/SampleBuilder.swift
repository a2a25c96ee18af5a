/// Builds the sample organisation top-down: units with their heads, then staff under each head,
/// then acting holders (Plt) for some vacant posts.
struct SampleBuilder {
  private var random: SeededGenerator
  private let seed: UInt64
  private let referenceYear: Int
  private var units: [SampleUnit] = []
  private var positions: [SamplePosition] = []
  private var employees: [SampleEmployee] = []
  private var officials: [SampleOfficial] = []
  private var usedNIPs: Set<String> = []

  /// The chance, in percent, that a managerial post (below the Sekda) is vacant.
  private static let vacancyPercent = 6
  /// The chance, in percent, that a vacant post has a Plt.
  private static let pltPercent = 55

  init(seed: UInt64, referenceYear: Int) {
    self.random = SeededGenerator(seed: seed)
    self.seed = seed
    self.referenceYear = referenceYear
  }

  mutating func build() -> SampleOrganisation {
    let city = addUnit(
      kind: .pemerintahKota, name: "Pemerintah Kota Salatiga", parent: nil, headTitle: "Wali Kota Salatiga",
      level: nil, eselon: nil, supervisor: nil, field: .general, vacancyPercent: 0)
    let sekda = buildSekretariatDaerah(city: city)
    buildSekretariatDPRD(city: city, sekda: sekda)
    buildInspektorat(city: city, sekda: sekda)
    for template in DepartmentTemplate.all { buildDepartment(template, city: city, sekda: sekda) }
    for kecamatan in SalatigaSample.kecamatan {
      buildKecamatan(name: kecamatan.name, kelurahan: kecamatan.kelurahan, city: city, sekda: sekda)
    }
    assignPlt()
    return SampleOrganisation(
      seed: seed, referenceYear: referenceYear, units: units, positions: positions, employees: employees,
      officials: officials)
  }

  // MARK: Structure

  private mutating func buildSekretariatDaerah(city: (unit: Int, head: Int)) -> Int {
    let setda = addUnit(
      kind: .sekretariatDaerah, name: "Sekretariat Daerah", parent: city.unit, headTitle: "Sekretaris Daerah",
      level: .jptPratama, eselon: .iia, supervisor: city.head, field: .general, vacancyPercent: 0)
    for bidang in [
      "Pemerintahan, Hukum dan Politik", "Ekonomi, Keuangan dan Pembangunan",
      "Kemasyarakatan dan Sumber Daya Manusia",
    ] {
      addPosition(
        unit: setda.unit, name: "Staf Ahli Wali Kota Bidang \(bidang)", level: .jptPratama, eselon: .iib,
        supervisor: setda.head, field: .general, pppkPercent: 0, vacancyPercent: Self.vacancyPercent)
    }
    let asisten: [(String, [(String, [StaffType])])] = [
      (
        "Pemerintahan dan Kesejahteraan Rakyat",
        [
          ("Tata Pemerintahan", [.analisKebijakan]), ("Kesejahteraan Rakyat", [.analisKebijakan]),
          ("Hukum", [.perancangPeraturan, .analisHukum]),
        ]
      ),
      (
        "Perekonomian dan Pembangunan",
        [
          ("Perekonomian dan Sumber Daya Alam", [.analisKebijakan]),
          ("Administrasi Pembangunan", [.perencana, .analisKebijakan]),
          ("Pengadaan Barang dan Jasa", [.pengelolaPengadaan]),
        ]
      ),
      (
        "Administrasi Umum",
        [
          ("Umum", [.arsiparis, .pranataKomputer]), ("Organisasi", [.analisKebijakan]),
          ("Protokol dan Komunikasi Pimpinan", [.pranataHumas]),
        ]
      ),
    ]
    for (name, bagianList) in asisten {
      let unit = addUnit(
        kind: .asisten, name: "Asisten \(name)", parent: setda.unit, headTitle: "Asisten \(name)",
        level: .jptPratama, eselon: .iib, supervisor: setda.head, field: .general,
        vacancyPercent: Self.vacancyPercent)
      for (bagian, specialists) in bagianList {
        let subbagian = ["Subbagian \(bagian) I", "Subbagian \(bagian) II"]
        buildDivision(
          kind: .bagian, name: "Bagian \(bagian)", sections: subbagian, sectionKind: .subbagian, parent: unit,
          level: .administrator, eselon: .iiia, field: .general, specialists: specialists)
      }
    }
    return setda.head
  }

  private mutating func buildSekretariatDPRD(city: (unit: Int, head: Int), sekda: Int) {
    let setwan = addUnit(
      kind: .sekretariatDPRD, name: "Sekretariat DPRD", parent: city.unit, headTitle: "Sekretaris DPRD",
      level: .jptPratama, eselon: .iib, supervisor: sekda, field: .general,
      vacancyPercent: Self.vacancyPercent)
    for (bagian, subbagian) in [
      ("Umum dan Keuangan", ["Umum", "Keuangan"]),
      ("Persidangan dan Perundang-undangan", ["Persidangan", "Perundang-undangan"]),
      ("Fasilitasi Penganggaran dan Pengawasan", ["Fasilitasi Penganggaran", "Fasilitasi Pengawasan"]),
    ] {
      buildDivision(
        kind: .bagian, name: "Bagian \(bagian)", sections: subbagian.map { "Subbagian \($0)" },
        sectionKind: .subbagian, parent: setwan, level: .administrator, eselon: .iiia, field: .general,
        specialists: [.analisKebijakan, .perancangPeraturan, .pranataHumas])
    }
  }

  private mutating func buildInspektorat(city: (unit: Int, head: Int), sekda: Int) {
    let inspektorat = addUnit(
      kind: .inspektorat, name: "Inspektorat Daerah", parent: city.unit, headTitle: "Inspektur Daerah",
      level: .jptPratama, eselon: .iib, supervisor: sekda, field: .economics,
      vacancyPercent: Self.vacancyPercent)
    buildDivision(
      kind: .sekretariat, name: "Sekretariat Inspektorat Daerah",
      sections: DepartmentTemplate.badanSecretariat,
      sectionKind: .subbagian, parent: inspektorat, level: .administrator, eselon: .iiia, field: .economics,
      specialists: [.arsiparis, .perencana], headTitle: "Sekretaris Inspektorat Daerah")
    for wilayah in ["I", "II", "III", "IV"] {
      let irban = addUnit(
        kind: .inspekturPembantu, name: "Inspektur Pembantu Wilayah \(wilayah)", parent: inspektorat.unit,
        headTitle: "Inspektur Pembantu Wilayah \(wilayah)", level: .administrator, eselon: .iiia,
        supervisor: inspektorat.head, field: .economics, vacancyPercent: Self.vacancyPercent)
      addStaff(
        unit: irban.unit, supervisor: irban.head, types: [.auditor, .auditor, .pengawasPemerintahan],
        count: random.int(in: 4...7))
    }
  }

  private mutating func buildDepartment(
    _ template: DepartmentTemplate, city: (unit: Int, head: Int), sekda: Int
  ) {
    let department = addUnit(
      kind: template.kind, name: template.name, parent: city.unit, headTitle: template.headTitle,
      level: .jptPratama, eselon: .iib, supervisor: sekda, field: template.field,
      vacancyPercent: Self.vacancyPercent)
    addStaff(
      unit: department.unit, supervisor: department.head,
      types: template.specialists.filter { $0.levels.contains(.ahliMadya) }, count: random.int(in: 0...2),
      onlyLevel: .ahliMadya)
    if !template.secretariat.isEmpty {
      buildDivision(
        kind: .sekretariat, name: "Sekretariat \(template.name)", sections: template.secretariat,
        sectionKind: .subbagian, parent: department, level: .administrator, eselon: .iiia, field: .general,
        specialists: [.arsiparis, .perencana, .analisKeuangan, .pranataKomputer],
        headTitle: "Sekretaris \(template.name)")
    }
    var divisionHeads: [String: Int] = [:]
    for division in template.divisions {
      let isClinical = template.kind == .rsud && division.kind == .bidang
      divisionHeads[division.name] = buildDivision(
        kind: division.kind, name: division.name, sections: division.sections,
        sectionKind: division.sectionKind,
        parent: department, level: .administrator, eselon: template.kind == .rsud ? .iiia : .iiib,
        field: template.field, specialists: template.specialists,
        sectionStaff: isClinical ? 45...70 : 3...5, specialistPercent: isClinical ? 90 : 50)
    }
    for upt in template.upts {
      let unit = addUnit(
        kind: .upt, name: upt.name, parent: department.unit, headTitle: "Kepala \(upt.name)",
        level: .pengawas,
        eselon: .iva, supervisor: department.head, field: template.field, vacancyPercent: Self.vacancyPercent)
      addStaff(
        unit: unit.unit, supervisor: unit.head, types: upt.staff, count: random.int(in: upt.staffCount))
    }
    if template.name == "Dinas Pendidikan" {
      buildSchools(
        dinas: department.unit, sdSupervisor: divisionHeads["Bidang Pembinaan Sekolah Dasar"]!,
        smpSupervisor: divisionHeads["Bidang Pembinaan Sekolah Menengah Pertama"]!)
    }
  }

  private mutating func buildSchools(dinas: Int, sdSupervisor: Int, smpSupervisor: Int) {
    for kecamatan in SalatigaSample.kecamatan {
      for kelurahan in kecamatan.kelurahan {
        for number in 1...random.int(in: 2...4) {
          buildSchool(
            name: "SD Negeri \(kelurahan) \(CalendarDate.pad(number, 2))", dinas: dinas,
            supervisor: sdSupervisor,
            teachers: 9...15, staff: 0...2)
        }
      }
    }
    for number in 1...10 {
      buildSchool(
        name: "SMP Negeri \(number) Salatiga", dinas: dinas, supervisor: smpSupervisor, teachers: 36...52,
        staff: 3...6)
    }
  }

  private mutating func buildSchool(
    name: String, dinas: Int, supervisor: Int, teachers: ClosedRange<Int>, staff: ClosedRange<Int>
  ) {
    let school = addUnit(
      kind: .sekolah, name: name, parent: dinas, headTitle: "Kepala \(name)",
      level: random.chance(percent: 70) ? .ahliMadya : .ahliMuda, eselon: nil, supervisor: supervisor,
      field: .education, vacancyPercent: 4)
    addStaff(unit: school.unit, supervisor: school.head, types: [.guru], count: random.int(in: teachers))
    addStaff(
      unit: school.unit, supervisor: school.head, types: [.pengadministrasi, .operatorLayanan],
      count: random.int(in: staff))
  }

  private mutating func buildKecamatan(
    name: String, kelurahan: [String], city: (unit: Int, head: Int), sekda: Int
  ) {
    let kecamatan = addUnit(
      kind: .kecamatan, name: "Kecamatan \(name)", parent: city.unit, headTitle: "Camat \(name)",
      level: .administrator, eselon: .iiia, supervisor: sekda, field: .general,
      vacancyPercent: Self.vacancyPercent)
    buildDivision(
      kind: .sekretariat, name: "Sekretariat Kecamatan \(name)",
      sections: ["Subbagian Umum dan Kepegawaian", "Subbagian Perencanaan dan Keuangan"],
      sectionKind: .subbagian,
      parent: kecamatan, level: .administrator, eselon: .iiib, field: .general, specialists: [.arsiparis],
      headTitle: "Sekretaris Kecamatan \(name)", divisionStaff: 0...0)
    for seksi in [
      "Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat", "Kesejahteraan Sosial",
    ] {
      let unit = addUnit(
        kind: .seksi, name: "Seksi \(seksi)", parent: kecamatan.unit, headTitle: "Kepala Seksi \(seksi)",
        level: .pengawas, eselon: .iva, supervisor: kecamatan.head, field: .general,
        vacancyPercent: Self.vacancyPercent)
      addStaff(
        unit: unit.unit, supervisor: unit.head, types: StaffType.pelaksana, count: random.int(in: 2...3))
    }
    for kelurahanName in kelurahan {
      let lurah = addUnit(
        kind: .kelurahan, name: "Kelurahan \(kelurahanName)", parent: kecamatan.unit,
        headTitle: "Lurah \(kelurahanName)", level: .pengawas, eselon: .iva, supervisor: kecamatan.head,
        field: .general, vacancyPercent: Self.vacancyPercent)
      let sekretaris = addPosition(
        unit: lurah.unit, name: "Sekretaris Kelurahan \(kelurahanName)", level: .pengawas, eselon: .ivb,
        supervisor: lurah.head, field: .general, pppkPercent: 0, vacancyPercent: Self.vacancyPercent)
      addStaff(
        unit: lurah.unit, supervisor: sekretaris, types: StaffType.pelaksana, count: random.int(in: 1...3))
      for seksi in ["Pemerintahan dan Ketenteraman", "Pemberdayaan Masyarakat", "Pelayanan Umum"] {
        let unit = addUnit(
          kind: .seksi, name: "Seksi \(seksi)", parent: lurah.unit, headTitle: "Kepala Seksi \(seksi)",
          level: .pengawas, eselon: .ivb, supervisor: lurah.head, field: .general,
          vacancyPercent: Self.vacancyPercent)
        addStaff(
          unit: unit.unit, supervisor: unit.head, types: StaffType.pelaksana, count: random.int(in: 1...2))
      }
    }
  }

  /// A Bidang, Bagian or Sekretariat with its sections (each led by a Pengawas) and their staff.
  @discardableResult
  private mutating func buildDivision(
    kind: UnitKind, name: String, sections: [String], sectionKind: UnitKind, parent: (unit: Int, head: Int),
    level: JabatanLevel, eselon: Eselon, field: TitleField, specialists: [StaffType],
    headTitle: String? = nil,
    divisionStaff: ClosedRange<Int> = 1...3, sectionStaff: ClosedRange<Int> = 3...5,
    specialistPercent: Int = 50
  ) -> Int {
    let division = addUnit(
      kind: kind, name: name, parent: parent.unit, headTitle: headTitle ?? "Kepala \(name)", level: level,
      eselon: eselon, supervisor: parent.head, field: field, vacancyPercent: Self.vacancyPercent)
    addStaff(
      unit: division.unit, supervisor: division.head, types: specialists, count: random.int(in: divisionStaff)
    )
    for section in sections {
      let unit = addUnit(
        kind: sectionKind, name: section, parent: division.unit, headTitle: "Kepala \(section)",
        level: .pengawas,
        eselon: .iva, supervisor: division.head, field: field, vacancyPercent: Self.vacancyPercent)
      for _ in 0..<random.int(in: sectionStaff) {
        let types = random.chance(percent: specialistPercent) ? specialists : StaffType.pelaksana
        addStaff(unit: unit.unit, supervisor: unit.head, types: types, count: 1, underPengawas: true)
      }
    }
    return division.head
  }

  // MARK: Positions and people

  private mutating func addUnit(
    kind: UnitKind, name: String, parent: Int?, headTitle: String, level: JabatanLevel?, eselon: Eselon?,
    supervisor: Int?, field: TitleField, vacancyPercent: Int
  ) -> (unit: Int, head: Int) {
    let unitID = units.count + 1
    let head = addPosition(
      unit: unitID, name: headTitle, level: level, eselon: eselon, supervisor: supervisor, field: field,
      pppkPercent: 0, vacancyPercent: vacancyPercent)
    units.append(SampleUnit(id: unitID, parent: parent, kind: kind, name: name, head: head))
    return (unitID, head)
  }

  private mutating func addStaff(
    unit: Int, supervisor: Int, types: [StaffType], count: Int, onlyLevel: JabatanLevel? = nil,
    underPengawas: Bool = false
  ) {
    guard !types.isEmpty else { return }
    for _ in 0..<count {
      let type = random.pick(types)
      var level = onlyLevel ?? random.pick(type.levels)
      // An Ahli Madya ranks with an Administrator, so a Pengawas does not supervise one.
      if underPengawas && level == .ahliMadya { level = .ahliMuda }
      addPosition(
        unit: unit, name: type.positionName(level), level: level, eselon: nil, supervisor: supervisor,
        field: type.field, pppkPercent: type.pppkPercent, vacancyPercent: 0)
    }
  }

  @discardableResult
  private mutating func addPosition(
    unit: Int, name: String, level: JabatanLevel?, eselon: Eselon?, supervisor: Int?, field: TitleField,
    pppkPercent: Int, vacancyPercent: Int
  ) -> Int {
    let id = positions.count + 1
    var holder: PositionHolder?
    if level == nil {
      let official = officials.count + 1
      let name = PersonName(
        name: NamePool.name(.lakiLaki, using: &random),
        backTitles: NamePool.titles(field: .general, education: .s2, age: 50, using: &random).back)
      officials.append(SampleOfficial(id: official, name: name, office: "Wali Kota Salatiga", position: id))
      holder = .official(official)
    } else if let level, !random.chance(percent: vacancyPercent) {
      holder = .employee(
        addEmployee(level: level, eselon: eselon, field: field, pppkPercent: pppkPercent, position: id))
    }
    positions.append(
      SamplePosition(
        id: id, unit: unit, name: name, level: level, eselon: eselon, supervisor: supervisor, holder: holder))
    return id
  }

  private mutating func addEmployee(
    level: JabatanLevel, eselon: Eselon?, field: TitleField, pppkPercent: Int, position: Int
  ) -> Int {
    let gender: Gender = random.chance(percent: field.femalePercent) ? .perempuan : .lakiLaki
    let education = drawEducation(level: level, field: field)
    let retirementAge =
      level == .ahliUtama ? 65 : (level.kind == .pimpinanTinggi || level == .ahliMadya ? 60 : 58)
    let isPPPK = !level.kind.isManagerial && random.chance(percent: pppkPercent)
    let status: EmploymentStatus
    let golongan: Golongan
    let nip: NIP
    var age: Int
    if isPPPK, let range = GolonganPlausibility.pppkRange(for: level) {
      status = level == .pelaksana && random.chance(percent: 30) ? .pppkParuhWaktu : .pppk
      // A PPPK pelaksana is appointed in the golongan of their education: SMA V, D3 VII, S1 IX.
      let pelaksanaGolongan = [GolonganPPPK.v, .vii, .ix, .ix, .ix][education.rawValue]
      let drawn = GolonganPPPK(
        rawValue: random.int(in: range.lowerBound.rawValue...range.upperBound.rawValue))!
      golongan = .pppk(level == .pelaksana ? pelaksanaGolongan : drawn)
      let appointmentYear =
        status == .pppkParuhWaktu
        ? referenceYear - 1 : random.int(in: (referenceYear - 4)...(referenceYear - 1))
      let ageAtAppointment = min(
        random.int(in: 22...45), retirementAge - 1 - (referenceYear - appointmentYear))
      let birth = drawDate(year: appointmentYear - ageAtAppointment)
      age = birth.age(on: CalendarDate(year: referenceYear, month: 1, day: 1)!)
      nip = uniqueNIP { sequence in
        try NIP(pppkBornOn: birth, appointmentYear: appointmentYear, gender: gender, sequence: sequence)
      }
    } else {
      let start = education.startingGolongan
      let range = GolonganPlausibility.pnsRange(for: level, eselon: eselon)
      var highest = range.upperBound.rank
      if level == .pelaksana {
        // The education ceiling of a pelaksana: III/b with SMA, III/c with D3, III/d with S1 or more.
        highest = min(highest, [GolonganPNS.iiib, .iiic, .iiid, .iiid, .iiid][education.rawValue].rank)
      }
      let lowest = min(max(range.lowerBound.rank, start.rank), highest)
      let isCPNS = !level.kind.isManagerial && start.rank >= lowest && random.chance(percent: 5)
      let chosen = GolonganPNS.allCases[isCPNS ? start.rank : random.int(in: lowest...highest)]
      let steps = max(0, chosen.rank - start.rank)
      let yearsPerStep = level.kind.isManagerial ? random.int(in: 2...3) : random.int(in: 3...4)
      let startingAge = random.int(in: education.startingAges)
      var service = isCPNS ? 0 : max(1, steps * yearsPerStep + random.int(in: 0...3))
      if startingAge + service > retirementAge - 1 {
        service = max(isCPNS ? 0 : 1, retirementAge - 1 - startingAge)
      }
      let tmt = YearMonth(year: referenceYear - 1 - service, month: random.int(in: 1...12))!
      let birth = drawDate(year: tmt.year - startingAge)
      age = birth.age(on: CalendarDate(year: referenceYear, month: 1, day: 1)!)
      status = isCPNS ? .cpns : .pns
      golongan = .pns(chosen)
      nip = uniqueNIP { sequence in
        try NIP(pnsBornOn: birth, tmtCPNS: tmt, gender: gender, sequence: sequence)
      }
    }
    let titles = NamePool.titles(field: field, education: education, age: age, using: &random)
    let name = PersonName(
      frontTitles: titles.front, name: NamePool.name(gender, using: &random), backTitles: titles.back)
    let id = employees.count + 1
    employees.append(
      SampleEmployee(
        id: id, nip: nip, name: name, gender: gender, status: status, golongan: golongan, position: position))
    return id
  }

  private mutating func drawEducation(level: JabatanLevel, field: TitleField) -> Education {
    let roll = random.uniform(below: 100)
    switch level {
    case .pelaksana: return roll < 45 ? .sma : (roll < 65 ? .d3 : .s1)
    case .pemula: return .sma
    case .terampil, .mahir: return .d3
    case .penyelia: return roll < 70 ? .d3 : .s1
    case .ahliPertama: return roll < 85 ? .s1 : .s2
    case .ahliMuda: return roll < 65 ? .s1 : .s2
    case .ahliMadya: return roll < 35 ? .s1 : (roll < 95 ? .s2 : .s3)
    case .ahliUtama: return roll < 60 ? .s2 : .s3
    case .pengawas: return roll < 65 ? .s1 : .s2
    case .administrator: return roll < 30 ? .s1 : (roll < 95 ? .s2 : .s3)
    case .jptPratama, .jptMadya, .jptUtama: return roll < 75 ? .s2 : .s3
    }
  }

  private mutating func drawDate(year: Int) -> CalendarDate {
    let month = random.int(in: 1...12)
    return CalendarDate(
      year: year, month: month, day: random.int(in: 1...CalendarDate.daysIn(month: month, year: year)))!
  }

  /// A NIP not used yet: draws a sequence and counts up from it past numbers already taken.
  private mutating func uniqueNIP(_ make: (Int) throws -> NIP) -> NIP {
    var sequence = random.int(in: 1...999)
    for _ in 0..<999 {
      // The parts are drawn valid (birth at least 19 years before the TMT), so this cannot throw.
      let nip = try! make(sequence)
      if usedNIPs.insert(nip.canonical).inserted { return nip }
      sequence = sequence % 999 + 1
    }
    preconditionFailure("all 999 sequences of one birth date and TMT are taken")
  }

  // MARK: Plt

  /// Gives some vacant managerial posts (and school heads) an acting holder: the sekretaris for the
  /// head of a perangkat daerah, a teacher for a school head, else the holder of a post of the same
  /// level under the same supervisor, else the supervisor's holder.
  private mutating func assignPlt() {
    var children: [Int: [Int]] = [:]
    for position in positions {
      if let supervisor = position.supervisor { children[supervisor, default: []].append(position.id) }
    }
    let unitByID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
    for index in positions.indices where positions[index].holder == nil && positions[index].level != nil {
      guard random.chance(percent: Self.pltPercent) else { continue }
      let position = positions[index]
      var candidates: [PositionHolder] = []
      let unit = unitByID[position.unit]
      if let unit, unit.head == position.id, unit.kind.isPerangkatDaerah {
        let secretariat = units.first { $0.parent == unit.id && $0.kind == .sekretariat }
        if let holder = secretariat.flatMap({ positions[$0.head - 1].holder }) { candidates = [holder] }
      } else if let unit, unit.head == position.id, unit.kind == .sekolah {
        // A school's Plt head is one of its own teachers.
        candidates = (children[position.id] ?? []).compactMap { positions[$0 - 1].holder }
      }
      if candidates.isEmpty, let supervisor = position.supervisor {
        candidates = (children[supervisor] ?? []).filter { $0 != position.id }.compactMap { sibling in
          let other = positions[sibling - 1]
          return other.level == position.level ? other.holder : nil
        }
        if candidates.isEmpty, let holder = positions[supervisor - 1].holder { candidates = [holder] }
      }
      if !candidates.isEmpty { positions[index].plt = random.pick(candidates) }
    }
  }
}
