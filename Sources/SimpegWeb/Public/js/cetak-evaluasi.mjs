// The Dokumen Evaluasi Kinerja Pegawai for printing (PermenPANRB 6/2022, lampiran): the pegawai,
// the PPK and the atasan PPK; the organisation's predikat and the unit's distribution; each RHK
// and IKI with its target, the realisation in the period from the approved activities and the
// continuous feedback; the rating of hasil kerja; each BerAKHLAK value with its expectation and
// the evaluator's feedback; the rating of perilaku; the predikat; the signatures. `?id=<evaluation>`.
// When a keberatan was decided, the decided ratings are shown with the decision and the ratings
// as finalised. What the reader may not see (another person's record, the whole unit) is left blank.

import { panggil } from "./api.mjs";
import { isiIdentitas, mungkin, orangDariJabatan, siapkanDokumen, tabelIdentitas, tandaTangan } from "./cetak-bersama.mjs";
import { grafikDistribusi } from "./distribusi.mjs";
import { h, isi, parameter } from "./dom.mjs";
import { BERAKHLAK, angka, label, periode, persenBasis, rentangPeriode, tanggal } from "./format.mjs";
import { targetIki } from "./tampilan-skp.mjs";


/** An IKI's realisation in the period: its output and the percentage of the prorated target. */
function realisasi(iki, p) {
  if (!iki) return "";
  const n = p.number ?? 1;
  let jumlah;
  let bp;
  if (p.kind === "EVALUATION_PERIOD_KIND_BULANAN") {
    jumlah = iki.monthlyQuantity?.[n - 1];
    bp = iki.monthlyBasisPoints?.[n - 1];
  } else if (p.kind === "EVALUATION_PERIOD_KIND_TRIWULAN") {
    jumlah = iki.quarterlyQuantity?.[n - 1];
    bp = iki.quarterlyBasisPoints?.[n - 1];
  } else {
    jumlah = (iki.monthlyQuantity ?? []).reduce((a, b) => a + Number(b ?? 0), 0);
    bp = iki.yearBasisPoints;
  }
  return `${angka(Number(jumlah ?? 0), 0)} ${iki.targetUnit ?? ""} (${persenBasis(bp ?? 0)})`;
}

function tabelHasilKerja(skp, real, umpan, p) {
  const ikiReal = new Map((real?.rhks ?? []).flatMap((r) => (r.ikis ?? []).map((i) => [i.ikiId, i])));
  const baris = [];
  for (const [jenis, judul] of [
    ["RHK_KIND_UTAMA", "A. Utama"],
    ["RHK_KIND_TAMBAHAN", "B. Tambahan"],
  ]) {
    baris.push(h("tr", { class: "bagian" }, h("th", { colspan: 7 }, judul)));
    (skp.content?.rhks ?? [])
      .filter((r) => r.kind === jenis)
      .forEach((rhk, i) => {
        const ikis = rhk.ikis?.length ? rhk.ikis : [{}];
        const catatan = (umpan.get(`rhk:${rhk.id}`) ?? []).join(" ");
        ikis.forEach((iki, j) => {
          baris.push(
            h(
              "tr",
              {},
              j === 0 ? h("td", { rowspan: ikis.length, class: "angka" }, `${i + 1}`) : null,
              j === 0 ? h("td", { rowspan: ikis.length }, rhk.text) : null,
              h("td", {}, label("IKIAspect", iki.aspect)),
              h("td", {}, iki.indicator ?? ""),
              h("td", {}, iki.indicator ? targetIki(iki) : ""),
              h("td", {}, realisasi(ikiReal.get(iki.id), p)),
              j === 0 ? h("td", { rowspan: ikis.length }, catatan) : null,
            ),
          );
        });
      });
  }
  return h(
    "table",
    {},
    h(
      "thead",
      {},
      h("tr", {}, ["No", "Rencana hasil kerja", "Aspek", "Indikator kinerja individu", "Target", "Realisasi berdasarkan bukti dukung", "Umpan balik berkelanjutan"].map((t) => h("th", { scope: "col" }, t))),
    ),
    h("tbody", {}, baris),
  );
}

function tabelPerilakuEvaluasi(skp, e, umpan) {
  const harapan = new Map((skp.content?.expectations ?? []).map((x) => [x.value, x.expectation]));
  const nilai = new Map((e.behaviour ?? []).map((b) => [b.value, b.feedback]));
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ["No", "Perilaku kerja", "Ekspektasi khusus pimpinan", "Umpan balik berkelanjutan"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      BERAKHLAK.map((b, i) =>
        h(
          "tr",
          {},
          h("td", { class: "angka" }, `${i + 1}`),
          h("td", {}, h("strong", {}, b.nama), h("ul", { class: "panduan" }, b.panduan.map((x) => h("li", {}, x)))),
          h("td", {}, harapan.get(b.kode) ?? ""),
          h("td", {}, [nilai.get(b.kode), ...(umpan.get(`nilai:${b.kode}`) ?? [])].filter(Boolean).join(" ")),
        ),
      ),
    ),
  );
}

async function susun(dokumen) {
  const e = await panggil("EvaluationService/GetEvaluation", { evaluationId: parameter("id") });
  const p = e.period;
  const [skp, pegawai, real, umpanBalik, organisasi, sebaran] = await Promise.all([
    panggil("PlanService/GetSKP", { skpId: e.skpId }),
    panggil("EmployeeService/GetEmployee", { id: e.employeeId }),
    mungkin(panggil("ActivityService/GetRealisation", { skpId: e.skpId })),
    mungkin(panggil("FeedbackService/ListFeedback", { employeeId: e.employeeId, year: p.year })),
    mungkin(panggil("EvaluationService/GetOrganisationPredikat", { unitId: e.organisationUnitId, period: p })),
    mungkin(panggil("EvaluationService/CheckDistribution", { unitId: e.organisationUnitId, period: p })),
  ]);
  // A decided keberatan: the evaluation carries the decided ratings; the keberatan keeps them as finalised.
  const keberatan = e.keberatanId && e.keberatanId !== "0" ? await mungkin(panggil("EvaluationService/GetKeberatan", { keberatanId: e.keberatanId })) : null;
  const diputuskan = keberatan && ["KEBERATAN_STATUS_UPHELD", "KEBERATAN_STATUS_CHANGED"].includes(keberatan.status);
  const penilai = skp.evaluator ?? {};
  const atasan = skp.atasan ?? {};
  const ada = (id) => id && id !== "0";
  // An evaluator or atasan entry carries what the document prints; one stored before it did
  // needs the person's record (readable only by some).
  const rekaman = (x) =>
    !orangDariJabatan(x) && ada(x.employeeId) ? mungkin(panggil("EmployeeService/GetEmployee", { id: x.employeeId })) : null;
  const [unit, orangPenilai, orangAtasan] = await Promise.all([
    mungkin(panggil("OrgService/GetUnit", { unitId: skp.unitId })),
    rekaman(penilai),
    rekaman(atasan),
  ]);
  const umpan = new Map();
  for (const f of umpanBalik?.feedback ?? []) {
    const kunci = ada(f.rhkId) ? `rhk:${f.rhkId}` : `nilai:${f.value}`;
    if (!umpan.has(kunci)) umpan.set(kunci, []);
    umpan.get(kunci).push(f.text);
  }
  const [awal, akhir] = rentangPeriode(p);
  const orangDari = (o, x) => {
    const orang = o ?? orangDariJabatan(x);
    return orang
      ? isiIdentitas(orang, x.positionTitle, null).map((v, i) => (i === 4 ? (x.unitName ?? "") : v))
      : [x.name ?? "", "", "", `${x.acting ? "Plt. " : ""}${x.positionTitle ?? ""}`, x.unitName ?? ""];
  };
  document.title = `Evaluasi ${periode(p)} ${pegawai.name} — SIMPEG Kota Salatiga`;
  isi(
    dokumen,
    e.status === "EVALUATION_STATUS_RATED" ? h("p", { class: "status-dokumen" }, "Belum final") : null,
    h("h1", {}, "Dokumen Evaluasi Kinerja Pegawai"),
    h("p", { class: "sub" }, `Periode: ${periode(p)}`),
    h("div", { class: "kepala-dokumen" }, h("span", {}, "Pemerintah Kota Salatiga"), h("span", {}, `Periode penilaian: ${tanggal(awal)} s.d. ${tanggal(akhir)}`)),
    tabelIdentitas(
      { judul: "PEGAWAI YANG DINILAI", isi: isiIdentitas(pegawai, skp.positionTitle, unit?.name) },
      { judul: "PEJABAT PENILAI KINERJA", isi: orangDari(orangPenilai, penilai) },
      { judul: "ATASAN PEJABAT PENILAI KINERJA", isi: orangDari(orangAtasan, atasan) },
    ),
    h("h2", {}, "Capaian kinerja organisasi: ", label("PredikatOrganisasi", organisasi?.predikat)),
    sebaran
      ? [h("h2", {}, "Pola distribusi"), grafikDistribusi(sebaran.report, `Pola distribusi predikat unit, ${periode(p)}`)]
      : null,
    h("h2", {}, "Hasil kerja"),
    tabelHasilKerja(skp, real, umpan, p),
    h("p", {}, h("strong", {}, "Rating hasil kerja: "), label("Rating", e.hasilKerja).toUpperCase(), e.hasilKerjaNote ? ` — ${e.hasilKerjaNote}` : ""),
    h("h2", {}, "Perilaku kerja"),
    tabelPerilakuEvaluasi(skp, e, umpan),
    h("p", {}, h("strong", {}, "Rating perilaku kerja: "), label("Rating", e.perilaku).toUpperCase()),
    h("h2", { class: "predikat-dokumen" }, "Predikat kinerja pegawai: ", label("Predikat", e.predikat).toUpperCase()),
    diputuskan
      ? h(
          "p",
          { class: "keputusan-keberatan" },
          `Hasil ini ditetapkan atas keberatan pegawai, diputuskan ${tanggal(keberatan.decidedAt)} oleh atasan pejabat penilai kinerja `,
          `(${keberatan.status === "KEBERATAN_STATUS_CHANGED" ? "penilaian diubah" : "penilaian tetap"}): ${keberatan.decisionReason}. `,
          `Penilaian semula: hasil kerja ${label("Rating", keberatan.original?.hasilKerja)}, perilaku kerja ${label("Rating", keberatan.original?.perilaku)}, `,
          `predikat ${label("Predikat", keberatan.original?.predikat)}.`,
        )
      : null,
    e.angkaKredit ? h("p", {}, `Angka kredit: ${e.angkaKredit.replace(".", ",")} (${angka(e.months ?? 0, 0)} bulan)`) : null,
    h(
      "div",
      { class: "tanda-tangan" },
      h("div", {}, e.acknowledgedAt ? [h("p", {}, `Diterima pegawai ${tanggal(e.acknowledgedAt)}`), e.acknowledgementNote ? h("p", {}, e.acknowledgementNote) : null] : null),
      tandaTangan(`${penilai.acting ? "Plt. " : ""}Pejabat Penilai Kinerja`, orangPenilai ?? orangDariJabatan(penilai), penilai.name ?? "", `Salatiga, ${tanggal(e.finalisedAt ?? e.ratedAt)}`),
    ),
  );
}

await siapkanDokumen(susun, { not_found: "Evaluasi ini tidak ditemukan.", permission_denied: "Anda tidak berwenang melihat evaluasi ini." });
