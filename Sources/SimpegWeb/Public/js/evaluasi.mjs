// My evaluations (pegawai): every rating by period and year with the evaluator's feedback per
// BerAKHLAK value, acknowledging a finalised one, the angka kredit of functional posts, and the
// promotion rule (at least Baik two years in a row).
//
// Filing a keberatan is not offered yet: the API has no call for it (the yearly-cycle work
// adds one); this page is where it will go.

import { panggil } from "./api.mjs";
import { $, h, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { angka, label, namaBerakhlak, periode, waktu } from "./format.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

const URUTAN_JENIS = {
  EVALUATION_PERIOD_KIND_BULANAN: 1,
  EVALUATION_PERIOD_KIND_TRIWULAN: 2,
  EVALUATION_PERIOD_KIND_TAHUNAN: 3,
};

async function muat() {
  let evaluasi;
  let laporan;
  try {
    [evaluasi, laporan] = await Promise.all([
      panggil("EvaluationService/ListEvaluations", {}).then((j) => j.evaluations ?? []),
      panggil("EvaluationService/GetEmployeeReport", {}),
    ]);
  } catch (galat) {
    $("ringkasan-evaluasi").textContent = pesanGalat(galat);
    return;
  }
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
        kabar($("kabar-halaman"), `Hasil penilaian ${periode(e.period)} sudah Anda terima.`, "baik");
        await muat();
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
    { dataset: { evaluasi: e.id, status: e.status } },
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
  );
}

await mulaiHalaman(["pegawai"]);
await muat();
performance.mark("simpeg:isi-siap");
