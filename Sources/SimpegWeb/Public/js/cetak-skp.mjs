// The SKP form for printing (PermenPANRB 6/2022, lampiran): the pegawai and the pejabat penilai
// kinerja, the RHKs with the supervisor's RHK each supports, their IKIs and targets, the
// behaviour expectations, and places for signatures. `?id=<skp>` (and `&versi=<n>`; the latest
// version by default). The supervisor's RHK texts come from the evaluator's SKP, which the
// people they evaluate may read; the evaluator's NIP, golongan and unit come from the SKP's
// evaluator entry (which carries them for documents), or from their employee record where the
// reader may read it.

import { panggil } from "./api.mjs";
import { h, isi, parameter } from "./dom.mjs";
import { isiIdentitas, mungkin, orangDariJabatan, siapkanDokumen, tabelIdentitas, tandaTangan } from "./cetak-bersama.mjs";
import { label, tanggal } from "./format.mjs";
import { tabelPerilaku, tabelRhk } from "./tampilan-skp.mjs";


async function susun(dokumen) {
  const id = parameter("id");
  const versi = Number(parameter("versi") ?? 0);
  const skp = await panggil("PlanService/GetSKP", { skpId: id, version: versi });
  const penilai = skp.evaluator ?? {};
  // The evaluator entry carries the NIP, golongan and unit; an SKP stored before it did needs
  // the evaluator's record (readable only by some).
  const dariEntri = orangDariJabatan(penilai);
  const [pemilik, unit, rekamanPenilai, skpPenilai] = await Promise.all([
    skp.employeeId && skp.employeeId !== "0" ? panggil("EmployeeService/GetEmployee", { id: skp.employeeId }) : null,
    mungkin(panggil("OrgService/GetUnit", { unitId: skp.unitId })),
    !dariEntri && penilai.employeeId && penilai.employeeId !== "0"
      ? mungkin(panggil("EmployeeService/GetEmployee", { id: penilai.employeeId }))
      : null,
    penilai.employeeId && penilai.employeeId !== "0"
      ? mungkin(panggil("PlanService/GetSKP", { ownerYear: { employeeId: penilai.employeeId, year: skp.year } }))
      : null,
  ]);
  const orangPenilai = dariEntri ?? rekamanPenilai;
  const unitPenilai = rekamanPenilai
    ? await mungkin(panggil("OrgService/GetUnit", { unitId: rekamanPenilai.unitId }))
    : { name: penilai.unitName ?? "" };
  const rhkInduk = new Map((skpPenilai?.content?.rhks ?? []).map((r) => [r.id, r.text]));
  const bulanAwal = skp.firstMonth || 1;
  const bulanAkhir = skp.lastMonth || 12;
  const awal = tanggal({ year: skp.year, month: bulanAwal, day: 1 });
  const akhir = tanggal({ year: skp.year, month: bulanAkhir, day: new Date(Date.UTC(skp.year, bulanAkhir, 0)).getUTCDate() });
  const disetujui = skp.status === "SKP_STATUS_APPROVED" || skp.status === "SKP_STATUS_SUPERSEDED";
  document.title = `SKP ${skp.year} ${skp.ownerName} — SIMPEG Kota Salatiga`;
  isi(
    dokumen,
    disetujui ? null : h("p", { class: "status-dokumen" }, `${label("SKPStatus", skp.status)} — belum berlaku`),
    h("h1", {}, "Sasaran Kinerja Pegawai"),
    h("p", { class: "sub" }, `Pendekatan hasil kerja ${label("SKPApproach", skp.content?.approach)}`),
    h(
      "div",
      { class: "kepala-dokumen" },
      h("span", {}, "Pemerintah Kota Salatiga"),
      h("span", {}, `Periode penilaian: ${awal} s.d. ${akhir}`),
    ),
    tabelIdentitas(
      { judul: "PEGAWAI YANG DINILAI", isi: isiIdentitas(pemilik, skp.positionTitle, unit?.name) },
      {
        judul: "PEJABAT PENILAI KINERJA",
        isi: orangPenilai
          ? isiIdentitas(orangPenilai, penilai.positionTitle, unitPenilai?.name)
          : [penilai.name ?? "", "", "", `${penilai.acting ? "Plt. " : ""}${penilai.positionTitle ?? ""}`, ""],
      },
    ),
    h("h2", {}, "Hasil kerja"),
    tabelRhk(skp, { rhkInduk }),
    h("h2", {}, "Perilaku kerja"),
    tabelPerilaku(skp),
    h(
      "div",
      { class: "tanda-tangan" },
      tandaTangan("Pegawai yang Dinilai", pemilik, skp.ownerName),
      tandaTangan(
        `${penilai.acting ? "Plt. " : ""}Pejabat Penilai Kinerja`,
        orangPenilai,
        penilai.name ?? "",
        `Salatiga, ${disetujui && skp.approvedAt ? tanggal(skp.approvedAt) : "...................."}`,
      ),
    ),
    h("p", { class: "redup" }, `SKP ${skp.year}, versi ${skp.version}${skp.revisionReason ? `; alasan revisi: ${skp.revisionReason}` : ""}.`),
  );
}

await siapkanDokumen(susun, { not_found: "SKP ini tidak ditemukan.", permission_denied: "Anda tidak berwenang melihat SKP ini." });
