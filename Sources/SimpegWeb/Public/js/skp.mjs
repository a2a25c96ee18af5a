// My SKP (pegawai): the year's SKP with its status and its evaluator's note; writing a draft
// (RHKs with the supervisor's RHK each supports, IKIs with targets, the seven behaviour
// expectations), submitting it, revising an approved one with a reason, and every version.
//
// The supervisor's RHKs are offered from the evaluator's SKP of the year, which simpegd lets the
// people they evaluate read; when it cannot be read (no evaluator yet, an elected official's
// plan not entered), the RHKs already supported are offered and another is named by its number.

import { panggil } from "./api.mjs";
import { $, h, hapusKabar, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { BERAKHLAK, LABEL, hariIni, label, waktu } from "./format.mjs";
import { skpTahun } from "./kinerja.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";
import { tabelPerilaku, tabelRhk } from "./tampilan-skp.mjs";

const hari = hariIni();
let profil = null;
let tahun = hari.year;
let skp = null;
/** The supervisor's RHKs offered as parents: id -> text. */
let rhkPimpinan = new Map();

const PESAN_SIMPAN = {
  invalid_argument:
    "Isian SKP belum benar. Setiap RHK perlu teks dan 1–12 indikator; indikator kuantitatif perlu target lebih dari 0 dan satuannya, kualitatif perlu ukuran keberhasilan; RHK utama perlu RHK pimpinan yang didukung, dari SKP atasan tahun ini.",
  aborted: "SKP ini baru saja diubah di jendela lain. Muat ulang halaman, lalu ulangi perubahan Anda.",
  failed_precondition: "SKP ini tidak dapat diubah sekarang: hanya draf atau SKP yang dikembalikan yang dapat diubah, dan atasan Anda perlu memiliki SKP yang disetujui.",
  permission_denied: "Hanya pemilik SKP yang mengubahnya.",
};

async function muat() {
  const status = $("status-skp");
  try {
    const hasil = await skpTahun(profil.akun.employeeId, tahun);
    skp = hasil?.terbaru ?? null;
  } catch (galat) {
    isi(status, h("h2", {}, "Status"), h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
    return;
  }
  gambarStatus();
  gambarIsi();
  await siapkanPenyunting();
  await muatVersi();
}

function gambarStatus() {
  const status = $("status-skp");
  if (!skp) {
    const tombol = h("button", { type: "button", id: "buat-skp" }, `Buat SKP ${tahun}`);
    tombol.addEventListener("click", buatSkp);
    isi(status, h("h2", {}, "Status"), h("p", {}, `Anda belum memiliki SKP ${tahun}.`), tombol);
    return;
  }
  const penilai = skp.evaluator ?? {};
  const atasan = skp.atasan ?? {};
  const formRevisi =
    skp.status === "SKP_STATUS_APPROVED"
      ? (() => {
          const alasan = h("textarea", { id: "alasan-revisi", rows: 2 });
          const kotak = h("div", { hidden: true });
          const form = h(
            "form",
            { novalidate: true },
            h("h3", {}, "Revisi SKP"),
            h("p", { class: "redup" }, "SKP yang disetujui tetap berlaku sampai revisinya disetujui atasan."),
            h("div", { class: "isian" }, h("label", { for: "alasan-revisi" }, "Alasan revisi"), alasan),
            kotak,
            h("button", { type: "submit", class: "kedua" }, "Mulai revisi"),
          );
          form.addEventListener("submit", async (e) => {
            e.preventDefault();
            if (!alasan.value.trim()) {
              kabar(kotak, "Tuliskan alasan revisi.", "galat");
              return;
            }
            await sambilMenunggu(form, async () => {
              try {
                await panggil("PlanService/ReviseSKP", { skpId: skp.id, reason: alasan.value.trim() });
                kabar($("kabar-halaman"), "Draf revisi dibuat. Ubah isinya, lalu ajukan ke atasan.", "baik");
                await muat();
              } catch (galat) {
                kabar(kotak, pesanGalat(galat, { failed_precondition: "Revisi sudah berjalan, atau SKP ini belum disetujui." }), "galat");
              }
            });
          });
          return form;
        })()
      : null;
  isi(
    status,
    h(
      "div",
      { class: "baris-antara" },
      h("h2", {}, `SKP ${skp.year}, versi ${skp.version}`),
      h("span", { class: `lencana ${skp.status === "SKP_STATUS_APPROVED" ? "lencana-baik" : skp.status === "SKP_STATUS_RETURNED" ? "lencana-galat" : "lencana-menunggu"}`, id: "lencana-status", dataset: { status: skp.status } }, label("SKPStatus", skp.status)),
    ),
    h(
      "dl",
      { class: "rincian" },
      h("dt", {}, "Jabatan"),
      h("dd", {}, skp.positionTitle),
      h("dt", {}, "Pejabat penilai kinerja"),
      h("dd", {}, penilai.name ? `${penilai.name}, ${penilai.acting ? "Plt. " : ""}${penilai.positionTitle}` : "—"),
      h("dt", {}, "Atasan pejabat penilai"),
      h("dd", {}, atasan.name ? `${atasan.name}, ${atasan.positionTitle}` : "—"),
      skp.submittedAt ? [h("dt", {}, "Diajukan"), h("dd", {}, waktu(skp.submittedAt))] : null,
      skp.approvedAt ? [h("dt", {}, "Disetujui"), h("dd", {}, waktu(skp.approvedAt))] : null,
      skp.inForceVersion && skp.inForceVersion !== skp.version ? [h("dt", {}, "Versi berlaku"), h("dd", {}, `versi ${skp.inForceVersion}`)] : null,
    ),
    skp.status === "SKP_STATUS_RETURNED" && skp.returnNote ? h("p", { class: "kabar kabar-peringatan" }, `Catatan atasan: ${skp.returnNote}`) : null,
    skp.revisionReason ? h("p", {}, `Alasan revisi: ${skp.revisionReason}`) : null,
    h("p", {}, h("a", { href: `/cetak/skp.html?id=${skp.id}&versi=${skp.version}` }, "Cetak formulir SKP")),
    formRevisi,
  );
}

function gambarIsi() {
  $("bagian-isi").hidden = !skp;
  if (!skp) return;
  isi(
    $("isi-skp"),
    h("p", {}, `Pendekatan: ${label("SKPApproach", skp.content?.approach)}`),
    h("div", { class: "gulir" }, tabelRhk(skp, { rhkInduk: rhkPimpinan })),
    h("h3", {}, "Perilaku kerja"),
    h("div", { class: "gulir" }, tabelPerilaku(skp)),
  );
}

async function buatSkp() {
  try {
    await panggil("PlanService/CreateSKP", { year: tahun, content: { approach: "SKP_APPROACH_KUANTITATIF" } });
    kabar($("kabar-halaman"), `SKP ${tahun} dibuat sebagai draf. Isi RHK, indikator, dan ekspektasinya.`, "baik");
    await muat();
  } catch (galat) {
    kabar(
      $("kabar-halaman"),
      pesanGalat(galat, {
        already_exists: `Anda sudah memiliki SKP ${tahun}. Muat ulang halaman.`,
        failed_precondition: "SKP belum dapat dibuat: Anda belum menduduki jabatan, atau tahun ini belum dibuka.",
      }),
      "galat",
    );
  }
}

// MARK: The editor

async function siapkanPenyunting() {
  const form = $("form-skp");
  const dapatDiubah = skp && (skp.status === "SKP_STATUS_DRAFT" || skp.status === "SKP_STATUS_RETURNED");
  form.hidden = !dapatDiubah;
  if (!dapatDiubah) return;
  rhkPimpinan = new Map();
  const penilai = skp.evaluator?.employeeId;
  if (penilai && penilai !== "0") {
    const milikAtasan = await panggil("PlanService/GetSKP", { ownerYear: { employeeId: penilai, year: tahun } }).catch(() => null);
    for (const r of milikAtasan?.content?.rhks ?? []) rhkPimpinan.set(r.id, r.text);
  }
  form.pendekatan.value = skp.content?.approach || "SKP_APPROACH_KUANTITATIF";
  isi($("daftar-rhk-ubah"), (skp.content?.rhks ?? []).map(blokRhk));
  const harapan = new Map((skp.content?.expectations ?? []).map((e) => [e.value, e.expectation]));
  isi(
    $("isian-ekspektasi"),
    BERAKHLAK.map((b) =>
      h(
        "div",
        { class: "isian" },
        h("label", { for: `ekspektasi-${b.kode}` }, b.nama),
        h("textarea", { id: `ekspektasi-${b.kode}`, class: "ekspektasi", dataset: { nilai: b.kode }, rows: 2 }, harapan.get(b.kode) ?? ""),
      ),
    ),
  );
}

let nomorBlok = 0;

/** One RHK's fields: kind, text, the supervisor's RHK, (JPT) perspective, and its IKIs. */
function blokRhk(rhk) {
  const n = ++nomorBlok;
  const jpt = ["JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA"].includes(skp.level);
  const dikenal = new Map(rhkPimpinan);
  for (const r of skp.content?.rhks ?? []) {
    if (r.parentRhkId && r.parentRhkId !== "0" && !dikenal.has(r.parentRhkId)) dikenal.set(r.parentRhkId, `RHK pimpinan nomor ${r.parentRhkId}`);
  }
  const induk = h(
    "select",
    { id: `induk-${n}`, class: "rhk-induk" },
    h("option", { value: "0" }, "Tidak ada (hanya untuk RHK tambahan)"),
    [...dikenal].map(([id, teks]) => h("option", { value: id, selected: id === rhk.parentRhkId }, teks)),
    h("option", { value: "lain" }, "RHK pimpinan lain (isi nomornya)"),
  );
  const nomorLain = h("input", { type: "number", min: 1, id: `induk-lain-${n}`, class: "rhk-induk-lain", hidden: true, "aria-label": "Nomor RHK pimpinan" });
  induk.addEventListener("change", () => (nomorLain.hidden = induk.value !== "lain"));
  const daftarIki = h("div", { class: "daftar-iki" }, (rhk.ikis?.length ? rhk.ikis : [{}]).map(barisIki));
  const blok = h(
    "fieldset",
    { class: "blok-rhk", dataset: { id: rhk.id ?? "0", jenis: rhk.kind } },
    h("legend", {}, `RHK ${label("RHKKind", rhk.kind).toLowerCase()}`),
    h("div", { class: "isian" }, h("label", { for: `teks-rhk-${n}` }, "Rencana hasil kerja"), h("textarea", { id: `teks-rhk-${n}`, class: "rhk-teks", rows: 2 }, rhk.text ?? "")),
    h("div", { class: "isian" }, h("label", { for: `induk-${n}` }, "RHK pimpinan yang diintervensi"), induk, nomorLain),
    jpt
      ? h(
          "div",
          { class: "isian" },
          h("label", { for: `perspektif-${n}` }, "Perspektif"),
          h("select", { id: `perspektif-${n}`, class: "rhk-perspektif" }, Object.entries(LABEL.JPTPerspective).map(([k, t]) => h("option", { value: k, selected: k === rhk.perspective }, t))),
        )
      : null,
    h("h4", {}, "Indikator kinerja individu"),
    daftarIki,
    h(
      "div",
      { class: "aksi" },
      h("button", { type: "button", class: "kedua tombol-kecil", onclick: () => daftarIki.append(barisIki({})) }, "Tambah indikator"),
      h("button", { type: "button", class: "kedua tombol-kecil", onclick: () => blok.remove() }, "Hapus RHK ini"),
    ),
  );
  return blok;
}

let nomorIki = 0;

function barisIki(iki) {
  const n = ++nomorIki;
  const baris = h(
    "div",
    { class: "baris-iki kisi kisi-3", dataset: { id: iki.id ?? "0" } },
    h(
      "div",
      { class: "isian" },
      h("label", { for: `aspek-${n}` }, "Aspek"),
      h("select", { id: `aspek-${n}`, class: "iki-aspek" }, Object.entries(LABEL.IKIAspect).map(([k, t]) => h("option", { value: k, selected: k === iki.aspect }, t))),
    ),
    h("div", { class: "isian" }, h("label", { for: `indikator-${n}` }, "Indikator"), h("input", { type: "text", id: `indikator-${n}`, class: "iki-indikator", value: iki.indicator ?? "" })),
    h(
      "div",
      { class: "isian" },
      h("label", { for: `target-${n}` }, "Target (kuantitatif)"),
      h("div", { class: "baris" }, h("input", { type: "number", min: 0, id: `target-${n}`, class: "iki-target", value: iki.targetValue ?? "", "aria-label": "Nilai target" }), h("input", { type: "text", class: "iki-satuan", value: iki.targetUnit ?? "", "aria-label": "Satuan target", placeholder: "satuan" })),
    ),
    h("div", { class: "isian" }, h("label", { for: `ukuran-${n}` }, "Ukuran keberhasilan (kualitatif)"), h("input", { type: "text", id: `ukuran-${n}`, class: "iki-ukuran", value: iki.narrativeMeasure ?? "" })),
    h("button", { type: "button", class: "kedua tombol-kecil", onclick: () => baris.remove() }, "Hapus indikator"),
  );
  return baris;
}

/** The content as the form holds it. */
function isiForm() {
  const form = $("form-skp");
  return {
    approach: form.pendekatan.value,
    rhks: [...document.querySelectorAll(".blok-rhk")].map((b) => {
      const induk = b.querySelector(".rhk-induk").value;
      return {
        id: b.dataset.id,
        kind: b.dataset.jenis,
        text: b.querySelector(".rhk-teks").value.trim(),
        parentRhkId: induk === "lain" ? String(b.querySelector(".rhk-induk-lain").value || "0") : induk,
        perspective: b.querySelector(".rhk-perspektif")?.value,
        ikis: [...b.querySelectorAll(".baris-iki")].map((i) => ({
          id: i.dataset.id,
          aspect: i.querySelector(".iki-aspek").value,
          indicator: i.querySelector(".iki-indikator").value.trim(),
          targetValue: String(Number(i.querySelector(".iki-target").value || 0)),
          targetUnit: i.querySelector(".iki-satuan").value.trim(),
          narrativeMeasure: i.querySelector(".iki-ukuran").value.trim(),
        })),
      };
    }),
    expectations: [...document.querySelectorAll(".ekspektasi")]
      .map((t) => ({ value: t.dataset.nilai, expectation: t.value.trim() }))
      .filter((e) => e.expectation),
  };
}

async function simpan(ajukan) {
  const form = $("form-skp");
  const kotak = $("kabar-skp");
  hapusKabar(kotak);
  await sambilMenunggu(form, async () => {
    try {
      const tersimpan = await panggil("PlanService/UpdateSKP", { skpId: skp.id, version: skp.version, content: isiForm() });
      if (ajukan) {
        await panggil("PlanService/SubmitSKP", { skpId: tersimpan.id, version: tersimpan.version });
        kabar($("kabar-halaman"), "SKP diajukan ke atasan Anda untuk disetujui.", "baik");
      } else {
        kabar($("kabar-halaman"), "Draf SKP tersimpan.", "baik");
      }
      await muat();
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          ...PESAN_SIMPAN,
          failed_precondition: ajukan
            ? "Belum dapat diajukan: perlu paling sedikit satu RHK utama dan ekspektasi untuk ketujuh nilai BerAKHLAK. Perubahan Anda sudah tersimpan sebagai draf."
            : PESAN_SIMPAN.failed_precondition,
        }),
        "galat",
      );
      if (ajukan) await muat();
    }
  });
}

async function muatVersi() {
  const wadah = $("daftar-versi");
  if (!skp) {
    isi(wadah, h("p", { class: "redup" }, "Belum ada versi."));
    return;
  }
  try {
    const j = await panggil("PlanService/ListSKPVersions", { skpId: skp.id });
    isi(
      wadah,
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, ["Versi", "Status", "Dibuat", "Disetujui", "Keterangan", ""].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          {},
          (j.versions ?? [])
            .slice()
            .reverse()
            .map((v) =>
              h(
                "tr",
                {},
                h("td", { class: "angka" }, String(v.version)),
                h("td", {}, label("SKPStatus", v.status)),
                h("td", {}, waktu(v.createdAt)),
                h("td", {}, v.approvedAt ? waktu(v.approvedAt) : "—"),
                h("td", {}, [v.revisionReason ? `Alasan revisi: ${v.revisionReason}` : "", v.returnNote ? ` Catatan atasan: ${v.returnNote}` : ""].join("").trim() || "—"),
                h("td", {}, h("a", { href: `/cetak/skp.html?id=${v.id}&versi=${v.version}` }, "Cetak")),
              ),
            ),
        ),
      ),
    );
  } catch (galat) {
    isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
  }
}

profil = await mulaiHalaman(["pegawai"]);
isi($("tahun"), [hari.year + 1, hari.year, hari.year - 1].map((t) => h("option", { value: t, selected: t === hari.year }, String(t))));
$("tahun").addEventListener("change", () => {
  tahun = Number($("tahun").value);
  hapusKabar($("kabar-halaman"));
  muat();
});
$("tambah-rhk-utama").addEventListener("click", () => $("daftar-rhk-ubah").append(blokRhk({ kind: "RHK_KIND_UTAMA", ikis: [{}] })));
$("tambah-rhk-tambahan").addEventListener("click", () => $("daftar-rhk-ubah").append(blokRhk({ kind: "RHK_KIND_TAMBAHAN", ikis: [{}] })));
$("form-skp").addEventListener("submit", (e) => {
  e.preventDefault();
  simpan(false);
});
$("ajukan").addEventListener("click", () => simpan(true));
await muat();
performance.mark("simpeg:isi-siap");
