/// The shape of one perangkat daerah of the sample: its divisions, secretariat, UPT and staff.
struct DepartmentTemplate: Sendable {
  /// A Bidang (or Bagian) with its Seksi (or Subbidang, Subbagian).
  struct Division: Sendable {
    let kind: UnitKind
    let name: String
    let sections: [String]
    let sectionKind: UnitKind
  }

  /// A UPT and how many staff of which types it has.
  struct Upt: Sendable {
    let name: String
    let staff: [StaffType]
    let staffCount: ClosedRange<Int>
  }

  let kind: UnitKind
  let name: String
  /// The title of the head, e.g. `Kepala Dinas Pendidikan`, `Direktur RSUD Kota Salatiga`.
  let headTitle: String
  let field: TitleField
  let secretariat: [String]
  let divisions: [Division]
  let upts: [Upt]
  /// Functional posts typical of the department, drawn beside pelaksana.
  let specialists: [StaffType]

  static func bidang(_ name: String, _ seksi: [String]) -> Division {
    Division(
      kind: .bidang, name: "Bidang \(name)", sections: seksi.map { "Seksi \($0)" }, sectionKind: .seksi)
  }

  static func bidangBadan(_ name: String, _ subbidang: [String]) -> Division {
    Division(
      kind: .bidang, name: "Bidang \(name)", sections: subbidang.map { "Subbidang \($0)" },
      sectionKind: .subbidang)
  }

  static func bagian(_ name: String, _ subbagian: [String]) -> Division {
    Division(
      kind: .bagian, name: "Bagian \(name)", sections: subbagian.map { "Subbagian \($0)" },
      sectionKind: .subbagian)
  }

  static let dinasSecretariat = [
    "Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Subbagian Perencanaan dan Evaluasi",
  ]
  static let badanSecretariat = ["Subbagian Umum dan Kepegawaian", "Subbagian Keuangan"]

  static let puskesmas = [
    "Sidorejo Lor", "Sidorejo Kidul", "Kalicacing", "Mangunsari", "Cebongan", "Tegalrejo",
  ]

  static let puskesmasStaff: [StaffType] = [
    .dokter, .dokter, .dokterGigi, .perawat, .perawat, .perawat, .perawat, .bidan, .bidan, .bidan, .apoteker,
    .tenagaKefarmasian, .pranataLab, .nutrisionis, .sanitarian, .perekamMedis, .penyuluhKesehatan,
    .pengadministrasi, .operatorLayanan,
  ]

  /// The dinas, badan, Satpol PP and RSUD of the sample, in the order they are built.
  static let all: [DepartmentTemplate] = [
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Pendidikan", headTitle: "Kepala Dinas Pendidikan", field: .education,
      secretariat: dinasSecretariat,
      divisions: [
        bidang(
          "Pembinaan PAUD dan Pendidikan Nonformal", ["Kurikulum PAUD dan PNF", "Kelembagaan PAUD dan PNF"]),
        bidang("Pembinaan Sekolah Dasar", ["Kurikulum dan Penilaian SD", "Sarana dan Prasarana SD"]),
        bidang(
          "Pembinaan Sekolah Menengah Pertama", ["Kurikulum dan Penilaian SMP", "Sarana dan Prasarana SMP"]),
        bidang("Guru dan Tenaga Kependidikan", ["Pendidik", "Tenaga Kependidikan"]),
      ],
      upts: [], specialists: [.pengawasSekolah, .penilik, .analisKebijakan, .pranataKomputer]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Kesehatan", headTitle: "Kepala Dinas Kesehatan", field: .health,
      secretariat: dinasSecretariat,
      divisions: [
        bidang(
          "Kesehatan Masyarakat", ["Kesehatan Keluarga dan Gizi", "Promosi dan Pemberdayaan Masyarakat"]),
        bidang(
          "Pencegahan dan Pengendalian Penyakit",
          ["Surveilans dan Imunisasi", "Pengendalian Penyakit Menular"]),
        bidang(
          "Pelayanan dan Sumber Daya Kesehatan", ["Pelayanan Kesehatan", "Kefarmasian dan Alat Kesehatan"]),
      ],
      upts: puskesmas.map { Upt(name: "UPT Puskesmas \($0)", staff: puskesmasStaff, staffCount: 30...42) },
      specialists: [.epidemiolog, .administratorKesehatan, .penyuluhKesehatan, .nutrisionis, .sanitarian]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Kependudukan dan Pencatatan Sipil",
      headTitle: "Kepala Dinas Kependudukan dan Pencatatan Sipil", field: .general,
      secretariat: dinasSecretariat,
      divisions: [
        bidang("Pelayanan Pendaftaran Penduduk", ["Identitas Penduduk", "Pindah Datang Penduduk"]),
        bidang("Pelayanan Pencatatan Sipil", ["Kelahiran dan Kematian", "Perkawinan dan Perceraian"]),
        bidang(
          "Pengelolaan Informasi Administrasi Kependudukan",
          ["Sistem Informasi Administrasi Kependudukan", "Pengolahan dan Penyajian Data"]),
      ],
      upts: [], specialists: [.adminDatabase, .adminDatabase, .pranataKomputer, .arsiparis]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
      headTitle: "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", field: .law,
      secretariat: dinasSecretariat,
      divisions: [
        bidang("Penanaman Modal", ["Promosi Penanaman Modal", "Pengendalian Pelaksanaan Penanaman Modal"]),
        bidang("Pelayanan Perizinan", ["Perizinan Usaha", "Perizinan Non Usaha"]),
        bidang("Pengaduan dan Informasi", ["Pengaduan", "Data dan Sistem Informasi"]),
      ],
      upts: [], specialists: [.analisKebijakan, .pranataKomputer, .analisHukum]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Komunikasi dan Informatika",
      headTitle: "Kepala Dinas Komunikasi dan Informatika",
      field: .computing, secretariat: dinasSecretariat,
      divisions: [
        bidang("Informasi dan Komunikasi Publik", ["Pengelolaan Informasi Publik", "Komunikasi Publik"]),
        bidang("Aplikasi Informatika", ["Pengembangan Aplikasi", "Infrastruktur Teknologi Informasi"]),
        bidang("Statistik dan Persandian", ["Statistik Sektoral", "Persandian dan Keamanan Informasi"]),
      ],
      upts: [], specialists: [.pranataKomputer, .pranataKomputer, .pranataHumas, .statistisi, .sandiman]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Pekerjaan Umum dan Penataan Ruang",
      headTitle: "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", field: .engineering,
      secretariat: dinasSecretariat,
      divisions: [
        bidang("Bina Marga", ["Pembangunan Jalan dan Jembatan", "Pemeliharaan Jalan dan Jembatan"]),
        bidang("Sumber Daya Air", ["Irigasi", "Drainase"]),
        bidang("Penataan Ruang dan Bina Konstruksi", ["Penataan Ruang", "Bina Konstruksi"]),
      ],
      upts: [
        Upt(
          name: "UPT Peralatan dan Perbekalan", staff: StaffType.pelaksana + [.teknikJalan],
          staffCount: 8...14)
      ],
      specialists: [.teknikJalan, .teknikPengairan, .penataRuang]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Perhubungan", headTitle: "Kepala Dinas Perhubungan", field: .engineering,
      secretariat: dinasSecretariat,
      divisions: [
        bidang("Lalu Lintas", ["Manajemen dan Rekayasa Lalu Lintas", "Pengendalian dan Operasional"]),
        bidang("Angkutan", ["Angkutan Orang", "Angkutan Barang"]),
        bidang("Sarana dan Prasarana", ["Perparkiran", "Terminal"]),
      ],
      upts: [
        Upt(
          name: "UPT Pengujian Kendaraan Bermotor",
          staff: [.pengujiKendaraan, .pengujiKendaraan] + StaffType.pelaksana, staffCount: 8...12),
        Upt(name: "UPT Terminal Tingkir", staff: StaffType.pelaksana, staffCount: 8...14),
      ],
      specialists: [.pengujiKendaraan, .analisKebijakan]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Sosial", headTitle: "Kepala Dinas Sosial", field: .social,
      secretariat: dinasSecretariat,
      divisions: [
        bidang(
          "Rehabilitasi Sosial", ["Rehabilitasi Anak dan Lanjut Usia", "Rehabilitasi Penyandang Disabilitas"]),
        bidang(
          "Perlindungan dan Jaminan Sosial", ["Perlindungan Korban Bencana", "Jaminan Sosial Keluarga"]),
        bidang(
          "Pemberdayaan Sosial dan Penanganan Fakir Miskin",
          ["Pemberdayaan Sosial", "Penanganan Fakir Miskin"]),
      ],
      upts: [], specialists: [.pekerjaSosial, .pekerjaSosial, .penyuluhSosial]),
    DepartmentTemplate(
      kind: .dinas, name: "Dinas Lingkungan Hidup", headTitle: "Kepala Dinas Lingkungan Hidup",
      field: .engineering, secretariat: dinasSecretariat,
      divisions: [
        bidang("Tata Lingkungan", ["Kajian Dampak Lingkungan", "Pemeliharaan Lingkungan Hidup"]),
        bidang("Pengelolaan Sampah dan Limbah B3", ["Pengelolaan Sampah", "Pengelolaan Limbah B3"]),
        bidang(
          "Pengendalian Pencemaran dan Kerusakan Lingkungan",
          ["Pemantauan Lingkungan", "Penegakan Hukum Lingkungan"]),
      ],
      upts: [
        Upt(name: "UPT Tempat Pemrosesan Akhir Sampah", staff: StaffType.pelaksana, staffCount: 10...16)
      ],
      specialists: [.pengendaliDampak, .pengawasLingkungan]),
    DepartmentTemplate(
      kind: .badan, name: "Badan Keuangan Daerah", headTitle: "Kepala Badan Keuangan Daerah",
      field: .economics,
      secretariat: badanSecretariat,
      divisions: [
        bidangBadan("Anggaran", ["Penyusunan Anggaran", "Pengendalian Anggaran"]),
        bidangBadan("Perbendaharaan", ["Belanja", "Kas Daerah"]),
        bidangBadan("Akuntansi dan Aset", ["Akuntansi", "Pengelolaan Aset"]),
        bidangBadan("Pendapatan", ["Pajak Daerah", "Retribusi dan Pendapatan Lain"]),
      ],
      upts: [], specialists: [.analisKeuangan, .analisKeuangan, .pranataKomputer]),
    DepartmentTemplate(
      kind: .badan, name: "Badan Perencanaan, Penelitian dan Pengembangan Daerah",
      headTitle: "Kepala Badan Perencanaan, Penelitian dan Pengembangan Daerah", field: .economics,
      secretariat: badanSecretariat,
      divisions: [
        bidangBadan(
          "Perencanaan Pemerintahan dan Pembangunan Manusia", ["Pemerintahan", "Pembangunan Manusia"]),
        bidangBadan(
          "Perencanaan Perekonomian dan Infrastruktur", ["Perekonomian", "Infrastruktur dan Kewilayahan"]),
        bidangBadan("Penelitian dan Pengembangan", ["Penelitian", "Inovasi Daerah"]),
      ],
      upts: [], specialists: [.perencana, .perencana, .analisKebijakan, .statistisi]),
    DepartmentTemplate(
      kind: .badan, name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
      headTitle: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", field: .general,
      secretariat: badanSecretariat,
      divisions: [
        bidangBadan(
          "Pengadaan, Pemberhentian dan Informasi Kepegawaian",
          ["Pengadaan dan Pemberhentian", "Data dan Informasi Kepegawaian"]),
        bidangBadan("Mutasi dan Promosi", ["Mutasi", "Promosi dan Kepangkatan"]),
        bidangBadan(
          "Pengembangan Sumber Daya Manusia", ["Pengembangan Kompetensi", "Penilaian Kinerja Aparatur"]),
      ],
      upts: [], specialists: [.analisSDM, .analisSDM, .pranataSDM, .asesorSDM, .pranataKomputer]),
    DepartmentTemplate(
      kind: .badan, name: "Badan Kesatuan Bangsa dan Politik",
      headTitle: "Kepala Badan Kesatuan Bangsa dan Politik",
      field: .social, secretariat: badanSecretariat,
      divisions: [
        bidangBadan("Ideologi, Wawasan Kebangsaan dan Karakter Bangsa", ["Ideologi dan Wawasan Kebangsaan"]),
        bidangBadan("Politik Dalam Negeri dan Organisasi Kemasyarakatan", ["Politik Dalam Negeri"]),
        bidangBadan("Ketahanan Ekonomi, Sosial, Budaya dan Penanganan Konflik", ["Penanganan Konflik"]),
      ],
      upts: [], specialists: [.analisKebijakan]),
    DepartmentTemplate(
      kind: .satpolPP, name: "Satuan Polisi Pamong Praja", headTitle: "Kepala Satuan Polisi Pamong Praja",
      field: .security, secretariat: badanSecretariat,
      divisions: [
        bidang("Penegakan Peraturan Daerah", ["Penyelidikan dan Penyidikan", "Pembinaan dan Pengawasan"]),
        bidang("Ketertiban Umum dan Ketenteraman Masyarakat", ["Operasi dan Pengendalian", "Kerja Sama"]),
        bidang("Perlindungan Masyarakat", ["Satuan Perlindungan Masyarakat", "Pencegahan Kebakaran"]),
      ],
      upts: [], specialists: [.polisiPamongPraja, .polisiPamongPraja, .polisiPamongPraja]),
    DepartmentTemplate(
      kind: .rsud, name: "Rumah Sakit Umum Daerah Kota Salatiga", headTitle: "Direktur RSUD Kota Salatiga",
      field: .doctor, secretariat: [],
      divisions: [
        bagian("Umum dan Keuangan", ["Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Rekam Medis"]),
        bidang(
          "Pelayanan Medis", ["Pelayanan Rawat Jalan", "Pelayanan Rawat Inap", "Gawat Darurat dan Intensif"]),
        bidang("Keperawatan", ["Asuhan Keperawatan", "Etika dan Mutu Keperawatan"]),
        bidang("Penunjang", ["Penunjang Medis", "Penunjang Non Medis"]),
      ],
      upts: [],
      specialists: [
        .dokter, .dokter, .perawat, .perawat, .perawat, .perawat, .perawat, .bidan, .bidan, .apoteker,
        .tenagaKefarmasian, .pranataLab, .radiografer, .fisioterapis, .nutrisionis, .perekamMedis,
      ]),
  ]
}
