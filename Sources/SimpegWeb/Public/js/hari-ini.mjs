// Today (pegawai): log an activity toward an RHK of one's approved SKP, with a photo or file as
// evidence, and follow the status of the last two weeks' activities. While some are pending
// the list is read again every few seconds and whenever the page comes back into view, so an
// approval shows without a reload. Before its review an activity can be edited or withdrawn; a
// rejected one corrected and resubmitted; every version stays readable. A change made elsewhere
// meanwhile is refused (STALE_REVISION): the card then shows the activity as it is now.

import { panggil } from "./api.mjs";
import { $, h, hapusKabar, isi, kabar, sambilMenunggu } from "./dom.mjs";
import {
  angka, dariIso, geserHari, hariIni, hariTanggal, isoTanggal, jamMenit, label, menitDari, tanggal, waktu,
} from "./format.mjs";
import { siapkanBukti } from "./berkas.mjs";
import { rhkDari, skpTahun } from "./kinerja.mjs";
import { ditolakKarena, pesanGalat } from "./pesan.mjs";
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
  // An edit under way is not swept away by the periodic read; the list follows once it closes.
  if (document.querySelector("#daftar-kegiatan .sedang-diubah")) {
    pengatur = setTimeout(muatDaftarBilaTerlihat, SELANG_MS);
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
  // A card whose activity did not change is kept, with whatever is open in it.
  const ada = new Map([...$("daftar-kegiatan").children].map((el) => [`${el.dataset.kegiatan}/${el.dataset.revisi}/${el.dataset.status}`, el]));
  isi($("daftar-kegiatan"), kegiatan.map((k) => ada.get(`${k.id}/${k.revision ?? 1}/${k.status}`) ?? kartuKegiatan(k)));
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
  ACTIVITY_STATUS_WITHDRAWN: "lencana-netral",
};

/** One activity as a card, with what its employee may still do with it. */
function kartuKegiatan(k) {
  const rhk = rhkDari(skp, k.rhkId);
  // The card's notices; kabar() sets the notice's own class, so the wrapper is what names it.
  const kotak = h("div", { hidden: true });
  const wadahForm = h("div", {});
  const menunggu = k.status === "ACTIVITY_STATUS_PENDING";
  const dikembalikan = k.status === "ACTIVITY_STATUS_REJECTED";
  const kartu = h(
    "li",
    { dataset: { kegiatan: k.id, status: k.status, revisi: k.revision ?? 1 } },
    h(
      "div",
      { class: "baris-antara" },
      h("strong", {}, `${tanggal(k.date)}, ${jamMenit(k.startMinute)}–${jamMenit(k.endMinute)}`),
      h("span", { class: `lencana ${KELAS_STATUS[k.status] ?? "lencana-netral"}` }, label("ActivityStatus", k.status)),
    ),
    h("p", { class: "uraian" }, k.description),
    h(
      "p",
      { class: "redup" },
      `Hasil: ${angka(k.outputQuantity ?? 0, 0)} ${k.outputUnit ?? ""}`,
      rhk ? ` · RHK: ${rhk.text}` : "",
      (k.evidence ?? []).length ? ` · Bukti: ${k.evidence.map((b) => b.name).join(", ")}` : "",
    ),
    dikembalikan && k.reviewNote ? h("p", { class: "kabar kabar-galat" }, `Catatan atasan: ${k.reviewNote}`) : null,
    k.reviewedAt ? h("p", { class: "redup" }, `Ditinjau ${waktu(k.reviewedAt)}`) : null,
    k.status === "ACTIVITY_STATUS_WITHDRAWN"
      ? h("p", { class: "redup" }, `Ditarik ${waktu(k.changedAt)}${k.withdrawalReason ? `: ${k.withdrawalReason}` : ""}`)
      : null,
    (k.revision ?? 1) > 1 ? riwayat(k) : null,
    menunggu || dikembalikan
      ? h(
          "div",
          { class: "aksi" },
          h(
            "button",
            { type: "button", class: "kedua tombol-kecil ubah", onclick: () => bukaForm(k, kartu, wadahForm, kotak, dikembalikan ? "ajukan-ulang" : "ubah") },
            dikembalikan ? "Perbaiki dan ajukan ulang" : "Ubah",
          ),
          menunggu
            ? h("button", { type: "button", class: "kedua tombol-kecil tarik", onclick: () => bukaForm(k, kartu, wadahForm, kotak, "tarik") }, "Tarik")
            : null,
        )
      : null,
    wadahForm,
    h("div", { class: "kabar-kartu" }, kotak),
  );
  return kartu;
}

/** Every version of activity `k`, read when opened. */
function riwayat(k) {
  const daftar = h("ol", { class: "daftar-versi" });
  const rincian = h("details", { class: "riwayat" }, h("summary", {}, `Riwayat versi (${angka(k.revision, 0)})`), daftar);
  rincian.addEventListener("toggle", async () => {
    if (!rincian.open || daftar.children.length) return;
    try {
      const j = await panggil("ActivityService/ListActivityRevisions", { activityId: k.id });
      isi(
        daftar,
        (j.revisions ?? []).map((r) =>
          h(
            "li",
            { dataset: { revisi: r.revision ?? 1 } },
            h("strong", {}, `Versi ${angka(r.revision ?? 1, 0)}: ${label("ActivityChange", r.lastChange)}`),
            ` ${waktu(r.changedAt ?? r.loggedAt)} · ${tanggal(r.date)}, ${jamMenit(r.startMinute)}–${jamMenit(r.endMinute)} · `,
            `${r.description} · ${angka(r.outputQuantity ?? 0, 0)} ${r.outputUnit ?? ""} · ${label("ActivityStatus", r.status)}`,
            r.reviewNote ? ` · catatan atasan: ${r.reviewNote}` : "",
          ),
        ),
      );
    } catch (galat) {
      isi(daftar, h("li", {}, pesanGalat(galat)));
    }
  });
  return rincian;
}

const JUDUL_FORM = { ubah: "Simpan perubahan", "ajukan-ulang": "Ajukan ulang", tarik: "Tarik kegiatan" };

/**
 * Opens, in the card, the form to edit (`ubah`), correct and resubmit (`ajukan-ulang`) or
 * withdraw (`tarik`) activity `k` as read at its revision.
 */
function bukaForm(k, kartu, wadah, kotak, jenis) {
  hapusKabar(kotak);
  const id = (nama) => `${nama}-${k.id}`;
  const bidang = [];
  if (jenis === "tarik") {
    bidang.push(h("div", { class: "isian" }, h("label", { for: id("alasan-tarik") }, "Alasan menarik (tidak wajib)"), h("input", { id: id("alasan-tarik"), name: "alasan", type: "text", maxlength: 500 })));
  } else {
    bidang.push(
      h("div", { class: "isian" }, h("label", { for: id("ubah-uraian") }, "Uraian kegiatan"), h("textarea", { id: id("ubah-uraian"), name: "uraian", rows: 3, maxlength: 2000 })),
      h(
        "div",
        { class: "dua-kolom" },
        h("div", { class: "isian" }, h("label", { for: id("ubah-mulai") }, "Jam mulai"), h("input", { id: id("ubah-mulai"), name: "mulai", type: "time", step: 300 })),
        h("div", { class: "isian" }, h("label", { for: id("ubah-selesai") }, "Jam selesai"), h("input", { id: id("ubah-selesai"), name: "selesai", type: "time", step: 300 })),
      ),
      h("div", { class: "isian" }, h("label", { for: id("ubah-tanggal") }, "Tanggal"), h("input", { id: id("ubah-tanggal"), name: "tanggal", type: "date", min: `${hari.year}-01-01`, max: isoTanggal(hari) })),
      h("div", { class: "isian" }, h("label", { for: id("ubah-jumlah") }, `Jumlah hasil${k.outputUnit ? ` (${k.outputUnit})` : ""}`), h("input", { id: id("ubah-jumlah"), name: "jumlah", type: "number", min: 0, step: 1, inputmode: "numeric" })),
    );
  }
  const f = h(
    "form",
    { class: `form-ubah-kegiatan form-${jenis}`, novalidate: true },
    bidang,
    h(
      "div",
      { class: "aksi" },
      h("button", { type: "submit", class: jenis === "tarik" ? "tarik-pasti" : "simpan-ubah" }, JUDUL_FORM[jenis]),
      h("button", { type: "button", class: "kedua batal", onclick: () => tutup() }, "Batal"),
    ),
  );
  const ke = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  if (jenis !== "tarik") {
    f.uraian.value = k.description ?? "";
    f.mulai.value = ke(k.startMinute ?? 0);
    f.selesai.value = ke(k.endMinute ?? 0);
    f.tanggal.value = isoTanggal(k.date);
    f.jumlah.value = String(k.outputQuantity ?? 0);
  }
  function tutup() {
    isi(wadah);
    kartu.classList.remove("sedang-diubah");
  }
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    hapusKabar(kotak);
    let permintaan;
    let metode;
    if (jenis === "tarik") {
      metode = "ActivityService/WithdrawActivity";
      permintaan = { activityId: k.id, revision: k.revision ?? 1, reason: f.alasan.value.trim() };
    } else {
      const mulai = menitDari(f.mulai.value || "00:00");
      const selesai = menitDari(f.selesai.value || "00:00");
      const jumlah = Number(f.jumlah.value);
      if (!f.uraian.value.trim()) return kabar(kotak, "Tuliskan uraian kegiatan.", "galat");
      if (!f.mulai.value || !f.selesai.value || selesai <= mulai) return kabar(kotak, "Jam selesai harus setelah jam mulai.", "galat");
      if (!Number.isInteger(jumlah) || jumlah < 0) return kabar(kotak, "Jumlah hasil berupa bilangan bulat, paling kecil 0.", "galat");
      metode = jenis === "ubah" ? "ActivityService/EditActivity" : "ActivityService/ResubmitActivity";
      permintaan = {
        activityId: k.id,
        revision: k.revision ?? 1,
        content: {
          skpId: k.skpId,
          rhkId: k.rhkId,
          ikiId: k.ikiId,
          date: dariIso(f.tanggal.value),
          startMinute: mulai,
          endMinute: selesai,
          description: f.uraian.value.trim(),
          outputQuantity: String(jumlah),
        },
      };
    }
    await sambilMenunggu(f, async () => {
      try {
        const baru = await panggil(metode, permintaan);
        gantiKartu(kartu, baru);
        kabar(
          $("kabar-halaman"),
          jenis === "tarik" ? "Kegiatan ditarik." : jenis === "ubah" ? "Perubahan kegiatan tersimpan dan tetap menunggu tinjauan." : "Kegiatan diajukan ulang dan menunggu tinjauan.",
          "baik",
        );
      } catch (galat) {
        if (ditolakKarena(galat, "STALE_REVISION") || galat.kode === "failed_precondition") {
          // Changed elsewhere (another device, or reviewed meanwhile): show it as it is now.
          try {
            const sekarang = await panggil("ActivityService/GetActivity", { activityId: k.id });
            const baru = gantiKartu(kartu, sekarang);
            kabar(baru.querySelector(".kabar-kartu > div"), pesanGalat(galat), "galat");
            return;
          } catch {
            // Could not read it again: the message goes on the card as it is.
          }
        }
        kabar(kotak, pesanGalat(galat, { invalid_argument: "Periksa tanggal (dalam tahun SKP dan tidak setelah hari ini), jam, uraian, dan jumlah hasil." }), "galat");
      }
    });
  });
  isi(wadah, f);
  kartu.classList.add("sedang-diubah");
  (f.uraian ?? f.alasan).focus();
}

/** Replaces `kartu` with a card of activity `k`; returns the new card. */
function gantiKartu(kartu, k) {
  const baru = kartuKegiatan(k);
  kartu.replaceWith(baru);
  if (k.status === "ACTIVITY_STATUS_PENDING") {
    clearTimeout(pengatur);
    pengatur = setTimeout(muatDaftarBilaTerlihat, SELANG_MS);
  }
  return baru;
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
