// Today (pegawai): log an activity toward an RHK of one's approved SKP, with a photo or file as
// evidence, and follow the status of the last two weeks' activities. While some are pending
// the list is read again every few seconds and whenever the page comes back into view, so an
// approval shows without a reload.
//
// Editing or withdrawing an activity before review is not offered: the API has no call for it
// yet (the yearly-cycle work adds one).

import { panggil } from "./api.mjs";
import { $, h, hapusKabar, isi, kabar, sambilMenunggu } from "./dom.mjs";
import {
  angka, dariIso, geserHari, hariIni, hariTanggal, isoTanggal, jamMenit, label, menitDari, tanggal, waktu,
} from "./format.mjs";
import { siapkanBukti } from "./berkas.mjs";
import { rhkDari, skpTahun } from "./kinerja.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

/** How often the list is read again while some activity awaits review. */
const SELANG_MS = 5000;

const form = $("form-kegiatan");
const hari = hariIni();
$("tanggal-hari-ini").textContent = hariTanggal();
let pengatur = null;
/** The file chosen last, from the camera or the file picker. */
let buktiTerpilih = null;

let skp = null;

/** The RHK choices of the SKP in force, utama first. */
function isiPilihanRhk() {
  const pilih = $("rhk");
  const kelompok = [
    ["RHK_KIND_UTAMA", "Hasil kerja utama"],
    ["RHK_KIND_TAMBAHAN", "Hasil kerja tambahan"],
  ].map(([jenis, judul]) =>
    h(
      "optgroup",
      { label: judul },
      (skp.content?.rhks ?? []).filter((r) => r.kind === jenis).map((r) => h("option", { value: r.id }, r.text)),
    ),
  );
  isi(pilih, kelompok.filter((g) => g.children.length));
  pilih.addEventListener("change", isiPilihanIki);
  isiPilihanIki();
}

/** The IKI choices of the chosen RHK (shown only when it has more than one). */
function isiPilihanIki() {
  const rhk = rhkDari(skp, $("rhk").value);
  const ikis = rhk?.ikis ?? [];
  isi($("iki"), ikis.map((iki) => h("option", { value: iki.id }, `${iki.indicator}${iki.targetUnit ? ` (${iki.targetUnit})` : ""}`)));
  $("isian-iki").hidden = ikis.length < 2;
  perbaruiSatuan();
}

function perbaruiSatuan() {
  const rhk = rhkDari(skp, $("rhk").value);
  const iki = (rhk?.ikis ?? []).find((i) => i.id === $("iki").value) ?? rhk?.ikis?.[0];
  $("satuan-jumlah").textContent = iki?.targetUnit ? `(${iki.targetUnit})` : "";
}
$("iki").addEventListener("change", perbaruiSatuan);

/** The last hour up to now, in steps of five minutes; today's date. */
function isiWaktuAwal() {
  const sekarang = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Jakarta" })
    .format(new Date())
    .split(":")
    .map(Number);
  const selesai = Math.max(60, Math.floor((sekarang[0] * 60 + sekarang[1]) / 5) * 5);
  const mulai = selesai - 60;
  const ke = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  form.mulai.value = ke(mulai);
  form.selesai.value = ke(selesai);
  form.tanggal.value = isoTanggal(hari);
  form.tanggal.max = isoTanggal(hari);
  form.tanggal.min = `${hari.year}-01-01`;
}

for (const masukan of [form.foto, form.berkas]) {
  masukan.addEventListener("change", () => {
    buktiTerpilih = masukan.files[0] ?? null;
    $("bukti-terpilih").textContent = buktiTerpilih
      ? `Terpilih: ${buktiTerpilih.name} (${angka(buktiTerpilih.size / 1024, 0)} KB)`
      : "Belum ada berkas dipilih.";
  });
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const kotak = $("kabar-kegiatan");
  hapusKabar(kotak);
  const mulai = menitDari(form.mulai.value || "00:00");
  const selesai = menitDari(form.selesai.value || "00:00");
  const uraian = form.uraian.value.trim();
  const jumlah = Number(form.jumlah.value);
  if (!form.mulai.value || !form.selesai.value || selesai <= mulai) {
    kabar(kotak, "Jam selesai harus setelah jam mulai.", "galat");
    return;
  }
  if (!uraian) {
    kabar(kotak, "Tuliskan uraian kegiatan.", "galat");
    form.uraian.focus();
    return;
  }
  if (!Number.isInteger(jumlah) || jumlah < 0) {
    kabar(kotak, "Jumlah hasil berupa bilangan bulat, paling kecil 0.", "galat");
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      const evidence = [];
      if (buktiTerpilih) {
        kabar(kotak, "Menyiapkan bukti dukung…");
        evidence.push(await siapkanBukti(buktiTerpilih));
      }
      await panggil("ActivityService/LogActivity", {
        skpId: skp.id,
        rhkId: form.rhk.value,
        ikiId: $("isian-iki").hidden ? "0" : form.iki.value,
        date: dariIso(form.tanggal.value),
        startMinute: mulai,
        endMinute: selesai,
        description: uraian,
        outputQuantity: String(jumlah),
        evidence,
      });
      kabar(kotak, "Kegiatan tersimpan dan menunggu tinjauan atasan.", "baik");
      form.uraian.value = "";
      form.foto.value = "";
      form.berkas.value = "";
      buktiTerpilih = null;
      $("bukti-terpilih").textContent = "Belum ada berkas dipilih.";
      await muatDaftar();
    } catch (galat) {
      kabar(
        kotak,
        galat.kode === "berkas_terlalu_besar"
          ? "Berkas bukti lebih besar dari 1 MB. Pilih berkas yang lebih kecil, atau foto dokumennya."
          : pesanGalat(galat, {
              invalid_argument:
                "Kegiatan belum dapat dicatat. Periksa tanggal (dalam tahun SKP dan tidak setelah hari ini), jam, uraian, dan jumlah hasil.",
              failed_precondition:
                "Kegiatan belum dapat dicatat: SKP yang berlaku berubah. Muat ulang halaman, lalu coba lagi.",
              resource_exhausted: "Bukti dukung terlalu besar untuk server, atau terlalu banyak permintaan. Coba lagi sebentar lagi.",
            }),
        "galat",
      );
    }
  });
});

$("muat-ulang").addEventListener("click", () => muatDaftar());

/** Reads and draws the activities of the last 14 days, newest first. */
async function muatDaftar() {
  clearTimeout(pengatur);
  const ringkasan = $("ringkasan-kegiatan");
  let kegiatan;
  try {
    const jawaban = await panggil("ActivityService/ListActivities", {
      from: geserHari(hari, -13),
      to: hari,
      page: { pageSize: 500 },
    });
    kegiatan = jawaban.activities ?? [];
  } catch (galat) {
    ringkasan.textContent = pesanGalat(galat);
    return;
  }
  kegiatan.sort(
    (a, b) =>
      isoTanggal(b.date).localeCompare(isoTanggal(a.date)) || (b.startMinute ?? 0) - (a.startMinute ?? 0),
  );
  const menunggu = kegiatan.filter((k) => k.status === "ACTIVITY_STATUS_PENDING").length;
  ringkasan.textContent = kegiatan.length
    ? `${angka(kegiatan.length, 0)} kegiatan, ${angka(menunggu, 0)} menunggu tinjauan.`
    : "Belum ada kegiatan dalam 14 hari terakhir.";
  isi($("daftar-kegiatan"), kegiatan.map(kartuKegiatan));
  if (menunggu > 0) pengatur = setTimeout(muatDaftarBilaTerlihat, SELANG_MS);
}

function muatDaftarBilaTerlihat() {
  if (document.visibilityState === "visible") muatDaftar();
}
document.addEventListener("visibilitychange", muatDaftarBilaTerlihat);

const KELAS_STATUS = {
  ACTIVITY_STATUS_PENDING: "lencana-menunggu",
  ACTIVITY_STATUS_APPROVED: "lencana-baik",
  ACTIVITY_STATUS_REJECTED: "lencana-galat",
};

/** One activity as a card. */
function kartuKegiatan(k) {
  const rhk = rhkDari(skp, k.rhkId);
  return h(
    "li",
    { dataset: { kegiatan: k.id, status: k.status } },
    h(
      "div",
      { class: "baris-antara" },
      h("strong", {}, `${tanggal(k.date)}, ${jamMenit(k.startMinute)}–${jamMenit(k.endMinute)}`),
      h("span", { class: `lencana ${KELAS_STATUS[k.status] ?? "lencana-netral"}` }, label("ActivityStatus", k.status)),
    ),
    h("p", {}, k.description),
    h(
      "p",
      { class: "redup" },
      `Hasil: ${angka(k.outputQuantity ?? 0, 0)} ${k.outputUnit ?? ""}`,
      rhk ? ` · RHK: ${rhk.text}` : "",
      (k.evidence ?? []).length ? ` · Bukti: ${k.evidence.map((b) => b.name).join(", ")}` : "",
    ),
    k.status === "ACTIVITY_STATUS_REJECTED" && k.reviewNote
      ? h("p", { class: "kabar kabar-galat" }, `Catatan atasan: ${k.reviewNote}`)
      : null,
    k.reviewedAt ? h("p", { class: "redup" }, `Ditinjau ${waktu(k.reviewedAt)}`) : null,
  );
}

/** Starts the page: the SKP in force, the form, the list. */
async function mulai() {
  const profil = await mulaiHalaman(["pegawai"]);

  const rincianSkp = await skpTahun(profil.akun.employeeId, hari.year).catch((galat) => {
    kabar($("kabar-halaman"), pesanGalat(galat), "galat");
    return null;
  });
  skp = rincianSkp?.berlaku ?? null;
  if (!skp) {
    kabar(
      $("kabar-halaman"),
      rincianSkp
        ? `SKP ${hari.year} Anda belum disetujui atasan, jadi kegiatan belum dapat dicatat. Lihat halaman SKP Saya.`
        : `Anda belum memiliki SKP ${hari.year}. Susun dan ajukan SKP di halaman SKP Saya sebelum mencatat kegiatan.`,
      "peringatan",
    );
    form.querySelectorAll("input, select, textarea, button").forEach((k) => (k.disabled = true));
  } else {
    isiPilihanRhk();
  }
  isiWaktuAwal();
  await muatDaftar();
  performance.mark("simpeg:isi-siap");
}

await mulai();
