// The inbox (Kotak Masuk) of everyone with an employee record: what awaits them, from simpegd's
// InboxService through sumber-kotak-masuk.mjs, arriving and leaving without a reload. For an
// atasan: activities to review (one by one or in bulk, with their evidence), SKPs to approve or
// return, keberatan to hear and decide (on keberatan.html). For everyone: their own evaluations
// to acknowledge, keberatan windows with their deadline, an SKP returned for revision and
// follow-ups of dialogues due. Each item links to the page that acts on it; a card already on
// the page keeps what was typed in it.

import { panggil, semuaHalaman } from "./api.mjs";
import { $, h, hapusKabar, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { dariBase64 } from "./berkas.mjs";
import { angka, jamMenit, label, namaLengkap, nip, periode, tanggal, waktu } from "./format.mjs";
import { pegawaiDenganId, rhkDari, skpDenganId } from "./kinerja.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";
import { bukaKotakMasuk, JENIS_ITEM } from "./sumber-kotak-masuk.mjs";
import { tabelPerilaku, tabelRhk } from "./tampilan-skp.mjs";

const KEADAAN = {
  menghubungkan: ["Menghubungkan…", "lencana-netral"],
  langsung: ["Langsung", "lencana-baik langsung"],
  terputus: ["Terputus, mencoba lagi…", "lencana-galat"],
};

/** Where each kind of item goes: its list, and how its card is built from the item. */
const BAGIAN = {
  [JENIS_ITEM.ACTIVITY_TO_REVIEW]: "kegiatan",
  [JENIS_ITEM.SKP_TO_APPROVE]: "skp",
  [JENIS_ITEM.KEBERATAN_TO_DECIDE]: "keberatan",
  [JENIS_ITEM.EVALUATION_TO_ACKNOWLEDGE]: "saya",
  [JENIS_ITEM.KEBERATAN_DEADLINE]: "saya",
  [JENIS_ITEM.SKP_TO_REVISE]: "saya",
  [JENIS_ITEM.FOLLOW_UP_DUE]: "saya",
};

const DAFTAR = { kegiatan: "daftar-tinjauan", skp: "daftar-skp", keberatan: "daftar-keberatan", saya: "daftar-saya" };
const KOSONG = {
  kegiatan: "Tidak ada kegiatan yang menunggu tinjauan Anda.",
  skp: "Tidak ada SKP yang menunggu persetujuan Anda.",
  keberatan: "Tidak ada keberatan yang menunggu keputusan Anda.",
  saya: "Tidak ada yang menunggu tindakan Anda sendiri.",
};

let kotakMasuk = null;
/** The sections shown even when empty: an atasan's lists, BKPSDM's keberatan, one's own items. */
const selalu = new Set();
/** The activities awaiting the atasan's review when the page opened, by id (null for others). */
let tertunda = Promise.resolve(null);

/** The card of each item on the page, by item key. */
const kartu = new Map();
/** Which version of its record each card shows (an activity's revision), by item key. */
const versiKartu = new Map();

/** An item added, changed (`lama` set) or removed (`item` null): its card follows. */
async function berubah(item, lama) {
  if (!item) {
    kartu.get(lama.key)?.remove();
    kartu.delete(lama.key);
    versiKartu.delete(lama.key);
    hitung();
    return;
  }
  const bagian = BAGIAN[item.kind];
  if (!bagian) return;
  if (item.kind === JENIS_ITEM.KEBERATAN_DEADLINE && item.due) {
    // A window closes by the clock, with no change for the stream to carry: the page drops it.
    const sisa = Date.parse(item.due) - Date.now();
    if (sisa <= 0) return kotakMasuk.lupakan(item.key);
    if (sisa < 2 ** 31 - 1) setTimeout(() => kotakMasuk.lupakan(item.key), sisa);
  }
  try {
    const [el, versi] = await buatKartu(item);
    // The item may have left, or changed again, while its record was read.
    const sekarang = kotakMasuk.item().find((x) => x.key === item.key);
    if (!sekarang || (kartu.has(item.key) && versiKartu.get(item.key) === versi)) return;
    el.dataset.kunci = item.key;
    const ada = kartu.get(item.key);
    if (ada) ada.replaceWith(el);
    else $(DAFTAR[bagian]).append(el);
    kartu.set(item.key, el);
    versiKartu.set(item.key, versi);
  } catch (galat) {
    // A record that cannot be read (removed meanwhile) leaves no card; its REMOVED event follows.
    console.warn("SIMPEG: kotak masuk", item.key, galat);
  }
  hitung();
}

/** A card for `item` and the version of the record it shows. */
async function buatKartu(item) {
  switch (item.kind) {
    case JENIS_ITEM.ACTIVITY_TO_REVIEW: {
      // The opening inbox takes its activities from one list read beside it; later items are read one by one.
      const daftar = kotakMasuk.siap() ? null : await tertunda;
      const k = daftar?.get(item.recordId) ?? (await panggil("ActivityService/GetActivity", { activityId: item.recordId }));
      return [buatKartuKegiatan(k), k.revision ?? 1];
    }
    case JENIS_ITEM.SKP_TO_APPROVE: {
      const s = await panggil("PlanService/GetSKP", { skpId: item.recordId });
      return [buatKartuSkp(s, item.key), s.version];
    }
    case JENIS_ITEM.KEBERATAN_TO_DECIDE: {
      const k = await panggil("EvaluationService/GetKeberatan", { keberatanId: item.recordId });
      return [await buatKartuKeberatan(k), k.status];
    }
    default:
      return [await buatKartuSaya(item), item.since ?? ""];
  }
}

/** Counts, empty texts, and which sections show. */
function hitung() {
  const per = { kegiatan: 0, skp: 0, keberatan: 0, saya: 0 };
  for (const el of kartu.values()) {
    const bagian = Object.entries(DAFTAR).find(([, id]) => el.parentElement?.id === id)?.[0];
    if (bagian) per[bagian] += 1;
  }
  const siap = kotakMasuk?.siap() ?? false;
  for (const [bagian, n] of Object.entries(per)) {
    $(`jumlah-${bagian}`).textContent = angka(n, 0);
    $(`kosong-${bagian}`).textContent = siap ? (n ? "" : KOSONG[bagian]) : "Memuat…";
    $(`bagian-${bagian}`).hidden = !selalu.has(bagian) && n === 0;
  }
  $("form-massal").hidden = per.kegiatan === 0;
  hitungTerpilih();
}

// MARK: Activities

function buatKartuKegiatan(k) {
  const namaPegawai = h("strong", {}, "…");
  const teksRhk = h("span", {}, "");
  pegawaiDenganId(k.employeeId).then((p) => (namaPegawai.textContent = p ? `${namaLengkap(p)} (${nip(p.nip)})` : "Pegawai"));
  skpDenganId(k.skpId)
    .then((skp) => {
      const rhk = rhkDari(skp, k.rhkId);
      if (rhk) teksRhk.textContent = ` · RHK: ${rhk.text}`;
    })
    .catch(() => {});
  const kotak = h("div", { hidden: true });
  const catatan = h("textarea", { id: `catatan-${k.id}`, rows: 2 });
  const isianCatatan = h("div", { class: "isian", hidden: true }, h("label", { for: `catatan-${k.id}` }, "Catatan untuk pegawai"), catatan);
  const pilih = h("input", { type: "checkbox", class: "pilih-kegiatan", value: k.id, "aria-label": "Pilih kegiatan ini", onchange: hitungTerpilih });
  const wadahBukti = h("div", {});
  const kartu = h(
    "li",
    { dataset: { kegiatan: k.id, revisi: k.revision ?? 1 } },
    h("div", { class: "baris" }, pilih, namaPegawai),
    h(
      "p",
      { class: "redup" },
      `${tanggal(k.date)}, ${jamMenit(k.startMinute)}–${jamMenit(k.endMinute)} · dicatat ${waktu(k.loggedAt)}`,
      (k.revision ?? 1) > 1 ? ` · ${label("ActivityChange", k.lastChange)} ${waktu(k.changedAt)}` : "",
    ),
    h("p", {}, k.description),
    h("p", { class: "redup" }, `Hasil: ${angka(k.outputQuantity ?? 0, 0)} ${k.outputUnit ?? ""}`, teksRhk),
    (k.evidence ?? []).map((b, i) =>
      h(
        "div",
        { class: "baris" },
        h("span", {}, `Bukti: ${b.name}`),
        h("button", { type: "button", class: "kedua tombol-kecil", onclick: (e) => tampilkanBukti(k, i, wadahBukti, e.currentTarget) }, "Lihat bukti"),
      ),
    ),
    wadahBukti,
    isianCatatan,
    h(
      "div",
      { class: "aksi" },
      h("button", { type: "button", class: "setujui", onclick: () => tinjau([k.id], "REVIEW_DECISION_APPROVE", "", kotak) }, "Setujui"),
      h(
        "button",
        {
          type: "button",
          class: "kedua kembalikan",
          onclick: () => {
            if (isianCatatan.hidden) {
              isianCatatan.hidden = false;
              catatan.focus();
              return;
            }
            tinjau([k.id], "REVIEW_DECISION_REJECT", catatan.value.trim(), kotak);
          },
        },
        "Kembalikan",
      ),
    ),
    kotak,
  );
  return kartu;
}

/** Reads evidence `indeks` of activity `k` and shows it: an image, or a link to open it. */
async function tampilkanBukti(k, indeks, wadah, tombol) {
  tombol.disabled = true;
  try {
    const j = await panggil("ActivityService/GetEvidence", { activityId: k.id, index: indeks });
    const bukti = j.evidence ?? {};
    if (!j.content) {
      isi(wadah, bukti.uri ? h("a", { href: bukti.uri, rel: "noopener" }, `Buka ${bukti.name} di arsip`) : h("p", { class: "redup" }, "Berkas bukti disimpan di luar SIMPEG."));
      return;
    }
    const blob = new Blob([dariBase64(j.content)], { type: bukti.mediaType || "application/octet-stream" });
    const url = URL.createObjectURL(blob);
    isi(
      wadah,
      (bukti.mediaType ?? "").startsWith("image/") ? h("img", { src: url, alt: `Bukti dukung: ${bukti.name}`, class: "bukti-gambar" }) : null,
      h("a", { href: url, download: bukti.name }, `Unduh ${bukti.name}`),
    );
  } catch (galat) {
    isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat, { not_found: "Bukti ini tidak ditemukan." })));
  } finally {
    tombol.disabled = false;
  }
}

const PESAN_TINJAU = {
  failed_precondition: "Kegiatan ini sudah ditinjau, mungkin di jendela lain. Daftar sudah diperbarui.",
  permission_denied: "Anda bukan penilai kegiatan ini.",
  invalid_argument: "Tuliskan catatan untuk kegiatan yang dikembalikan.",
  not_found: "Kegiatan ini tidak ditemukan lagi.",
};

/** Approves or returns activities `ids`; one call for one, an all-or-nothing call for several. */
async function tinjau(ids, decision, note, kotak) {
  if (decision === "REVIEW_DECISION_REJECT" && !note) {
    kabar(kotak, "Tuliskan catatan: apa yang perlu diperbaiki pegawai.", "galat");
    return;
  }
  try {
    if (ids.length === 1) {
      await panggil("ActivityService/ReviewActivity", { activityId: ids[0], decision, note });
    } else {
      await panggil("ActivityService/ReviewActivities", { activityIds: ids, decision, note });
    }
    lupakanKegiatan(ids);
    kabar(
      $("kabar-halaman"),
      `${angka(ids.length, 0)} kegiatan ${decision === "REVIEW_DECISION_APPROVE" ? "disetujui" : "dikembalikan"}.`,
      "baik",
    );
  } catch (galat) {
    kabar(kotak, pesanGalat(galat, PESAN_TINJAU), "galat");
    if (galat.kode === "failed_precondition" || galat.kode === "not_found") lupakanKegiatan(ids);
  }
}

/** Drops the cards of activities `ids` just decided (their REMOVED events follow). */
function lupakanKegiatan(ids) {
  for (const [kunci, el] of kartu) if (ids.includes(el.dataset.kegiatan)) kotakMasuk.lupakan(kunci);
}

function terpilih() {
  return [...document.querySelectorAll(".pilih-kegiatan:checked")].map((c) => c.value);
}

function hitungTerpilih() {
  $("jumlah-terpilih").textContent = `${angka(terpilih().length, 0)} dipilih`;
}

$("pilih-semua").addEventListener("change", (e) => {
  document.querySelectorAll(".pilih-kegiatan").forEach((c) => (c.checked = e.target.checked));
  hitungTerpilih();
});

for (const [tombol, keputusan] of [
  ["setujui-terpilih", "REVIEW_DECISION_APPROVE"],
  ["kembalikan-terpilih", "REVIEW_DECISION_REJECT"],
]) {
  $(tombol).addEventListener("click", async () => {
    const ids = terpilih();
    const kotak = $("kabar-massal");
    hapusKabar(kotak);
    if (!ids.length) {
      kabar(kotak, "Pilih dulu kegiatan yang akan ditinjau.", "galat");
      return;
    }
    await sambilMenunggu($("form-massal"), () => tinjau(ids, keputusan, $("catatan-massal").value.trim(), kotak));
    $("pilih-semua").checked = false;
  });
}

// MARK: SKPs

function buatKartuSkp(s, kunci) {
  const kotak = h("div", { hidden: true });
  const catatan = h("textarea", { id: `catatan-skp-${s.id}`, rows: 2 });
  const isian = h("div", { class: "isian", hidden: true }, h("label", { for: `catatan-skp-${s.id}` }, "Apa yang perlu diubah"), catatan);
  return h(
    "li",
    { dataset: { skp: s.id } },
    h("div", { class: "baris-antara" }, h("strong", {}, s.ownerName), h("span", { class: "lencana lencana-menunggu" }, label("SKPStatus", s.status))),
    h("p", { class: "redup" }, `${s.positionTitle} · SKP ${s.year}, versi ${s.version} · diajukan ${waktu(s.submittedAt)}`),
    s.revisionReason ? h("p", {}, `Alasan revisi: ${s.revisionReason}`) : null,
    h(
      "details",
      {},
      h("summary", {}, "Periksa isi SKP"),
      h("p", {}, `Pendekatan: ${label("SKPApproach", s.content?.approach)}`),
      h("div", { class: "gulir" }, tabelRhk(s, { denganInduk: false })),
      h("h3", {}, "Perilaku kerja"),
      h("div", { class: "gulir" }, tabelPerilaku(s)),
    ),
    isian,
    h(
      "div",
      { class: "aksi" },
      h("button", { type: "button", onclick: () => putuskanSkp(s, kunci, true, "", kotak) }, "Setujui SKP"),
      h(
        "button",
        {
          type: "button",
          class: "kedua",
          onclick: () => {
            if (isian.hidden) {
              isian.hidden = false;
              catatan.focus();
              return;
            }
            putuskanSkp(s, kunci, false, catatan.value.trim(), kotak);
          },
        },
        "Kembalikan",
      ),
    ),
    kotak,
  );
}

async function putuskanSkp(s, kunci, setuju, note, kotak) {
  if (!setuju && !note) {
    kabar(kotak, "Tuliskan apa yang perlu diubah pegawai.", "galat");
    return;
  }
  try {
    if (setuju) await panggil("PlanService/ApproveSKP", { skpId: s.id, version: s.version });
    else await panggil("PlanService/ReturnSKP", { skpId: s.id, version: s.version, note });
    kotakMasuk.lupakan(kunci);
    kabar($("kabar-halaman"), `SKP ${s.ownerName} ${setuju ? "disetujui" : "dikembalikan"}.`, "baik");
  } catch (galat) {
    kabar(
      kotak,
      pesanGalat(galat, {
        failed_precondition: "SKP ini tidak lagi menunggu persetujuan, atau sudah berubah. Daftar diperbarui.",
        aborted: "Pegawai baru saja mengubah SKP ini. Daftar diperbarui; periksa lagi versi terbarunya.",
        permission_denied: "Anda bukan pejabat penilai SKP ini.",
      }),
      "galat",
    );
    if (galat.kode === "failed_precondition") kotakMasuk.lupakan(kunci);
  }
}

// MARK: Keberatan and the person's own items

const STATUS_KEBERATAN = {
  KEBERATAN_STATUS_FILED: "Diajukan, menunggu pemeriksaan",
  KEBERATAN_STATUS_HEARD: "Sudah diperiksa, menunggu keputusan",
};

async function buatKartuKeberatan(k) {
  const orang = await pegawaiDenganId(k.employeeId);
  return h(
    "li",
    { dataset: { keberatan: k.id, status: k.status } },
    h(
      "div",
      { class: "baris-antara" },
      h("strong", {}, orang ? `${namaLengkap(orang)} (${nip(orang.nip)})` : "Pegawai"),
      h("span", { class: "lencana lencana-menunggu" }, STATUS_KEBERATAN[k.status] ?? "Keberatan"),
    ),
    h("p", { class: "redup" }, `Keberatan atas penilaian ${periode(k.period)} · diajukan ${waktu(k.filedAt)}`),
    h("p", {}, k.reasons),
    h("p", { class: "redup" }, `Penilaian semula: ${label("Predikat", k.original?.predikat)} · pejabat penilai ${k.ppk?.name ?? "—"}`),
    h("p", {}, h("a", { href: `/keberatan.html?id=${k.id}`, class: "tombol" }, k.status === "KEBERATAN_STATUS_HEARD" ? "Putuskan keberatan" : "Catat pemeriksaan")),
  );
}

async function buatKartuSaya(item) {
  const sampai = item.due ? tanggal(item.due) : "";
  switch (item.kind) {
    case JENIS_ITEM.EVALUATION_TO_ACKNOWLEDGE:
    case JENIS_ITEM.KEBERATAN_DEADLINE: {
      const e = await panggil("EvaluationService/GetEvaluation", { evaluationId: item.recordId });
      const tenggat = item.kind === JENIS_ITEM.KEBERATAN_DEADLINE;
      return h(
        "li",
        { dataset: { evaluasi: e.id, jenis: item.kind } },
        h(
          "div",
          { class: "baris-antara" },
          h("strong", {}, `Penilaian ${periode(e.period)}: ${label("Predikat", e.predikat)}`),
          h("span", { class: "lencana lencana-menunggu" }, tenggat ? "Masa keberatan" : "Menunggu tanda terima"),
        ),
        h(
          "p",
          {},
          tenggat
            ? `Bila Anda tidak sependapat, Anda dapat mengajukan keberatan sampai ${waktu(item.due)}.`
            : "Penilaian ini sudah final. Baca hasilnya, lalu terima atau ajukan keberatan.",
        ),
        h("p", {}, h("a", { href: `/evaluasi.html#evaluasi-${e.id}` }, "Buka penilaian")),
      );
    }
    case JENIS_ITEM.SKP_TO_REVISE:
      return h(
        "li",
        { dataset: { skp: item.recordId, jenis: item.kind } },
        h("strong", {}, "SKP Anda dikembalikan untuk diperbaiki"),
        h("p", { class: "redup" }, `Sejak ${waktu(item.since)}`),
        h("p", {}, h("a", { href: "/skp.html" }, "Perbaiki SKP")),
      );
    default:
      return h(
        "li",
        { dataset: { tindakLanjut: item.recordId, jenis: item.kind } },
        h("strong", {}, "Tindak lanjut dialog kinerja"),
        h("p", {}, sampai ? `Jatuh tempo ${sampai}.` : "Belum terpenuhi."),
        h("p", {}, h("a", { href: "/umpan-balik.html" }, "Lihat tindak lanjut")),
      );
  }
}

// BKPSDM has an inbox too: keberatan whose atasan PPK is the Wali Kota, decided for them.
const profil = await mulaiHalaman(["pegawai", "atasan", "admin"]);
if (profil.peran.pegawai) selalu.add("saya");
if (profil.peran.admin) selalu.add("keberatan");
if (profil.peran.atasan) {
  for (const bagian of ["kegiatan", "skp", "keberatan"]) selalu.add(bagian);
  tertunda = semuaHalaman(async (page) => {
    const j = await panggil("ActivityService/ListPendingReviews", { page });
    return [j.activities ?? [], j.page?.nextPageToken];
  })
    .then((semua) => new Map(semua.map((a) => [a.id, a])))
    .catch(() => null);
}
kotakMasuk = bukaKotakMasuk({
  saatBerubah: berubah,
  saatSiap() {
    hitung();
    performance.mark("simpeg:isi-siap");
  },
  saatStatus(keadaan) {
    const [teks, kelas] = KEADAAN[keadaan];
    const el = $("status-langsung");
    el.textContent = teks;
    el.className = `lencana ${kelas}`;
    el.dataset.keadaan = keadaan;
  },
});
addEventListener("pagehide", () => kotakMasuk.tutup());
hitung();
