// What the printed documents share: the identity table of the people a document names, the
// signature blocks, and readings that may be refused (another person's record).

import { h, isi } from "./dom.mjs";
import { golongan, namaLengkap } from "./format.mjs";
import { pesanGalat } from "./pesan.mjs";

/** A reading that may be refused (another person's record): null then. */
export const mungkin = (janji) => janji.catch(() => null);

const BARIS_IDENTITAS = ["NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"];

/**
 * The identity table of the people a document names, as the lampiran lays it out: each person
 * `{judul, isi}` with the five rows of ``isiIdentitas``; two side by side (the SKP form), more one
 * below the other (the evaluation document).
 */
export function tabelIdentitas(...orang) {
  if (orang.length === 2) {
    const [kiri, kanan] = orang;
    return h(
      "table",
      { class: "identitas" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", {}, "NO"), h("th", { colspan: 2 }, kiri.judul), h("th", {}, "NO"), h("th", { colspan: 2 }, kanan.judul)),
      ),
      h(
        "tbody",
        {},
        BARIS_IDENTITAS.map((b, i) =>
          h(
            "tr",
            {},
            h("td", {}, `${i + 1}`),
            h("td", {}, b),
            h("td", {}, kiri.isi[i] ?? ""),
            h("td", {}, `${i + 1}`),
            h("td", {}, b),
            h("td", {}, kanan.isi[i] ?? ""),
          ),
        ),
      ),
    );
  }
  return h(
    "table",
    { class: "identitas bertumpuk" },
    orang.map((o) =>
      h(
        "tbody",
        {},
        h("tr", {}, h("th", {}, "NO"), h("th", { colspan: 2 }, o.judul)),
        BARIS_IDENTITAS.map((b, i) => h("tr", {}, h("td", {}, `${i + 1}`), h("td", {}, b), h("td", {}, o.isi[i] ?? ""))),
      ),
    ),
  );
}

/** The five identity rows of a person: name, NIP, pangkat, jabatan, unit. */
export function isiIdentitas(orang, jabatan, unit) {
  return [
    orang ? namaLengkap(orang) : "",
    orang?.nip ?? "",
    orang ? golongan(orang.golongan) : "",
    jabatan ?? "",
    unit ?? "",
  ];
}

/**
 * An evaluator or atasan as a record says it (a PositionPerson: name, NIP, golongan, unit), in
 * place of their employee record, which the person printing may not read; null without a NIP.
 */
export function orangDariJabatan(p) {
  return p?.nip ? { name: p.name, nip: p.nip, golongan: p.golongan } : null;
}

/** A signature block: the role, the place and date, room to sign, the name and NIP. */
export function tandaTangan(peran, orang, namaCadangan, tempatTanggal = "") {
  return h(
    "div",
    {},
    h("p", {}, tempatTanggal || "\u00a0"),
    h("p", {}, peran),
    h("div", { class: "ruang" }),
    h("p", { class: "nama" }, orang ? namaLengkap(orang) : namaCadangan),
    h("p", {}, `NIP. ${orang?.nip ?? "........................................"}`),
  );
}

/**
 * Builds a printed document: wires the print button, runs `susun(dokumen)` to fill the
 * `#dokumen` element, and on a refusal shows the message of `pesan` (per code) instead. The
 * element's `data-siap` says "true" or "galat" once done (the browser tests wait on it).
 */
export async function siapkanDokumen(susun, pesan) {
  const dokumen = document.getElementById("dokumen");
  document.getElementById("cetak").addEventListener("click", () => window.print());
  try {
    await susun(dokumen);
    dokumen.dataset.siap = "true";
  } catch (galat) {
    isi(dokumen, h("p", { class: "kabar" }, pesanGalat(galat, pesan)));
    dokumen.dataset.siap = "galat";
  } finally {
    dokumen.removeAttribute("aria-busy");
    performance.mark("simpeg:isi-siap");
  }
}
