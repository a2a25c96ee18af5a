/// The academic field that decides which titles a person of a sample position carries.
enum TitleField: Sendable {
  case general
  case education
  case doctor
  case dentist
  case nurse
  case midwife
  case pharmacy
  case health
  case engineering
  case law
  case economics
  case computing
  case social
  case security

  /// The share of women in the field, in percent, as the sample draws it.
  var femalePercent: Int {
    switch self {
    case .midwife: return 100
    case .nurse: return 75
    case .education: return 68
    case .pharmacy, .health: return 65
    case .doctor, .dentist: return 55
    case .general, .economics, .law, .social: return 48
    case .computing: return 35
    case .engineering: return 20
    case .security: return 15
    }
  }
}

/// A kind of non-managerial position the sample staffs units with.
struct StaffType: Sendable {
  /// The name without the level, e.g. `Perawat`, or the full name of a pelaksana post.
  let name: String
  /// The levels the type exists at (one entry per draw weight: repeat a level to weigh it).
  let levels: [JabatanLevel]
  /// The field for titles.
  let field: TitleField
  /// The chance, in percent, that a holder is a PPPK rather than a PNS.
  let pppkPercent: Int

  /// The position name for a level, e.g. `Perawat Ahli Muda`; a pelaksana post keeps its name.
  func positionName(_ level: JabatanLevel) -> String {
    level == .pelaksana ? name : "\(name) \(level)"
  }

  static let keahlian: [JabatanLevel] = [
    .ahliPertama, .ahliPertama, .ahliPertama, .ahliMuda, .ahliMuda, .ahliMadya,
  ]
  static let keterampilan: [JabatanLevel] = [.terampil, .terampil, .mahir, .mahir, .penyelia]
  static let both: [JabatanLevel] = [.terampil, .mahir, .penyelia, .ahliPertama, .ahliPertama, .ahliMuda]

  static let pengadministrasi = StaffType(
    name: "Pengadministrasi Perkantoran", levels: [.pelaksana], field: .general, pppkPercent: 20)
  static let operatorLayanan = StaffType(
    name: "Operator Layanan Operasional", levels: [.pelaksana], field: .general, pppkPercent: 25)
  static let penataLayanan = StaffType(
    name: "Penata Layanan Operasional", levels: [.pelaksana], field: .general, pppkPercent: 10)
  static let pengelolaLayanan = StaffType(
    name: "Pengelola Layanan Operasional", levels: [.pelaksana], field: .general, pppkPercent: 10)
  static let pelaksana = [
    pengadministrasi, pengadministrasi, operatorLayanan, penataLayanan, pengelolaLayanan,
  ]

  static let analisKebijakan = StaffType(
    name: "Analis Kebijakan", levels: keahlian, field: .general, pppkPercent: 0)
  static let perencana = StaffType(name: "Perencana", levels: keahlian, field: .economics, pppkPercent: 0)
  static let pranataKomputer = StaffType(
    name: "Pranata Komputer", levels: both, field: .computing, pppkPercent: 20)
  static let arsiparis = StaffType(name: "Arsiparis", levels: both, field: .general, pppkPercent: 20)
  static let analisKeuangan = StaffType(
    name: "Analis Keuangan Pusat dan Daerah", levels: keahlian, field: .economics, pppkPercent: 5)
  static let pranataHumas = StaffType(
    name: "Pranata Hubungan Masyarakat", levels: both, field: .social, pppkPercent: 15)
  static let pengelolaPengadaan = StaffType(
    name: "Pengelola Pengadaan Barang/Jasa", levels: keahlian, field: .economics, pppkPercent: 0)
  static let generic = [analisKebijakan, perencana, pranataKomputer, arsiparis, analisKeuangan]

  static let guru = StaffType(
    name: "Guru", levels: [.ahliPertama, .ahliPertama, .ahliMuda, .ahliMuda, .ahliMadya], field: .education,
    pppkPercent: 40)
  static let pengawasSekolah = StaffType(
    name: "Pengawas Sekolah", levels: [.ahliMuda, .ahliMadya], field: .education, pppkPercent: 0)
  static let penilik = StaffType(name: "Penilik", levels: keahlian, field: .education, pppkPercent: 0)

  static let dokter = StaffType(name: "Dokter", levels: keahlian, field: .doctor, pppkPercent: 25)
  static let dokterGigi = StaffType(name: "Dokter Gigi", levels: keahlian, field: .dentist, pppkPercent: 25)
  static let perawat = StaffType(name: "Perawat", levels: both, field: .nurse, pppkPercent: 40)
  static let bidan = StaffType(name: "Bidan", levels: both, field: .midwife, pppkPercent: 40)
  static let apoteker = StaffType(name: "Apoteker", levels: keahlian, field: .pharmacy, pppkPercent: 30)
  static let tenagaKefarmasian = StaffType(
    name: "Asisten Apoteker", levels: keterampilan, field: .pharmacy, pppkPercent: 35)
  static let pranataLab = StaffType(
    name: "Pranata Laboratorium Kesehatan", levels: both, field: .health, pppkPercent: 35)
  static let nutrisionis = StaffType(name: "Nutrisionis", levels: both, field: .health, pppkPercent: 30)
  static let sanitarian = StaffType(
    name: "Tenaga Sanitasi Lingkungan", levels: both, field: .health, pppkPercent: 30)
  static let perekamMedis = StaffType(name: "Perekam Medis", levels: both, field: .health, pppkPercent: 35)
  static let radiografer = StaffType(name: "Radiografer", levels: both, field: .health, pppkPercent: 30)
  static let fisioterapis = StaffType(name: "Fisioterapis", levels: both, field: .health, pppkPercent: 30)
  static let epidemiolog = StaffType(
    name: "Epidemiolog Kesehatan", levels: keahlian, field: .health, pppkPercent: 10)
  static let penyuluhKesehatan = StaffType(
    name: "Penyuluh Kesehatan Masyarakat", levels: keahlian, field: .health, pppkPercent: 10)
  static let administratorKesehatan = StaffType(
    name: "Administrator Kesehatan", levels: keahlian, field: .health, pppkPercent: 5)

  static let adminDatabase = StaffType(
    name: "Administrator Database Kependudukan", levels: both, field: .computing, pppkPercent: 10)
  static let statistisi = StaffType(name: "Statistisi", levels: both, field: .economics, pppkPercent: 5)
  static let sandiman = StaffType(name: "Sandiman", levels: both, field: .computing, pppkPercent: 5)
  static let teknikJalan = StaffType(
    name: "Teknik Jalan dan Jembatan", levels: both, field: .engineering, pppkPercent: 10)
  static let teknikPengairan = StaffType(
    name: "Teknik Pengairan", levels: both, field: .engineering, pppkPercent: 10)
  static let penataRuang = StaffType(
    name: "Penata Ruang", levels: keahlian, field: .engineering, pppkPercent: 5)
  static let pengujiKendaraan = StaffType(
    name: "Penguji Kendaraan Bermotor", levels: both, field: .engineering, pppkPercent: 5)
  static let pekerjaSosial = StaffType(name: "Pekerja Sosial", levels: both, field: .social, pppkPercent: 25)
  static let penyuluhSosial = StaffType(
    name: "Penyuluh Sosial", levels: keahlian, field: .social, pppkPercent: 20)
  static let pengendaliDampak = StaffType(
    name: "Pengendali Dampak Lingkungan", levels: keahlian, field: .engineering, pppkPercent: 5)
  static let pengawasLingkungan = StaffType(
    name: "Pengawas Lingkungan Hidup", levels: keahlian, field: .engineering, pppkPercent: 5)
  static let analisSDM = StaffType(
    name: "Analis Sumber Daya Manusia Aparatur", levels: keahlian, field: .general, pppkPercent: 0)
  static let pranataSDM = StaffType(
    name: "Pranata Sumber Daya Manusia Aparatur", levels: keterampilan, field: .general, pppkPercent: 10)
  static let asesorSDM = StaffType(
    name: "Asesor Sumber Daya Manusia Aparatur", levels: keahlian, field: .general, pppkPercent: 0)
  static let polisiPamongPraja = StaffType(
    name: "Polisi Pamong Praja", levels: [.terampil, .terampil, .mahir, .mahir, .penyelia, .ahliPertama],
    field: .security, pppkPercent: 15)
  static let auditor = StaffType(name: "Auditor", levels: keahlian, field: .economics, pppkPercent: 0)
  static let pengawasPemerintahan = StaffType(
    name: "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", levels: keahlian, field: .law,
    pppkPercent: 0)
  static let perancangPeraturan = StaffType(
    name: "Perancang Peraturan Perundang-undangan", levels: keahlian, field: .law, pppkPercent: 0)
  static let analisHukum = StaffType(name: "Analis Hukum", levels: keahlian, field: .law, pppkPercent: 0)
}
