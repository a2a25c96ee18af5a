// What a person reads when a call fails, in Indonesian, never the server's English:
//
// 1. a refusal of the yearly cycle carries a typed detail, simpeg.v1.Refusal (PROTOCOL.md 6.4.1):
//    its reason picks the text below, and its `may_act` names who may act instead;
// 2. otherwise the page's own text for its action and the Connect code, when it gave one;
// 3. otherwise the general text of the code.
//
// The Refusal arrives as a Connect error detail {type, value}: `value` is the message's protobuf
// encoding in unpadded base64, read here with a few lines of protobuf's wire format.

import { orangJabatan } from "./format.mjs";

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
 * The catalogue of refusal reasons (RefusalReason in Schema/simpeg/v1/errors.proto), by number:
 * its name and what a person reads. A number never changes meaning; a new reason needs a line
 * here (the browser tests check every reason of PROTOCOL.md has one).
 */
export const ALASAN_PENOLAKAN = {
  1: ["NOT_THE_EVALUATOR", "Hanya pejabat penilai kinerja (PPK) pegawai ini, atau Plt/Plh jabatannya pada hari ini, yang dapat melakukan tindakan ini."],
  2: ["OWN_RECORD", "Anda tidak dapat menyetujui, menilai, atau memutuskan data Anda sendiri."],
  3: ["NOT_THE_LEADER_ABOVE", "Predikat kinerja organisasi suatu unit ditetapkan oleh pimpinan unit di atasnya (BKPSDM untuk perangkat daerah)."],
  4: ["NOT_THE_UNIT_LEADER", "Penilaian unit ini hanya dapat difinalkan oleh pimpinan unit, pimpinan unit di atasnya, atau BKPSDM."],
  5: ["OWN_RATING_IN_SET", "Penilaian unit ini memuat penilaian Anda sendiri, jadi harus difinalkan oleh pimpinan di atas Anda atau BKPSDM."],
  6: ["PLH_POSITION_VACANT", "Plh hanya untuk jabatan yang pejabatnya berhalangan; jabatan yang kosong diisi Plt."],
  7: ["PLH_OVERLAP", "Rentang tanggal Plh ini bertumpang tindih dengan Plh lain pada jabatan yang sama."],
  8: ["PLH_IS_THE_HOLDER", "Pejabat tidak dapat menjadi Plh bagi jabatannya sendiri."],
  9: ["PLH_RANGE", "Rentang tanggal Plh tidak dapat dipakai: periksa tanggal mulai dan tanggal akhirnya."],
  10: ["NOT_THE_EMPLOYEE", "Hanya pegawai yang bersangkutan yang dapat mengajukan keberatan atas penilaiannya atau mengubah kegiatannya."],
  11: ["EVALUATION_NOT_FINAL", "Keberatan hanya dapat diajukan atas penilaian yang sudah final."],
  12: ["KEBERATAN_WINDOW_CLOSED", "Masa pengajuan keberatan atas penilaian ini sudah berakhir."],
  13: ["KEBERATAN_EXISTS", "Keberatan atas penilaian ini sudah diajukan. Setiap penilaian hanya dapat diajukan keberatan satu kali."],
  14: ["NOT_THE_ATASAN", "Keberatan hanya dapat diperiksa dan diputuskan oleh atasan pejabat penilai kinerja, atau Plt/Plh jabatannya pada hari ini."],
  15: ["KEBERATAN_NOT_HEARD", "Catat dulu keterangan pejabat penilai dan pegawai sebelum memutuskan keberatan."],
  16: ["KEBERATAN_DECIDED", "Keberatan ini sudah diputuskan, dan keputusan itu final."],
  17: ["ACTIVITY_REVIEWED", "Kegiatan ini sudah ditinjau atasan, jadi tidak dapat diubah atau ditarik lagi. Kegiatan yang dikembalikan dapat diperbaiki dan diajukan ulang."],
  18: ["ACTIVITY_NOT_REJECTED", "Hanya kegiatan yang dikembalikan atasan yang dapat diperbaiki dan diajukan ulang."],
  19: ["ACTIVITY_WITHDRAWN", "Kegiatan ini sudah ditarik dan tidak dapat diubah lagi."],
  20: ["STALE_REVISION", "Data ini sudah berubah sejak Anda membukanya. Versi terbaru sudah dimuat; periksa lalu ulangi."],
  21: ["TRANSFER_IN_FINALISED_PERIOD", "Tanggal mutasi jatuh dalam periode yang penilaiannya sudah final. Pilih tanggal setelah periode itu."],
  22: ["EARLIER_SKP_UNRATED", "Penilaian tahunan ini harus menilai juga setiap SKP yang ditutup oleh mutasi di tengah tahun."],
};

/** The names of the reasons, for pages that act on one ("STALE_REVISION" -> 20). */
const NOMOR_ALASAN = Object.fromEntries(Object.entries(ALASAN_PENOLAKAN).map(([n, [nama]]) => [nama, Number(n)]));

/**
 * The simpeg.v1.Refusal of `galat` (a GalatPanggilan), or null:
 * {alasan: "STALE_REVISION" (or "" for a number this app does not know), nomor, field, rule,
 * mayAct: [{employeeId, positionId, name, positionTitle, acting, official, plh}]}.
 */
export function penolakan(galat) {
  const rincian = (galat?.rincian ?? []).find((r) => r?.type === "simpeg.v1.Refusal");
  if (!rincian || typeof rincian.value !== "string") return null;
  try {
    const f = bacaPesan(dariBase64Url(rincian.value));
    const nomor = Number(f[1]?.[0] ?? 0);
    return {
      nomor,
      alasan: ALASAN_PENOLAKAN[nomor]?.[0] ?? "",
      field: teks(f[2]?.[0]),
      rule: teks(f[3]?.[0]),
      mayAct: (f[4] ?? []).map((b) => {
        const o = bacaPesan(b);
        return {
          employeeId: String(o[1]?.[0] ?? 0),
          positionId: String(o[2]?.[0] ?? 0),
          name: teks(o[3]?.[0]),
          positionTitle: teks(o[4]?.[0]),
          acting: Boolean(o[5]?.[0]),
          official: Boolean(o[6]?.[0]),
          plh: Boolean(o[7]?.[0]),
        };
      }),
    };
  } catch {
    return null;
  }
}

/** Whether `galat` is the refusal named `alasan` ("STALE_REVISION"). */
export function ditolakKarena(galat, alasan) {
  const p = penolakan(galat);
  return Boolean(p && p.nomor === NOMOR_ALASAN[alasan]);
}

/**
 * The Indonesian message for `galat` (a GalatPanggilan, or any error): by its refusal's reason
 * (naming who may act, when the refusal says), else `khusus[kode]` when the page gave one for
 * this code, else the general text of the code.
 */
export function pesanGalat(galat, khusus = {}) {
  const p = penolakan(galat);
  const alasan = p && ALASAN_PENOLAKAN[p.nomor];
  if (alasan) {
    const siapa = p.mayAct.filter((o) => o.name).map(orangJabatan);
    return siapa.length ? `${alasan[1]} Yang dapat bertindak: ${siapa.join("; ")}.` : alasan[1];
  }
  const kode = galat?.kode ?? "unknown";
  return khusus[kode] ?? UMUM[kode] ?? UMUM.unknown;
}

// MARK: Protobuf's wire format, as much as a Refusal needs

function dariBase64Url(s) {
  const biasa = s.replace(/-/g, "+").replace(/_/g, "/");
  const biner = atob(biasa + "=".repeat((4 - (biasa.length % 4)) % 4));
  return Uint8Array.from(biner, (c) => c.charCodeAt(0));
}

const teks = (b) => (b instanceof Uint8Array ? new TextDecoder().decode(b) : "");

/** The fields of one message: {number: [value...]}, varints as BigInt, length-delimited as bytes. */
function bacaPesan(b) {
  const hasil = {};
  let i = 0;
  const varint = () => {
    let n = 0n;
    let geser = 0n;
    for (;;) {
      if (i >= b.length) throw new Error("varint terpotong");
      const x = b[i++];
      n |= BigInt(x & 0x7f) << geser;
      if (!(x & 0x80)) return n;
      geser += 7n;
    }
  };
  while (i < b.length) {
    const kunci = varint();
    const nomor = Number(kunci >> 3n);
    const jenis = Number(kunci & 7n);
    let nilai;
    if (jenis === 0) nilai = varint();
    else if (jenis === 2) {
      const n = Number(varint());
      if (i + n > b.length) throw new Error("panjang melebihi pesan");
      nilai = b.subarray(i, i + n);
      i += n;
    } else if (jenis === 1) i += 8;
    else if (jenis === 5) i += 4;
    else throw new Error(`jenis kawat ${jenis} tidak dikenal`);
    if (nilai !== undefined) (hasil[nomor] ??= []).push(nilai);
  }
  return hasil;
}
