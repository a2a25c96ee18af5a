// A keberatan (PP 30/2019 art. 59): what the employee objected to and why, the evaluation as
// finalised, the hearing of the PPK and the employee, and the decision with the ratings decided.
// Both versions of the evaluation stay readable here. The atasan of the PPK (or whoever stands
// in for that position today) records the hearing, then upholds or changes the ratings; simpegd
// decides who may, and a refusal says who may act instead.

import { panggil } from "./api.mjs";
import { $, h, hapusKabar, isi, kabar, parameter, sambilMenunggu } from "./dom.mjs";
import { LABEL, label, namaLengkap, nip, orangJabatan, periode, predikatDari, waktu } from "./format.mjs";
import { pegawaiDenganId } from "./kinerja.mjs";
import { ditolakKarena, pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

const RATING = ["RATING_DI_ATAS_EKSPEKTASI", "RATING_SESUAI_EKSPEKTASI", "RATING_DI_BAWAH_EKSPEKTASI"];
const SELESAI = new Set(["KEBERATAN_STATUS_UPHELD", "KEBERATAN_STATUS_CHANGED"]);

let keberatan = null;
let profil = null;

/** The ratings of one version, as a definition list. */
function versi(judul, id, hasilKerja, perilaku, predikat, ...tambahan) {
  return h(
    "section",
    { class: "kartu", id, "aria-labelledby": `${id}-judul` },
    h("h2", { id: `${id}-judul` }, judul),
    h(
      "dl",
      { class: "rincian" },
      h("dt", {}, "Hasil kerja"),
      h("dd", { class: "hasil-kerja" }, label("Rating", hasilKerja)),
      h("dt", {}, "Perilaku kerja"),
      h("dd", { class: "perilaku" }, label("Rating", perilaku)),
      h("dt", {}, "Predikat kinerja"),
      h("dd", {}, h("strong", { class: "predikat" }, label("Predikat", predikat))),
      tambahan,
    ),
  );
}

/** A piece of evidence: a link when it is a web address, else its name and reference. */
function bukti(b) {
  return /^https?:\/\//i.test(b.uri ?? "")
    ? h("li", {}, h("a", { href: b.uri, rel: "noopener noreferrer" }, b.name || b.uri))
    : h("li", {}, b.name, b.uri ? ` (${b.uri})` : "");
}

async function gambar() {
  const k = keberatan;
  const e = k.original ?? {};
  const orang = await pegawaiDenganId(k.employeeId);
  const diputuskan = SELESAI.has(k.status);
  $("status-keberatan").textContent = label("KeberatanStatus", k.status);
  $("status-keberatan").dataset.status = k.status;
  isi(
    $("isi-keberatan"),
    h(
      "section",
      { class: "kartu", "aria-labelledby": "judul-pengajuan" },
      h("h2", { id: "judul-pengajuan" }, `Keberatan atas penilaian ${periode(k.period)}`),
      h(
        "dl",
        { class: "rincian" },
        h("dt", {}, "Pegawai"),
        h("dd", {}, orang ? `${namaLengkap(orang)} (${nip(orang.nip)})` : "—"),
        h("dt", {}, "Pejabat penilai kinerja"),
        h("dd", {}, orangJabatan(k.ppk)),
        h("dt", {}, "Atasan pejabat penilai"),
        h("dd", {}, orangJabatan(k.atasan)),
        h("dt", {}, "Diajukan"),
        h("dd", {}, waktu(k.filedAt)),
        h("dt", {}, "Batas pengajuan"),
        h("dd", {}, waktu(k.deadline)),
      ),
      h("h3", {}, "Alasan keberatan"),
      h("p", { id: "alasan-keberatan" }, k.reasons),
      (k.evidence ?? []).length ? [h("h3", {}, "Bukti pendukung"), h("ul", {}, k.evidence.map(bukti))] : null,
    ),
    versi(
      diputuskan ? "Penilaian semula (final sebelum keberatan)" : "Penilaian final yang diajukan keberatan",
      "versi-semula",
      e.hasilKerja,
      e.perilaku,
      e.predikat,
      h("dt", {}, "Dinilai"),
      h("dd", {}, waktu(e.ratedAt)),
      h("dt", {}, "Final"),
      h("dd", {}, waktu(e.finalisedAt)),
    ),
    k.heardAt
      ? h(
          "section",
          { class: "kartu", id: "hasil-pemeriksaan", "aria-labelledby": "judul-hasil-pemeriksaan" },
          h("h2", { id: "judul-hasil-pemeriksaan" }, "Hasil pemeriksaan"),
          h(
            "dl",
            { class: "rincian" },
            h("dt", {}, "Keterangan pejabat penilai"),
            h("dd", {}, k.ppkExplanation),
            h("dt", {}, "Keterangan pegawai"),
            h("dd", {}, k.employeeExplanation),
            h("dt", {}, "Dicatat"),
            h("dd", {}, `${waktu(k.heardAt)} oleh ${nip(k.heardBy)}`),
          ),
        )
      : null,
    diputuskan
      ? versi(
          k.status === "KEBERATAN_STATUS_CHANGED" ? "Keputusan: penilaian diubah" : "Keputusan: penilaian tetap",
          "versi-keputusan",
          k.decidedHasilKerja,
          k.decidedPerilaku,
          k.decidedPredikat,
          h("dt", {}, "Alasan"),
          h("dd", {}, k.decisionReason),
          h("dt", {}, "Diputuskan"),
          h("dd", {}, `${waktu(k.decidedAt)} oleh ${nip(k.decidedBy)}`),
        )
      : null,
    h("p", {}, h("a", { href: `/cetak/evaluasi.html?id=${k.evaluationId}` }, "Dokumen evaluasi kinerja (cetak)")),
  );
  // Forms for whoever is not the employee; simpegd refuses anyone but the atasan PPK, saying who.
  const bukanPegawai = profil.akun.employeeId !== k.employeeId;
  $("bagian-pemeriksaan").hidden = !(bukanPegawai && k.status === "KEBERATAN_STATUS_FILED");
  $("bagian-keputusan").hidden = !(bukanPegawai && k.status === "KEBERATAN_STATUS_HEARD");
}

async function muat() {
  const id = parameter("id");
  const evaluasi = parameter("evaluasi");
  if (!id && !evaluasi) {
    $("status-keberatan").textContent = "Halaman ini dibuka dari Kotak Masuk atau dari Evaluasi: keberatan mana yang dimaksud tidak disebutkan.";
    return false;
  }
  try {
    keberatan = await panggil("EvaluationService/GetKeberatan", id ? { keberatanId: id } : { evaluationId: evaluasi });
  } catch (galat) {
    $("status-keberatan").textContent = pesanGalat(galat, { not_found: "Keberatan ini tidak ditemukan." });
    return false;
  }
  await gambar();
  return true;
}

/** After a refusal that says the keberatan was decided meanwhile, shows it as it is now. */
async function bilaBerubah(galat) {
  if (ditolakKarena(galat, "KEBERATAN_DECIDED")) await muat();
}

$("form-pemeriksaan").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const form = ev.currentTarget;
  const kotak = $("kabar-pemeriksaan");
  hapusKabar(kotak);
  const ppk = form.ppk.value.trim();
  const pegawai = form.pegawai.value.trim();
  if (!ppk || !pegawai) {
    kabar(kotak, "Tuliskan keterangan pejabat penilai dan keterangan pegawai.", "galat");
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      keberatan = await panggil("EvaluationService/RecordKeberatanHearing", {
        keberatanId: keberatan.id,
        ppkExplanation: ppk,
        employeeExplanation: pegawai,
      });
      await gambar();
      kabar($("kabar-halaman"), "Hasil pemeriksaan tersimpan. Sekarang putuskan keberatan ini.", "baik");
    } catch (galat) {
      kabar(kotak, pesanGalat(galat), "galat");
      await bilaBerubah(galat);
    }
  });
});

function pilihanRating(wadah, nama) {
  isi(
    $(wadah),
    RATING.map((r) => h("label", {}, h("input", { type: "radio", name: nama, value: r, onchange: pratinjau }), LABEL.Rating[r])),
  );
}
pilihanRating("pilihan-hasil-baru", "hasilKerja");
pilihanRating("pilihan-perilaku-baru", "perilaku");

function pratinjau() {
  const form = $("form-keputusan");
  const p = predikatDari(form.hasilKerja.value, form.perilaku.value);
  $("pratinjau-predikat-baru").textContent = p ? `Predikat kinerja menjadi: ${label("Predikat", p)}` : "";
}

for (const r of document.querySelectorAll('input[name="putusan"]')) {
  r.addEventListener("change", () => {
    $("isian-ubah").hidden = $("form-keputusan").putusan.value !== "ubah";
  });
}

$("form-keputusan").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const form = ev.currentTarget;
  const kotak = $("kabar-keputusan");
  hapusKabar(kotak);
  const tetap = form.putusan.value === "tetap";
  const alasan = form.alasan.value.trim();
  if (!tetap && (!form.hasilKerja.value || !form.perilaku.value)) {
    kabar(kotak, "Pilih rating hasil kerja dan perilaku kerja yang baru.", "galat");
    return;
  }
  if (!alasan) {
    kabar(kotak, "Tuliskan alasan keputusan.", "galat");
    form.alasan.focus();
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      keberatan = await panggil("EvaluationService/DecideKeberatan", {
        keberatanId: keberatan.id,
        uphold: tetap,
        hasilKerja: tetap ? undefined : form.hasilKerja.value,
        perilaku: tetap ? undefined : form.perilaku.value,
        reason: alasan,
      });
      await gambar();
      kabar($("kabar-halaman"), `Keberatan diputuskan: ${tetap ? "penilaian tetap" : "penilaian diubah"}. Keputusan ini final.`, "baik");
    } catch (galat) {
      kabar(kotak, pesanGalat(galat), "galat");
      await bilaBerubah(galat);
    }
  });
});

profil = await mulaiHalaman(["pegawai", "atasan", "admin"]);
await muat();
performance.mark("simpeg:isi-siap");
