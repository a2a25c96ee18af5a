// What a person reads when a call fails: Indonesian text chosen by the Connect code and, where
// the page knows what the action was, by that action. The server's English message never
// reaches the page; a page that knows better passes its own text per code.

const UMUM = {
  canceled: "Permintaan dibatalkan.",
  unknown: "Terjadi kesalahan yang tidak dikenal. Coba lagi; bila berulang, hubungi admin BKPSDM.",
  invalid_argument: "Isian belum benar. Periksa kembali formulir, lalu kirim lagi.",
  deadline_exceeded: "Server terlalu lama menjawab. Coba lagi sebentar lagi.",
  not_found: "Data yang dicari tidak ditemukan.",
  already_exists: "Data ini sudah ada.",
  permission_denied: "Anda tidak berwenang melakukan tindakan ini.",
  resource_exhausted: "Terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.",
  failed_precondition:
    "Tindakan ini belum dapat dilakukan pada keadaan data sekarang. Muat ulang halaman untuk melihat keadaan terbaru.",
  aborted: "Data ini baru saja diubah orang lain. Muat ulang halaman, lalu coba lagi.",
  out_of_range: "Nilai di luar batas yang diizinkan.",
  unimplemented: "Fitur ini tidak tersedia di server ini.",
  internal: "Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi admin BKPSDM.",
  unavailable: "Server SIMPEG tidak dapat dihubungi. Periksa jaringan Anda, lalu coba lagi.",
  data_loss: "Data di server rusak. Segera hubungi admin BKPSDM.",
  unauthenticated: "Sesi Anda telah berakhir. Silakan masuk kembali.",
};

/**
 * The Indonesian message for `galat` (a GalatPanggilan, or any error): `khusus[kode]` when the
 * page gave one for this code, else the general text of the code.
 */
export function pesanGalat(galat, khusus = {}) {
  const kode = galat?.kode ?? "unknown";
  return khusus[kode] ?? UMUM[kode] ?? UMUM.unknown;
}
