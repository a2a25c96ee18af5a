// My evaluations (pegawai): every rating by period and year with the evaluator's feedback per
// BerAKHLAK value, acknowledging a finalised one, filing a keberatan on it within its window
// (the window's end comes from the inbox), the keberatan's course with both versions of the
// ratings (as finalised and as decided), the angka kredit of functional posts, and the promotion
// rule (at least Baik two years in a row).

import { panggil } from "./api.mjs";
import { $, h, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { angka, label, namaBerakhlak, periode, waktu } from "./format.mjs";
import { pesanGalat } from "./pesan.mjs";
import { JENIS_ITEM } from "./sumber-kotak-masuk.mjs";
import { mulaiHalaman } from "./sesi.mjs";

const URUTAN_JENIS = {
  EVALUATION_PERIOD_KIND_BULANAN: 1,
  EVALUATION_PERIOD_KIND_TRIWULAN: 2,
  EVALUATION_PERIOD_KIND_TAHUNAN: 3,
};

async function muat() {
  let evaluasi;
  let laporan;
  let kotakMasuk;
  let daftarKeberatan;
  try {
    [evaluasi, laporan, kotakMasuk, daftarKeberatan] = await Promise.all([
      panggil("EvaluationService/ListEvaluations", {}).then((j) => j.evaluations ?? []),
      panggil("EvaluationService/GetEmployeeReport", {}),
      panggil("InboxService/ListInbox", { page: { pageSize: 1000 } }).then((j) => j.items ?? []),
      panggil("EvaluationService/ListKeberatan", { page: { pageSize: 1000 } }).then((j) => j.keberatan ?? []),
    ]);
  } catch (galat) {
    $("ringkasan-evaluasi").textContent = pesanGalat(galat);
    return;
  }
  tenggat.clear();
  for (const item of kotakMasuk) if (item.kind === JENIS_ITEM.KEBERATAN_DEADLINE) tenggat.set(item.recordId, item.due);
  keberatanMenurutEvaluasi.clear();
  for (const k of daftarKeberatan) keberatanMenurutEvaluasi.set(k.evaluationId, k);
  tulisKenaikan(laporan);
  const perTahun = new Map();
  for (const e of evaluasi) {
    const t = e.period?.year ?? 0;
    if (!perTahun.has(t)) perTahun.set(t, []);
    perTahun.get(t).push(e);
  }
  const menunggu = evaluasi.filter((e) => e.status === "EVALUATION_STATUS_FINALISED").length;
  $("ringkasan-evaluasi").textContent = evaluasi.length
    ? `${angka(evaluasi.length, 0)} penilaian${menunggu ? `, ${angka(menunggu, 0)} menunggu tanda terima Anda` : ""}.`
    : "Belum ada penilaian.";
  isi(
    $("daftar-tahun"),
    [...perTahun.keys()]
      .sort((a, b) => b - a)
      .map((t) =>
        h(
          "section",
          { "aria-labelledby": `tahun-${t}` },
          h("h2", { id: `tahun-${t}` }, `Tahun ${t}`),
          h(
            "ul",
            { class: "daftar-kartu" },
            perTahun
              .get(t)
              .sort(
                (a, b) =>
                  (URUTAN_JENIS[b.period.kind] ?? 0) - (URUTAN_JENIS[a.period.kind] ?? 0) ||
                  (b.period.number ?? 1) - (a.period.number ?? 1),
              )
              .map(kartuEvaluasi),
          ),
        ),
      ),
  );
}

/** The promotion rule in words, from the finalised annual predikat of each year. */
function tulisKenaikan(laporan) {
  const tahunan = (laporan.years ?? []).filter((y) => y.annual && y.annual !== "PREDIKAT_UNSPECIFIED");
  const daftar = tahunan.map((y) => `${y.year}: ${label("Predikat", y.annual)}`).join("; ");
  $("kenaikan").textContent =
    (laporan.meetsPromotionRule
      ? "Terpenuhi: predikat tahunan Anda paling rendah Baik dua tahun berturut-turut."
      : "Belum terpenuhi: kenaikan pangkat memerlukan predikat tahunan paling rendah Baik dua tahun berturut-turut.") +
    (daftar ? ` Predikat tahunan final: ${daftar}.` : " Belum ada predikat tahunan yang final.");
}

/** The end of the keberatan window of each evaluation that still has one open, by evaluation id. */
const tenggat = new Map();
/** The caller's keberatan, by evaluation id. */
const keberatanMenurutEvaluasi = new Map();

const KELAS = {
  EVALUATION_STATUS_RATED: "lencana-info",
  EVALUATION_STATUS_FINALISED: "lencana-menunggu",
  EVALUATION_STATUS_ACKNOWLEDGED: "lencana-baik",
};

function kartuEvaluasi(e) {
  const kotak = h("div", { hidden: true });
  const catatan = h("textarea", { id: `catatan-terima-${e.id}`, rows: 2 });
  const formTerima =
    e.status === "EVALUATION_STATUS_FINALISED"
      ? h(
          "form",
          { class: "form-terima", novalidate: true },
          h("div", { class: "isian" }, h("label", { for: catatan.id }, "Catatan Anda (tidak wajib)"), catatan),
          kotak,
          h("button", { type: "submit", class: "terima" }, "Terima hasil penilaian"),
        )
      : null;
  formTerima?.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    await sambilMenunggu(formTerima, async () => {
      try {
        await panggil("EvaluationService/AcknowledgeEvaluation", { evaluationId: e.id, note: catatan.value.trim() });
        await muat();
        kabar($("kabar-halaman"), `Hasil penilaian ${periode(e.period)} sudah Anda terima.`, "baik");
      } catch (galat) {
        kabar(
          kotak,
          pesanGalat(galat, {
            failed_precondition: "Penilaian ini belum final atau sudah Anda terima. Muat ulang halaman.",
            permission_denied: "Hanya pegawai yang dinilai yang menerima hasil penilaiannya.",
          }),
          "galat",
        );
      }
    });
  });
  return h(
    "li",
    { id: `evaluasi-${e.id}`, dataset: { evaluasi: e.id, status: e.status } },
    h(
      "div",
      { class: "baris-antara" },
      h("h3", {}, periode(e.period)),
      h("span", { class: `lencana ${KELAS[e.status] ?? "lencana-netral"}` }, label("EvaluationStatus", e.status)),
    ),
    h("p", {}, "Predikat kinerja: ", h("strong", { class: "predikat" }, label("Predikat", e.predikat))),
    h(
      "dl",
      { class: "rincian" },
      h("dt", {}, "Hasil kerja"),
      h("dd", {}, label("Rating", e.hasilKerja), e.hasilKerjaNote ? ` — ${e.hasilKerjaNote}` : ""),
      h("dt", {}, "Perilaku kerja"),
      h("dd", {}, label("Rating", e.perilaku)),
      e.angkaKredit ? [h("dt", {}, "Angka kredit"), h("dd", {}, `${e.angkaKredit.replace(".", ",")} (${angka(e.months ?? 0, 0)} bulan)`)] : null,
      h("dt", {}, "Dinilai"),
      h("dd", {}, waktu(e.ratedAt)),
      e.finalisedAt ? [h("dt", {}, "Final"), h("dd", {}, waktu(e.finalisedAt))] : null,
      e.acknowledgedAt ? [h("dt", {}, "Diterima"), h("dd", {}, waktu(e.acknowledgedAt), e.acknowledgementNote ? ` — ${e.acknowledgementNote}` : "")] : null,
    ),
    (e.behaviour ?? []).length
      ? h(
          "details",
          {},
          h("summary", {}, "Umpan balik perilaku kerja"),
          h("ul", {}, e.behaviour.map((b) => h("li", {}, h("strong", {}, namaBerakhlak(b.value)), `: ${b.feedback}`))),
        )
      : null,
    h("p", {}, h("a", { href: `/cetak/evaluasi.html?id=${e.id}` }, "Dokumen evaluasi kinerja (cetak)")),
    formTerima,
    bagianKeberatan(e),
  );
}

/**
 * The keberatan of evaluation `e`: its course and both versions when there is one; the form to
 * file one while its window is open; nothing for an evaluation not final yet.
 */
function bagianKeberatan(e) {
  const k = keberatanMenurutEvaluasi.get(e.id);
  if (k) {
    const diputuskan = ["KEBERATAN_STATUS_UPHELD", "KEBERATAN_STATUS_CHANGED"].includes(k.status);
    const semula = k.original ?? {};
    return h(
      "div",
      { class: "kartu keberatan", dataset: { keberatan: k.id, status: k.status } },
      h("h4", {}, "Keberatan Anda"),
      h("p", {}, h("span", { class: "lencana lencana-info" }, label("KeberatanStatus", k.status)), ` · diajukan ${waktu(k.filedAt)}`),
      h(
        "dl",
        { class: "rincian" },
        h("dt", {}, "Penilaian semula"),
        h("dd", { class: "versi-semula" }, `${label("Predikat", semula.predikat)} (hasil kerja ${label("Rating", semula.hasilKerja)}, perilaku ${label("Rating", semula.perilaku)})`),
        diputuskan
          ? [
              h("dt", {}, "Hasil keputusan"),
              h("dd", { class: "versi-keputusan" }, `${label("Predikat", k.decidedPredikat)} (hasil kerja ${label("Rating", k.decidedHasilKerja)}, perilaku ${label("Rating", k.decidedPerilaku)})`),
              h("dt", {}, "Alasan keputusan"),
              h("dd", {}, k.decisionReason),
            ]
          : null,
      ),
      h("p", {}, h("a", { href: `/keberatan.html?id=${k.id}` }, "Rincian keberatan")),
    );
  }
  if (!["EVALUATION_STATUS_FINALISED", "EVALUATION_STATUS_ACKNOWLEDGED"].includes(e.status)) return null;
  const sampai = tenggat.get(e.id);
  if (!sampai) return h("p", { class: "redup" }, "Masa pengajuan keberatan atas penilaian ini sudah berakhir.");
  const kotak = h("div", { hidden: true });
  const alasan = h("textarea", { id: `alasan-keberatan-${e.id}`, name: "alasan", rows: 4, maxlength: 4000 });
  const namaBukti = h("input", { id: `nama-bukti-${e.id}`, name: "namaBukti", type: "text", maxlength: 200 });
  const alamatBukti = h("input", { id: `alamat-bukti-${e.id}`, name: "alamatBukti", type: "url", maxlength: 2000 });
  const form = h(
    "form",
    { class: "form-keberatan", novalidate: true },
    h("p", {}, `Bila Anda tidak sependapat dengan penilaian ini, ajukan keberatan paling lambat ${waktu(sampai)}. Keberatan diperiksa dan diputuskan oleh atasan pejabat penilai kinerja Anda.`),
    h("div", { class: "isian" }, h("label", { for: alasan.id }, "Alasan keberatan"), alasan),
    h("div", { class: "isian" }, h("label", { for: namaBukti.id }, "Bukti pendukung (tidak wajib): nama dokumen"), namaBukti),
    h("div", { class: "isian" }, h("label", { for: alamatBukti.id }, "Alamat dokumen (tautan)"), alamatBukti),
    kotak,
    h("button", { type: "submit", class: "kedua ajukan-keberatan" }, "Ajukan keberatan"),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const teks = alasan.value.trim();
    if (!teks) {
      kabar(kotak, "Tuliskan alasan keberatan Anda.", "galat");
      alasan.focus();
      return;
    }
    const evidence = namaBukti.value.trim() || alamatBukti.value.trim()
      ? [{ name: namaBukti.value.trim() || alamatBukti.value.trim(), uri: alamatBukti.value.trim() }]
      : [];
    await sambilMenunggu(form, async () => {
      try {
        await panggil("EvaluationService/FileKeberatan", { evaluationId: e.id, reasons: teks, evidence });
        await muat();
        kabar($("kabar-halaman"), `Keberatan atas penilaian ${periode(e.period)} sudah diajukan.`, "baik");
      } catch (galat) {
        kabar(kotak, pesanGalat(galat), "galat");
      }
    });
  });
  return h("details", { class: "keberatan" }, h("summary", {}, "Ajukan keberatan"), form);
}

await mulaiHalaman(["pegawai"]);
await muat();
performance.mark("simpeg:isi-siap");
