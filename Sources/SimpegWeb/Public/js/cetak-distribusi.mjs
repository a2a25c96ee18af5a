// A unit's predikat distribution report for printing: the organisation's predikat, the count of
// each predikat against the curve of SE MenPANRB 3/2023, each rule and what would have to change,
// the people not yet rated, SKP progress, and the leader's signature.
// `?unit=<id>&tahun=<year>&jenis=<EVALUATION_PERIOD_KIND_...>&nomor=<n>`.

import { panggil } from "./api.mjs";
import { mungkin, siapkanDokumen, tandaTangan } from "./cetak-bersama.mjs";
import { panelDistribusi } from "./distribusi.mjs";
import { h, isi, parameter } from "./dom.mjs";
import { angka, hariIni, label, namaLengkap, periode, tanggal } from "./format.mjs";


async function susun(dokumen) {
  const unitId = parameter("unit");
  const p = { year: Number(parameter("tahun")), kind: parameter("jenis"), number: Number(parameter("nomor") ?? 1) };
  const [unit, laporan, cek] = await Promise.all([
    panggil("OrgService/GetUnit", { unitId }),
    panggil("EvaluationService/GetUnitReport", { unitId, period: p }),
    mungkin(panggil("EvaluationService/CheckDistribution", { unitId, period: p })),
  ]);
  const kepala = unit.headPositionId && unit.headPositionId !== "0" ? await mungkin(panggil("OrgService/GetPosition", { positionId: unit.headPositionId })) : null;
  const pemimpinId = kepala?.holderEmployeeId && kepala.holderEmployeeId !== "0" ? kepala.holderEmployeeId : kepala?.actingEmployeeId;
  const pemimpin = pemimpinId && pemimpinId !== "0" ? await mungkin(panggil("EmployeeService/GetEmployee", { id: pemimpinId })) : null;
  const belum = cek?.unratedEmployeeIds ?? [];
  const namaBelum = await Promise.all(belum.slice(0, 200).map((id) => mungkin(panggil("EmployeeService/GetEmployee", { id }))));
  const o = laporan.organisation;
  const s = laporan.skpProgress ?? {};
  document.title = `Distribusi predikat ${unit.name} ${periode(p)} — SIMPEG Kota Salatiga`;
  isi(
    dokumen,
    h("h1", {}, "Laporan Distribusi Predikat Kinerja Pegawai"),
    h("p", { class: "sub" }, unit.name),
    h("div", { class: "kepala-dokumen" }, h("span", {}, "Pemerintah Kota Salatiga"), h("span", {}, `Periode: ${periode(p)}`)),
    o
      ? h(
          "p",
          {},
          `Predikat kinerja organisasi ${label("PredikatOrganisasi", o.predikat)}, ditetapkan ${tanggal(o.setAt)}${o.note ? ` (${o.note})` : ""}. `,
          o.finalised ? `Penilaian difinalkan ${tanggal(o.finalisedAt)}.` : "Penilaian belum final.",
          o.overrideReason ? ` Difinalkan melampaui kurva dengan persetujuan BKPSDM; alasan: ${o.overrideReason}.` : "",
        )
      : h("p", {}, "Predikat kinerja organisasi untuk periode ini belum ditetapkan."),
    panelDistribusi(laporan.distribution, { judul: `Distribusi predikat ${unit.name}, ${periode(p)}`, dinilai: cek ? Number(cek.rated ?? 0) : null }),
    belum.length
      ? [h("h2", {}, `Pegawai dengan SKP disetujui yang belum dinilai (${angka(belum.length, 0)})`), h("ol", {}, namaBelum.map((x, i) => h("li", {}, x ? `${namaLengkap(x)}, NIP ${x.nip}` : `Pegawai ${belum[i]}`)))]
      : null,
    h("h2", {}, "Progres SKP"),
    h("p", {}, `${angka(s.people ?? 0, 0)} pemegang jabatan: ${angka(s.approved ?? 0, 0)} SKP disetujui, ${angka(s.submitted ?? 0, 0)} diajukan, ${angka(s.returned ?? 0, 0)} dikembalikan, ${angka(s.draft ?? 0, 0)} draf, ${angka(s.withoutSkp ?? 0, 0)} belum ada.`),
    h("div", { class: "tanda-tangan" }, h("div", {}), tandaTangan(`${kepala?.title ?? "Pimpinan unit"}`, pemimpin, "", `Salatiga, ${tanggal(hariIni())}`)),
  );
}

await siapkanDokumen(susun, { not_found: "Laporan ini tidak ditemukan.", permission_denied: "Anda tidak berwenang melihat laporan unit ini." });
