// Realisation (pegawai): each RHK of one's approved SKP against its targets, from the approved
// activities: the year's percentage, the quarters, each IKI's monthly output, and how many
// activities still await review.

import { panggil } from "./api.mjs";
import { $, h, isi } from "./dom.mjs";
import { angka, bulan, hariIni, persenBasis } from "./format.mjs";
import { grafikBatang } from "./grafik.mjs";
import { skpTahun } from "./kinerja.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

const hari = hariIni();

/** A bar of `bp` hundredths of a percent, capped at the bar's end. */
function kemajuan(bp, label) {
  const persen = Math.min(100, Number(bp ?? 0) / 100);
  return h(
    "div",
    { class: "kemajuan", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round(persen), "aria-label": label },
    h("span", { style: { width: `${persen}%` } }),
  );
}

async function muat(profil, tahun) {
  const ringkasan = $("ringkasan");
  ringkasan.textContent = "Memuat…";
  isi($("daftar-rhk"));
  try {
    const skp = await skpTahun(profil.akun.employeeId, tahun);
    if (!skp?.berlaku) {
      ringkasan.textContent = skp
        ? `SKP ${tahun} Anda belum disetujui; realisasi dihitung setelah SKP disetujui.`
        : `Anda tidak memiliki SKP ${tahun}.`;
      return;
    }
    const r = await panggil("ActivityService/GetRealisation", { skpId: skp.berlaku.id });
    const menunggu = (r.rhks ?? []).reduce((n, x) => n + Number(x.pendingActivities ?? 0), 0);
    ringkasan.textContent = `SKP ${tahun} versi ${r.version}: ${angka((r.rhks ?? []).length, 0)} RHK; ${angka(menunggu, 0)} kegiatan masih menunggu tinjauan dan belum dihitung.`;
    isi($("daftar-rhk"), (r.rhks ?? []).map((rhk) => kartuRhk(rhk, tahun)));
  } catch (galat) {
    ringkasan.textContent = pesanGalat(galat);
  }
}

function kartuRhk(rhk, tahun) {
  return h(
    "li",
    { dataset: { rhk: rhk.rhkId } },
    h("h3", {}, rhk.text),
    rhk.notMeasured
      ? h("p", { class: "redup" }, "RHK ini tidak diukur dengan angka (indikatornya kualitatif).")
      : [
          h("p", {}, "Capaian tahun ini: ", h("strong", {}, persenBasis(rhk.yearBasisPoints))),
          kemajuan(rhk.yearBasisPoints, `Capaian ${rhk.text}`),
          h(
            "p",
            { class: "redup" },
            "Per triwulan: ",
            (rhk.quarterlyBasisPoints ?? []).map((bp, i) => `TW ${["I", "II", "III", "IV"][i]} ${persenBasis(bp)}`).join(" · "),
          ),
        ],
    Number(rhk.pendingActivities ?? 0) ? h("p", { class: "redup" }, `${angka(rhk.pendingActivities, 0)} kegiatan menunggu tinjauan.`) : null,
    (rhk.ikis ?? []).map((iki) =>
      h(
        "details",
        {},
        h("summary", {}, `${iki.indicator}: target ${angka(iki.targetValue ?? 0, 0)} ${iki.targetUnit ?? ""}, capaian ${persenBasis(iki.yearBasisPoints)}`),
        grafikBatang({
          judul: `Hasil per bulan, ${iki.indicator} (${iki.targetUnit ?? ""})`,
          data: (iki.monthlyQuantity ?? []).map((q, i) => ({ label: bulan(tahun, i + 1, true), kunci: String(i + 1), nilai: Number(q ?? 0), warna: "#2f7fc1" })),
        }),
      ),
    ),
  );
}

const profil = await mulaiHalaman(["pegawai"]);
const pilih = $("tahun");
isi(pilih, [hari.year, hari.year - 1].map((t) => h("option", { value: t }, String(t))));
pilih.addEventListener("change", () => muat(profil, Number(pilih.value)));
await muat(profil, hari.year);
performance.mark("simpeg:isi-siap");
