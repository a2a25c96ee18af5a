// An SKP's content as tables, shared by the employee's SKP page, the supervisor's inbox and the
// printed form: the RHKs with their IKIs and targets, and the behaviour expectations.

import { h } from "./dom.mjs";
import { BERAKHLAK, angka, label } from "./format.mjs";

/** The target of an IKI in words: "12 dokumen", or its narrative measure. */
export function targetIki(iki) {
  if (iki.narrativeMeasure) return iki.narrativeMeasure;
  return `${angka(iki.targetValue ?? 0, 0)} ${iki.targetUnit ?? ""}`.trim();
}

/**
 * The RHK table: number, the supervisor's RHK it supports (when `rhkInduk` knows it), the RHK,
 * aspect, IKI and target; utama first, then tambahan, as the lampiran of PermenPANRB 6/2022.
 */
export function tabelRhk(skp, { rhkInduk = new Map(), denganInduk = true } = {}) {
  const rhks = skp?.content?.rhks ?? [];
  const baris = [];
  for (const [jenis, judul] of [
    ["RHK_KIND_UTAMA", "A. Utama"],
    ["RHK_KIND_TAMBAHAN", "B. Tambahan"],
  ]) {
    const bagian = rhks.filter((r) => r.kind === jenis);
    baris.push(h("tr", { class: "bagian" }, h("th", { colspan: denganInduk ? 6 : 5 }, judul)));
    if (!bagian.length) {
      baris.push(h("tr", {}, h("td", { colspan: denganInduk ? 6 : 5, class: "redup" }, "Tidak ada.")));
    }
    bagian.forEach((rhk, i) => {
      const ikis = rhk.ikis?.length ? rhk.ikis : [{}];
      ikis.forEach((iki, j) => {
        const sel = [];
        if (j === 0) {
          sel.push(h("td", { rowspan: ikis.length, class: "angka" }, `${i + 1}`));
          if (denganInduk) {
            const induk = rhk.parentRhkId ? rhkInduk.get(rhk.parentRhkId) : null;
            sel.push(h("td", { rowspan: ikis.length }, induk ?? (rhk.parentRhkId && rhk.parentRhkId !== "0" ? "—" : "")));
          }
          sel.push(
            h(
              "td",
              { rowspan: ikis.length, class: "teks-rhk" },
              rhk.text,
              rhk.perspective ? h("div", { class: "redup" }, label("JPTPerspective", rhk.perspective)) : null,
            ),
          );
        }
        sel.push(h("td", {}, label("IKIAspect", iki.aspect)));
        sel.push(h("td", {}, iki.indicator ?? ""));
        sel.push(h("td", {}, iki.indicator ? targetIki(iki) : ""));
        baris.push(h("tr", {}, sel));
      });
    });
  }
  return h(
    "table",
    { class: "tabel-rhk" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "No"),
        denganInduk ? h("th", { scope: "col" }, "Rencana hasil kerja pimpinan yang diintervensi") : null,
        h("th", { scope: "col" }, "Rencana hasil kerja"),
        h("th", { scope: "col" }, "Aspek"),
        h("th", { scope: "col" }, "Indikator kinerja individu"),
        h("th", { scope: "col" }, "Target"),
      ),
    ),
    h("tbody", {}, baris),
  );
}

/** The behaviour table: the seven BerAKHLAK values, their conduct and the expectation. */
export function tabelPerilaku(skp, { umpanBalik = null } = {}) {
  const harapan = new Map((skp?.content?.expectations ?? []).map((e) => [e.value, e.expectation]));
  return h(
    "table",
    { class: "tabel-perilaku" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "No"),
        h("th", { scope: "col" }, "Perilaku kerja"),
        h("th", { scope: "col" }, "Ekspektasi khusus pimpinan"),
        umpanBalik ? h("th", { scope: "col" }, "Umpan balik") : null,
      ),
    ),
    h(
      "tbody",
      {},
      BERAKHLAK.map((b, i) =>
        h(
          "tr",
          {},
          h("td", { class: "angka" }, `${i + 1}`),
          h("td", {}, h("strong", {}, b.nama), h("ul", { class: "panduan" }, b.panduan.map((p) => h("li", {}, p)))),
          h("td", {}, harapan.get(b.kode) ?? ""),
          umpanBalik ? h("td", {}, umpanBalik.get(b.kode) ?? "") : null,
        ),
      ),
    ),
  );
}
