// Dates, numbers and the schema's codes in Bahasa Indonesia: "4 Desember 2026", "1.234,5",
// "Sesuai Ekspektasi". Times are shown on Salatiga's clock (WIB, UTC+7).

const ZONA = "Asia/Jakarta";
const fTanggal = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: ZONA });
const fTanggalUTC = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const fHari = new Intl.DateTimeFormat("id-ID", {
  weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: ZONA,
});
const fJam = new Intl.DateTimeFormat("id-ID", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: ZONA });
const fBulan = new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric", timeZone: "UTC" });
const fBulanPendek = new Intl.DateTimeFormat("id-ID", { month: "short", timeZone: "UTC" });

/** A number as Indonesians write it: 1.234,5 (at most `desimal` decimals). */
export function angka(n, desimal = 1) {
  const x = typeof n === "string" ? Number(n) : (n ?? 0);
  return new Intl.NumberFormat("id-ID", { maximumFractionDigits: desimal }).format(x);
}

/** Hundredths of a percent (basis points, 10000 = 100%) as "87,5%". */
export function persenBasis(bp, desimal = 1) {
  return `${angka(Number(bp ?? 0) / 100, desimal)}%`;
}

/** A protobuf Date ({year, month, day}) as a JavaScript Date at noon UTC. */
export function keDate(d) {
  return new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1, 12));
}

/** A protobuf Date, a Timestamp string or a Date as "4 Desember 2026" (in WIB for instants). */
export function tanggal(x) {
  if (!x) return "—";
  if (typeof x === "object" && !(x instanceof Date) && "year" in x) return fTanggalUTC.format(keDate(x));
  return fTanggal.format(x instanceof Date ? x : new Date(x));
}

/** An instant as "Sabtu, 5 Desember 2026". */
export function hariTanggal(x = new Date()) {
  return fHari.format(x instanceof Date ? x : new Date(x));
}

/** An instant as "4 Desember 2026 pukul 08.30 WIB". */
export function waktu(x) {
  if (!x) return "—";
  const d = x instanceof Date ? x : new Date(x);
  return `${fTanggal.format(d)} pukul ${fJam.format(d)} WIB`;
}

/** Minutes after midnight as "08.30". */
export function jamMenit(menit) {
  const m = Number(menit ?? 0);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}.${String(m % 60).padStart(2, "0")}`;
}

/** "08:30" (an input's value) as minutes after midnight. */
export function menitDari(teks) {
  const [j, m] = teks.split(":").map(Number);
  return j * 60 + m;
}

/** A month of a year as "Juni 2026"; with `pendek`, "Jun". */
export function bulan(tahun, nomor, pendek = false) {
  const d = new Date(Date.UTC(tahun, nomor - 1, 1, 12));
  return pendek ? fBulanPendek.format(d) : fBulan.format(d);
}

/** Today on Salatiga's calendar as {year, month, day}. */
export function hariIni() {
  const bagian = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: ZONA, year: "numeric", month: "numeric", day: "numeric" })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { year: Number(bagian.year), month: Number(bagian.month), day: Number(bagian.day) };
}

/** A protobuf Date as an input's "2026-12-04". */
export function isoTanggal(d) {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** An input's "2026-12-04" as a protobuf Date. */
export function dariIso(teks) {
  const [year, month, day] = teks.split("-").map(Number);
  return { year, month, day };
}

/** A protobuf Date `hari` days after `d` (negative: before). */
export function geserHari(d, hari) {
  const x = keDate(d);
  x.setUTCDate(x.getUTCDate() + hari);
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
}

/** A NIP in its groups: "19860926 201505 1 001". */
export function nip(teks) {
  const t = String(teks ?? "");
  return t.length === 18 ? `${t.slice(0, 8)} ${t.slice(8, 14)} ${t.slice(14, 15)} ${t.slice(15)}` : t;
}

/** An employee's name with their titles: "Dr. Siti Rahayu, M.Si.". */
export function namaLengkap(p) {
  if (!p) return "—";
  const depan = p.gelarDepan ? `${p.gelarDepan} ` : "";
  const belakang = p.gelarBelakang ? `, ${p.gelarBelakang}` : "";
  return `${depan}${p.name ?? ""}${belakang}`;
}

const ROMAWI = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"];

/** A Roman numeral up to 17. */
export function romawi(n) {
  return ROMAWI[n] ?? String(n);
}

// The schema's codes by their JSON names.
export const LABEL = {
  ActivityStatus: {
    ACTIVITY_STATUS_PENDING: "Menunggu tinjauan",
    ACTIVITY_STATUS_APPROVED: "Disetujui",
    ACTIVITY_STATUS_REJECTED: "Dikembalikan",
    ACTIVITY_STATUS_WITHDRAWN: "Ditarik",
  },
  ActivityChange: {
    ACTIVITY_CHANGE_LOGGED: "Dicatat",
    ACTIVITY_CHANGE_EDITED: "Diubah",
    ACTIVITY_CHANGE_REVIEWED: "Ditinjau",
    ACTIVITY_CHANGE_WITHDRAWN: "Ditarik",
    ACTIVITY_CHANGE_RESUBMITTED: "Diperbaiki dan diajukan ulang",
  },
  KeberatanStatus: {
    KEBERATAN_STATUS_FILED: "Diajukan, menunggu pemeriksaan atasan pejabat penilai",
    KEBERATAN_STATUS_HEARD: "Sudah diperiksa, menunggu keputusan",
    KEBERATAN_STATUS_UPHELD: "Diputuskan: penilaian tetap",
    KEBERATAN_STATUS_CHANGED: "Diputuskan: penilaian diubah",
  },
  SKPStatus: {
    SKP_STATUS_DRAFT: "Draf",
    SKP_STATUS_SUBMITTED: "Diajukan, menunggu persetujuan",
    SKP_STATUS_APPROVED: "Disetujui",
    SKP_STATUS_RETURNED: "Dikembalikan untuk diperbaiki",
    SKP_STATUS_SUPERSEDED: "Digantikan versi baru",
  },
  SKPApproach: {
    SKP_APPROACH_KUANTITATIF: "Kuantitatif",
    SKP_APPROACH_KUALITATIF: "Kualitatif",
  },
  RHKKind: { RHK_KIND_UTAMA: "Utama", RHK_KIND_TAMBAHAN: "Tambahan" },
  IKIAspect: {
    IKI_ASPECT_KUANTITAS: "Kuantitas",
    IKI_ASPECT_KUALITAS: "Kualitas",
    IKI_ASPECT_WAKTU: "Waktu",
    IKI_ASPECT_BIAYA: "Biaya",
  },
  JPTPerspective: {
    JPT_PERSPECTIVE_PENERIMA_LAYANAN: "Perspektif penerima layanan",
    JPT_PERSPECTIVE_PROSES_BISNIS: "Perspektif proses bisnis",
    JPT_PERSPECTIVE_PENGUATAN_INTERNAL: "Perspektif penguatan internal",
    JPT_PERSPECTIVE_ANGGARAN: "Perspektif anggaran",
  },
  Rating: {
    RATING_DI_ATAS_EKSPEKTASI: "Di Atas Ekspektasi",
    RATING_SESUAI_EKSPEKTASI: "Sesuai Ekspektasi",
    RATING_DI_BAWAH_EKSPEKTASI: "Di Bawah Ekspektasi",
  },
  Predikat: {
    PREDIKAT_SANGAT_BAIK: "Sangat Baik",
    PREDIKAT_BAIK: "Baik",
    PREDIKAT_BUTUH_PERBAIKAN: "Butuh Perbaikan",
    PREDIKAT_KURANG: "Kurang/Misconduct",
    PREDIKAT_SANGAT_KURANG: "Sangat Kurang",
  },
  PredikatOrganisasi: {
    PREDIKAT_ORGANISASI_ISTIMEWA: "Istimewa",
    PREDIKAT_ORGANISASI_BAIK: "Baik",
    PREDIKAT_ORGANISASI_BUTUH_PERBAIKAN: "Butuh Perbaikan",
    PREDIKAT_ORGANISASI_KURANG: "Kurang",
    PREDIKAT_ORGANISASI_SANGAT_KURANG: "Sangat Kurang",
  },
  EvaluationStatus: {
    EVALUATION_STATUS_RATED: "Sudah dinilai, belum final",
    EVALUATION_STATUS_FINALISED: "Final, menunggu tanda terima Anda",
    EVALUATION_STATUS_ACKNOWLEDGED: "Final dan sudah diterima",
  },
  JabatanKind: {
    PIMPINAN_TINGGI: "Jabatan Pimpinan Tinggi",
    ADMINISTRATOR: "Administrator",
    PENGAWAS: "Pengawas",
    FUNGSIONAL_KEAHLIAN: "Fungsional keahlian",
    FUNGSIONAL_KETERAMPILAN: "Fungsional keterampilan",
    PELAKSANA: "Pelaksana",
  },
  JabatanLevel: {
    JPT_UTAMA: "JPT Utama",
    JPT_MADYA: "JPT Madya",
    JPT_PRATAMA: "JPT Pratama",
    LEVEL_ADMINISTRATOR: "Administrator",
    LEVEL_PENGAWAS: "Pengawas",
    AHLI_PERTAMA: "Ahli Pertama",
    AHLI_MUDA: "Ahli Muda",
    AHLI_MADYA: "Ahli Madya",
    AHLI_UTAMA: "Ahli Utama",
    PEMULA: "Pemula",
    TERAMPIL: "Terampil",
    MAHIR: "Mahir",
    PENYELIA: "Penyelia",
    LEVEL_PELAKSANA: "Pelaksana",
  },
  EmploymentStatus: { PNS: "PNS", CPNS: "CPNS", PPPK: "PPPK", PPPK_PARUH_WAKTU: "PPPK Paruh Waktu" },
  ServiceRequestState: {
    SERVICE_REQUEST_STATE_RECEIVED: "Diterima",
    SERVICE_REQUEST_STATE_ASSIGNED: "Ditugaskan ke petugas",
    SERVICE_REQUEST_STATE_IN_PROCESS: "Sedang diproses",
    SERVICE_REQUEST_STATE_COMPLETED: "Selesai",
    SERVICE_REQUEST_STATE_REJECTED: "Ditolak",
  },
  TurnaroundUnit: {
    TURNAROUND_UNIT_WORKING_DAYS: "hari kerja",
    TURNAROUND_UNIT_CALENDAR_HOURS: "jam",
  },
  CompetitionState: {
    COMPETITION_STATE_OPEN: "Dibuka",
    COMPETITION_STATE_JUDGING: "Penjurian",
    COMPETITION_STATE_PUBLISHED: "Diumumkan",
  },
  FollowUpStatus: { FOLLOW_UP_STATUS_OPEN: "Belum terpenuhi", FOLLOW_UP_STATUS_MET: "Terpenuhi" },
  SKMGrade: {
    SKM_GRADE_A: "A (Sangat Baik)",
    SKM_GRADE_B: "B (Baik)",
    SKM_GRADE_C: "C (Kurang Baik)",
    SKM_GRADE_D: "D (Tidak Baik)",
  },
};

/** The label of code `nilai` of enum `jenis`, or a dash. */
export function label(jenis, nilai) {
  return LABEL[jenis]?.[nilai] ?? "—";
}

/** The five predikat in the order of the regulation, with their JSON names and short keys. */
export const PREDIKAT = [
  { kode: "PREDIKAT_SANGAT_BAIK", kunci: "sangatBaik", nama: "Sangat Baik" },
  { kode: "PREDIKAT_BAIK", kunci: "baik", nama: "Baik" },
  { kode: "PREDIKAT_BUTUH_PERBAIKAN", kunci: "butuhPerbaikan", nama: "Butuh Perbaikan" },
  { kode: "PREDIKAT_KURANG", kunci: "kurang", nama: "Kurang/Misconduct" },
  { kode: "PREDIKAT_SANGAT_KURANG", kunci: "sangatKurang", nama: "Sangat Kurang" },
];

/** The predikat from the two ratings, by the matrix of PermenPANRB 6/2022. */
export function predikatDari(hasilKerja, perilaku) {
  const atas = "RATING_DI_ATAS_EKSPEKTASI";
  const sesuai = "RATING_SESUAI_EKSPEKTASI";
  const bawah = "RATING_DI_BAWAH_EKSPEKTASI";
  if (!hasilKerja || !perilaku) return null;
  if (perilaku === bawah) return hasilKerja === bawah ? "PREDIKAT_SANGAT_KURANG" : "PREDIKAT_KURANG";
  if (hasilKerja === bawah) return "PREDIKAT_BUTUH_PERBAIKAN";
  if (hasilKerja === atas && perilaku === atas) return "PREDIKAT_SANGAT_BAIK";
  if ([atas, sesuai].includes(hasilKerja)) return "PREDIKAT_BAIK";
  return null;
}

/** The seven BerAKHLAK core values with the conduct each stands for (SE MenPANRB 20/2021). */
export const BERAKHLAK = [
  {
    kode: "BERAKHLAK_BERORIENTASI_PELAYANAN",
    nama: "Berorientasi Pelayanan",
    panduan: [
      "Memahami dan memenuhi kebutuhan masyarakat",
      "Ramah, cekatan, solutif, dan dapat diandalkan",
      "Melakukan perbaikan tiada henti",
    ],
  },
  {
    kode: "BERAKHLAK_AKUNTABEL",
    nama: "Akuntabel",
    panduan: [
      "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
      "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
      "Tidak menyalahgunakan kewenangan jabatan",
    ],
  },
  {
    kode: "BERAKHLAK_KOMPETEN",
    nama: "Kompeten",
    panduan: [
      "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
      "Membantu orang lain belajar",
      "Melaksanakan tugas dengan kualitas terbaik",
    ],
  },
  {
    kode: "BERAKHLAK_HARMONIS",
    nama: "Harmonis",
    panduan: [
      "Menghargai setiap orang apa pun latar belakangnya",
      "Suka menolong orang lain",
      "Membangun lingkungan kerja yang kondusif",
    ],
  },
  {
    kode: "BERAKHLAK_LOYAL",
    nama: "Loyal",
    panduan: [
      "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah",
      "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
      "Menjaga rahasia jabatan dan negara",
    ],
  },
  {
    kode: "BERAKHLAK_ADAPTIF",
    nama: "Adaptif",
    panduan: [
      "Cepat menyesuaikan diri menghadapi perubahan",
      "Terus berinovasi dan mengembangkan kreativitas",
      "Bertindak proaktif",
    ],
  },
  {
    kode: "BERAKHLAK_KOLABORATIF",
    nama: "Kolaboratif",
    panduan: [
      "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
      "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
      "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ],
  },
];

/** The name of a BerAKHLAK value code. */
export function namaBerakhlak(kode) {
  return BERAKHLAK.find((b) => b.kode === kode)?.nama ?? "—";
}

const GOLONGAN_PNS = {
  11: ["I/a", "Juru Muda"], 12: ["I/b", "Juru Muda Tingkat I"], 13: ["I/c", "Juru"], 14: ["I/d", "Juru Tingkat I"],
  21: ["II/a", "Pengatur Muda"], 22: ["II/b", "Pengatur Muda Tingkat I"], 23: ["II/c", "Pengatur"],
  24: ["II/d", "Pengatur Tingkat I"], 31: ["III/a", "Penata Muda"], 32: ["III/b", "Penata Muda Tingkat I"],
  33: ["III/c", "Penata"], 34: ["III/d", "Penata Tingkat I"], 41: ["IV/a", "Pembina"],
  42: ["IV/b", "Pembina Tingkat I"], 43: ["IV/c", "Pembina Utama Muda"], 44: ["IV/d", "Pembina Utama Madya"],
  45: ["IV/e", "Pembina Utama"],
};
const KODE_PNS = {
  GOLONGAN_IA: 11, GOLONGAN_IB: 12, GOLONGAN_IC: 13, GOLONGAN_ID: 14, GOLONGAN_IIA: 21, GOLONGAN_IIB: 22,
  GOLONGAN_IIC: 23, GOLONGAN_IID: 24, GOLONGAN_IIIA: 31, GOLONGAN_IIIB: 32, GOLONGAN_IIIC: 33,
  GOLONGAN_IIID: 34, GOLONGAN_IVA: 41, GOLONGAN_IVB: 42, GOLONGAN_IVC: 43, GOLONGAN_IVD: 44, GOLONGAN_IVE: 45,
};

/** A golongan ({pns} or {pppk}) as "Penata Muda (III/a)" or "Golongan IX (PPPK)". */
export function golongan(g) {
  if (g?.pns) {
    const [gol, pangkat] = GOLONGAN_PNS[KODE_PNS[g.pns]] ?? ["—", "—"];
    return `${pangkat} (${gol})`;
  }
  if (g?.pppk) return `Golongan ${g.pppk.replace("PPPK_", "")} (PPPK)`;
  return "—";
}

const NAMA_TRIWULAN = ["", "I", "II", "III", "IV"];

/** A PositionPerson as "Sri Wahyuni (Kepala Bidang Pelayanan, Plh)", or a dash. */
export function orangJabatan(o) {
  if (!o?.name) return "—";
  const peran = o.plh ? ", Plh" : o.acting ? ", Plt" : "";
  return o.positionTitle ? `${o.name} (${o.positionTitle}${peran})` : o.name;
}

/** An evaluation period as "Triwulan II 2026", "Juni 2026" or "Tahunan 2026". */
export function periode(p) {
  if (!p) return "—";
  switch (p.kind) {
    case "EVALUATION_PERIOD_KIND_TRIWULAN":
      return `Triwulan ${NAMA_TRIWULAN[p.number ?? 1]} ${p.year}`;
    case "EVALUATION_PERIOD_KIND_BULANAN":
      return bulan(p.year, p.number ?? 1);
    case "EVALUATION_PERIOD_KIND_TAHUNAN":
      return `Tahunan ${p.year}`;
    default:
      return `${p.year}`;
  }
}

/** The first and last day of a period as protobuf Dates. */
export function rentangPeriode(p) {
  const n = p.number ?? 1;
  if (p.kind === "EVALUATION_PERIOD_KIND_BULANAN") {
    return [{ year: p.year, month: n, day: 1 }, { year: p.year, month: n, day: hariDalamBulan(p.year, n) }];
  }
  if (p.kind === "EVALUATION_PERIOD_KIND_TRIWULAN") {
    const akhir = n * 3;
    return [{ year: p.year, month: akhir - 2, day: 1 }, { year: p.year, month: akhir, day: hariDalamBulan(p.year, akhir) }];
  }
  return [{ year: p.year, month: 1, day: 1 }, { year: p.year, month: 12, day: 31 }];
}

function hariDalamBulan(tahun, bulanKe) {
  return new Date(Date.UTC(tahun, bulanKe, 0)).getUTCDate();
}

/** A service standard as "5 hari kerja". */
export function standar(s) {
  if (!s) return "—";
  const satuan = label("TurnaroundUnit", s.unit);
  if (s.unit === "TURNAROUND_UNIT_WORKING_DAYS" && !s.maximum) return "hari kerja yang sama";
  return `${angka(s.maximum ?? 0, 0)} ${satuan}`;
}
