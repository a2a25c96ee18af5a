// The supervisor's inbox (atasan): activities awaiting review, one by one or in bulk, with their
// evidence; SKPs awaiting approval, approved or returned with a note. Items arrive and leave by
// themselves (sumber-kotak-masuk.mjs); a card already on the page keeps what was typed in it.

import { panggil } from "./api.mjs";
import { $, h, hapusKabar, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { dariBase64 } from "./berkas.mjs";
import { angka, hariIni, jamMenit, label, namaLengkap, nip, tanggal, waktu } from "./format.mjs";
import { pegawaiDenganId, rhkDari, skpDenganId } from "./kinerja.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";
import { bukaKotakMasuk } from "./sumber-kotak-masuk.mjs";
import { tabelPerilaku, tabelRhk } from "./tampilan-skp.mjs";

const tahun = hariIni().year;

const KEADAAN = {
  menghubungkan: ["Menghubungkan…", "lencana-netral"],
  langsung: ["Langsung", "lencana-baik langsung"],
  terputus: ["Terputus, mencoba lagi…", "lencana-galat"],
};

let kotakMasuk = null;

const kartuKegiatan = new Map();
const kartuSkp = new Map();

/** Brings the lists in line with the inbox: new cards added, decided ones removed. */
function gambar() {
  const kegiatan = kotakMasuk.kegiatan();
  selaraskan($("daftar-tinjauan"), kartuKegiatan, kegiatan, buatKartuKegiatan);
  $("jumlah-kegiatan").textContent = angka(kegiatan.length, 0);
  $("kosong-kegiatan").textContent = kotakMasuk.siap()
    ? kegiatan.length
      ? ""
      : "Tidak ada kegiatan yang menunggu tinjauan Anda."
    : "Memuat…";
  $("form-massal").hidden = kegiatan.length === 0;
  if (kotakMasuk.siap() && !performance.getEntriesByName("simpeg:isi-siap").length) performance.mark("simpeg:isi-siap");
  const skp = kotakMasuk.skp();
  selaraskan($("daftar-skp"), kartuSkp, skp, buatKartuSkp);
  $("jumlah-skp").textContent = angka(skp.length, 0);
  $("kosong-skp").textContent = skp.length ? "" : "Tidak ada SKP yang menunggu persetujuan Anda.";
  hitungTerpilih();
}

function selaraskan(daftar, kartu, item, buat) {
  const ada = new Set(item.map((x) => x.id));
  for (const [id, el] of kartu) {
    if (!ada.has(id)) {
      el.remove();
      kartu.delete(id);
    }
  }
  for (const x of item) {
    if (!kartu.has(x.id)) {
      const el = buat(x);
      kartu.set(x.id, el);
      daftar.append(el);
    }
  }
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
    { dataset: { kegiatan: k.id } },
    h("div", { class: "baris" }, pilih, namaPegawai),
    h("p", { class: "redup" }, `${tanggal(k.date)}, ${jamMenit(k.startMinute)}–${jamMenit(k.endMinute)} · dicatat ${waktu(k.loggedAt)}`),
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
    kotakMasuk.lupakan(ids);
    kabar(
      $("kabar-halaman"),
      `${angka(ids.length, 0)} kegiatan ${decision === "REVIEW_DECISION_APPROVE" ? "disetujui" : "dikembalikan"}.`,
      "baik",
    );
  } catch (galat) {
    kabar(kotak, pesanGalat(galat, PESAN_TINJAU), "galat");
    if (galat.kode === "failed_precondition" || galat.kode === "not_found") kotakMasuk.lupakan(ids);
  }
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

function buatKartuSkp(s) {
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
      h("button", { type: "button", onclick: () => putuskanSkp(s, true, "", kotak) }, "Setujui SKP"),
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
            putuskanSkp(s, false, catatan.value.trim(), kotak);
          },
        },
        "Kembalikan",
      ),
    ),
    kotak,
  );
}

async function putuskanSkp(s, setuju, note, kotak) {
  if (!setuju && !note) {
    kabar(kotak, "Tuliskan apa yang perlu diubah pegawai.", "galat");
    return;
  }
  try {
    if (setuju) await panggil("PlanService/ApproveSKP", { skpId: s.id, version: s.version });
    else await panggil("PlanService/ReturnSKP", { skpId: s.id, version: s.version, note });
    kotakMasuk.lupakan([s.id]);
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
    kotakMasuk.muatUlangSkp().catch(() => {});
  }
}

const profil = await mulaiHalaman(["atasan"]);
kotakMasuk = bukaKotakMasuk({
  pegawaiId: profil.akun.employeeId,
  tahun,
  saatBerubah: gambar,
  saatStatus(keadaan) {
    const [teks, kelas] = KEADAAN[keadaan];
    const el = $("status-langsung");
    el.textContent = teks;
    el.className = `lencana ${kelas}`;
    el.dataset.keadaan = keadaan;
  },
});
addEventListener("pagehide", () => kotakMasuk.tutup());
gambar();
