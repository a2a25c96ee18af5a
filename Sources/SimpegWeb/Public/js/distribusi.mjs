// A unit's predikat distribution against the curve of its predikat kinerja organisasi (SE
// MenPANRB 3/2023): the chart, each rule with its count and bound, and what would have to change
// for the set to conform. The rules are written here from their numbers, in Indonesian.

import { h } from "./dom.mjs";
import { PREDIKAT, angka, label } from "./format.mjs";
import { WARNA_PREDIKAT, grafikBatang } from "./grafik.mjs";

const NAMA_PREDIKAT = Object.fromEntries(PREDIKAT.map((p) => [p.kode, p.nama]));

/** A rule in words: "Paling banyak 7 orang Baik". */
export function kalimatAturan(a) {
  const nama = (a.predikats ?? []).map((p) => NAMA_PREDIKAT[p] ?? p).join(" atau ");
  return `${a.upperBound ? "Paling banyak" : "Paling sedikit"} ${angka(a.bound ?? 0, 0)} orang ${nama}`;
}

/** What one unmet rule asks: "kurangi 2 orang" or "tambah 1 orang". */
export function perubahanAturan(a) {
  if (a.satisfied) return "Terpenuhi";
  const n = angka(a.peopleToChange ?? 0, 0);
  return a.upperBound ? `Kurangi ${n} orang` : `Tambah ${n} orang`;
}

/** The counts of a DistributionReport in predikat order. */
export function jumlahPredikat(laporan) {
  const c = laporan?.counts ?? {};
  return PREDIKAT.map((p) => ({ ...p, jumlah: Number(c[p.kunci] ?? 0) }));
}

/** The bounds of single-predikat rules, by predikat code, for the chart. */
function batasTunggal(laporan) {
  const batas = new Map();
  for (const a of laporan?.rules ?? []) {
    if ((a.predikats ?? []).length !== 1) continue;
    const daftar = batas.get(a.predikats[0]) ?? [];
    daftar.push({ nilai: Number(a.bound ?? 0), jenis: a.upperBound ? "maks" : "min" });
    batas.set(a.predikats[0], daftar);
  }
  return batas;
}

/** The chart of a report: one bar per predikat, single-predikat bounds marked. */
export function grafikDistribusi(laporan, judul) {
  const batas = batasTunggal(laporan);
  return grafikBatang({
    judul,
    satuan: " orang",
    data: jumlahPredikat(laporan).map((p, i) => ({
      label: p.nama,
      kunci: p.kode,
      nilai: p.jumlah,
      warna: WARNA_PREDIKAT[i],
      batas: batas.get(p.kode) ?? [],
    })),
  });
}

/** The whole panel: the organisation's predikat, the chart, the rules, the verdict. */
export function panelDistribusi(laporan, { judul = "Distribusi predikat", dinilai = null } = {}) {
  const sesuai = laporan?.conforms;
  return h(
    "div",
    { class: "panel-distribusi", dataset: { sesuai: String(Boolean(sesuai)) } },
    h("p", {}, "Predikat kinerja organisasi: ", h("strong", {}, label("PredikatOrganisasi", laporan?.organisasi))),
    grafikDistribusi(laporan, judul),
    h(
      "div",
      { class: "gulir" },
      h(
        "table",
        { class: "tabel-jumlah" },
        h("caption", { class: "redup" }, "Jumlah pegawai per predikat"),
        h("thead", {}, h("tr", {}, jumlahPredikat(laporan).map((p) => h("th", { scope: "col" }, p.nama)))),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            jumlahPredikat(laporan).map((p) => h("td", { class: "angka", dataset: { predikat: p.kode } }, angka(p.jumlah, 0))),
          ),
        ),
      ),
    ),
    h(
      "div",
      { class: "gulir" },
      h(
        "table",
        { class: "tabel-aturan" },
        h("caption", { class: "redup" }, "Aturan kurva distribusi"),
        h(
          "thead",
          {},
          h("tr", {}, ["Aturan", "Sekarang", "Keadaan"].map((t) => h("th", { scope: "col" }, t))),
        ),
        h(
          "tbody",
          {},
          (laporan?.rules ?? []).map((a) =>
            h(
              "tr",
              {},
              h("td", {}, kalimatAturan(a)),
              h("td", { class: "angka" }, `${angka(a.actual ?? 0, 0)} orang`),
              h(
                "td",
                {},
                h("span", { class: `lencana ${a.satisfied ? "lencana-baik" : "lencana-galat"}` }, perubahanAturan(a)),
              ),
            ),
          ),
        ),
      ),
    ),
    h("p", { class: `kabar ${sesuai ? "kabar-baik" : "kabar-peringatan"}` }, kesimpulan(laporan, dinilai)),
  );
}

/** The verdict in one sentence. */
export function kesimpulan(laporan, dinilai) {
  const orang = dinilai === null ? "" : ` (${angka(dinilai, 0)} orang dinilai)`;
  if (laporan?.conforms) return `Distribusi sesuai kurva${orang}.`;
  if (laporan && laporan.satisfiable === false) {
    return `Distribusi belum sesuai kurva${orang}, dan dengan jumlah pegawai ini kurva tidak dapat dipenuhi; finalisasi memerlukan persetujuan BKPSDM dengan alasan.`;
  }
  return `Distribusi belum sesuai kurva${orang}: paling sedikit ${angka(laporan?.minimumChanges ?? 0, 0)} orang harus berubah predikatnya.`;
}
