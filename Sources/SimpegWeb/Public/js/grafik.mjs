// Charts as inline SVG: bars (with the curve's bounds marked), lines over months, and one
// stacked bar. Each chart is an image with a description for screen readers, each mark has a
// title, and each bar carries its value in data attributes, so the numbers behind the picture
// stay readable by people and by tests.

import { h } from "./dom.mjs";
import { angka } from "./format.mjs";

/** Colours of the predikat, from Sangat Baik to Sangat Kurang (contrast on white at least 3:1). */
export const WARNA_PREDIKAT = ["#1b6b2f", "#2f7fc1", "#b26a00", "#b8431f", "#8b1a1a"];

function svg(lebar, tinggi, judul, ...anak) {
  return h(
    "svg:svg",
    { viewBox: `0 0 ${lebar} ${tinggi}`, class: "grafik", role: "img", "aria-label": judul },
    h("svg:title", {}, judul),
    ...anak,
  );
}

/** A rounded maximum for an axis, at least 1. */
function puncak(n) {
  if (n <= 5) return Math.max(1, Math.ceil(n));
  const pangkat = 10 ** Math.floor(Math.log10(n));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * pangkat >= n) return k * pangkat;
  return n;
}

/**
 * Vertical bars: `data` is [{label, nilai, warna, kunci, batas: [{nilai, jenis: "maks"|"min"}]}].
 * A bound is drawn as a dashed line across its bar.
 */
export function grafikBatang({ data, judul, satuan = "" }) {
  const L = 520;
  const T = 240;
  const kiri = 36;
  const bawah = 44;
  const atas = 14;
  const tertinggi = puncak(Math.max(...data.flatMap((d) => [d.nilai, ...(d.batas ?? []).map((b) => b.nilai)]), 1));
  const y = (v) => atas + (T - atas - bawah) * (1 - v / tertinggi);
  const lebarKolom = (L - kiri - 8) / data.length;
  const garis = [0, tertinggi / 2, tertinggi].map((v) =>
    h(
      "svg:g",
      {},
      h("svg:line", { x1: kiri, x2: L - 4, y1: y(v), y2: y(v), class: "kisi-garis" }),
      h("svg:text", { x: kiri - 6, y: y(v) + 4, "text-anchor": "end" }, angka(v, 1)),
    ),
  );
  const batang = data.map((d, i) => {
    const x = kiri + i * lebarKolom + lebarKolom * 0.18;
    const w = lebarKolom * 0.64;
    return h(
      "svg:g",
      { class: "batang", dataset: { kunci: d.kunci ?? d.label, jumlah: String(d.nilai) } },
      h(
        "svg:rect",
        { x, y: y(d.nilai), width: w, height: Math.max(0, y(0) - y(d.nilai)), fill: d.warna ?? "#2f7fc1" },
        h("svg:title", {}, `${d.label}: ${angka(d.nilai, 1)}${satuan}`),
      ),
      h("svg:text", { x: x + w / 2, y: y(d.nilai) - 4, "text-anchor": "middle", "font-weight": "600" }, angka(d.nilai, 1)),
      h("svg:text", { x: x + w / 2, y: T - bawah + 16, "text-anchor": "middle" }, potong(d.label, 16)),
      (d.batas ?? []).map((b) =>
        h(
          "svg:g",
          {},
          h("svg:line", {
            x1: x - 6, x2: x + w + 6, y1: y(b.nilai), y2: y(b.nilai),
            stroke: "#1c2430", "stroke-width": 2, "stroke-dasharray": "5 3",
          }),
          h("svg:text", { x: x + w / 2, y: T - bawah + 32, "text-anchor": "middle", class: "redup" }, `${b.jenis} ${angka(b.nilai, 1)}`),
        ),
      ),
    );
  });
  return svg(L, T, judul, garis, h("svg:line", { x1: kiri, x2: L - 4, y1: y(0), y2: y(0), class: "sumbu" }), batang);
}

/**
 * Lines over labelled points: `seri` is [{nama, warna, nilai: [numbers or null]}], `label` the
 * x labels. `format` writes a value.
 */
export function grafikGaris({ seri, label, judul, format = (v) => angka(v, 1), maks = null }) {
  const L = 560;
  const T = 240;
  const kiri = 44;
  const bawah = 30;
  const atas = 14;
  const semua = seri.flatMap((s) => s.nilai.filter((v) => v !== null && v !== undefined));
  const tertinggi = maks ?? puncak(Math.max(1, ...semua));
  const langkah = label.length > 1 ? (L - kiri - 16) / (label.length - 1) : 0;
  const x = (i) => kiri + 8 + i * langkah;
  const y = (v) => atas + (T - atas - bawah) * (1 - v / tertinggi);
  const kisi = [0, tertinggi / 2, tertinggi].map((v) =>
    h(
      "svg:g",
      {},
      h("svg:line", { x1: kiri, x2: L - 4, y1: y(v), y2: y(v), class: "kisi-garis" }),
      h("svg:text", { x: kiri - 6, y: y(v) + 4, "text-anchor": "end" }, format(v)),
    ),
  );
  const sumbuX = label.map((l, i) => h("svg:text", { x: x(i), y: T - 10, "text-anchor": "middle" }, l));
  const garis = seri.map((s) => {
    const titik = s.nilai.map((v, i) => (v === null || v === undefined ? null : [x(i), y(v), v, i])).filter(Boolean);
    const jalur = titik.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join(" ");
    return h(
      "svg:g",
      { class: "seri", dataset: { seri: s.nama } },
      h("svg:path", { d: jalur, fill: "none", stroke: s.warna, "stroke-width": 2.5 }),
      titik.map(([px, py, v, i]) =>
        h("svg:circle", { cx: px, cy: py, r: 3.5, fill: s.warna }, h("svg:title", {}, `${s.nama}, ${label[i]}: ${format(v)}`)),
      ),
    );
  });
  return svg(L, T, judul, kisi, h("svg:line", { x1: kiri, x2: L - 4, y1: y(0), y2: y(0), class: "sumbu" }), sumbuX, garis);
}

/** One horizontal bar split into segments: [{label, nilai, warna}]. */
export function grafikBertumpuk({ data, judul }) {
  const L = 560;
  const T = 44;
  const total = data.reduce((n, d) => n + d.nilai, 0) || 1;
  let x = 0;
  const segmen = data.map((d) => {
    const w = ((L - 2) * d.nilai) / total;
    const el = h(
      "svg:rect",
      { x: 1 + x, y: 6, width: w, height: 32, fill: d.warna, dataset: { kunci: d.label, jumlah: String(d.nilai) } },
      h("svg:title", {}, `${d.label}: ${angka(d.nilai, 0)}`),
    );
    x += w;
    return el;
  });
  return svg(L, T, judul, segmen);
}

/** A legend for colours: [{label, warna}]. */
export function legenda(item) {
  return h(
    "ul",
    { class: "legenda" },
    item.map((i) => h("li", {}, h("span", { style: `background:${i.warna}` }), i.label)),
  );
}

function potong(teks, n) {
  return teks.length > n ? `${teks.slice(0, n - 1)}…` : teks;
}
