// Rating (atasan): the people whose SKP one evaluates, their rating for a period or the year
// with feedback per BerAKHLAK value, and the unit's distribution against its curve before the
// ratings are finalised: what would have to change, who is not rated yet. A unit's leader sets
// its predikat kinerja organisasi and finalises from here.

import { panggil, semuaHalaman } from "./api.mjs";
import { $, h, hapusKabar, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { panelDistribusi } from "./distribusi.mjs";
import {
  BERAKHLAK, LABEL, angka, hariIni, isoTanggal, label, namaLengkap, periode, persenBasis, predikatDari, rentangPeriode,
} from "./format.mjs";
import { pegawaiDenganId, unitDenganId } from "./kinerja.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

const hari = hariIni();
const tahun = hari.year;

const RATING = ["RATING_DI_ATAS_EKSPEKTASI", "RATING_SESUAI_EKSPEKTASI", "RATING_DI_BAWAH_EKSPEKTASI"];

let periodeDipilih = null;
let dinilai = [];
let terpilih = null;

/** The year's periods that have begun, and the year itself; the current one chosen. */
async function isiPilihanPeriode() {
  const setelan = await panggil("EvaluationService/GetPeriodKind", { year: tahun }).catch(() => ({}));
  const jenis = setelan.kind ?? "EVALUATION_PERIOD_KIND_TRIWULAN";
  const jumlah = jenis === "EVALUATION_PERIOD_KIND_BULANAN" ? 12 : 4;
  const pilihan = [];
  for (let n = 1; n <= jumlah; n++) {
    const p = { year: tahun, kind: jenis, number: n };
    if (isoTanggal(rentangPeriode(p)[0]) <= isoTanggal(hari)) pilihan.push(p);
  }
  pilihan.push({ year: tahun, kind: "EVALUATION_PERIOD_KIND_TAHUNAN", number: 1 });
  const sekarang = jenis === "EVALUATION_PERIOD_KIND_BULANAN" ? hari.month : Math.ceil(hari.month / 3);
  const pilih = $("periode");
  isi(
    pilih,
    pilihan.map((p) =>
      h("option", { value: `${p.kind}:${p.number}`, selected: p.kind === jenis && p.number === sekarang }, periode(p)),
    ),
  );
  const baca = () => {
    const [kind, number] = pilih.value.split(":");
    periodeDipilih = { year: tahun, kind, number: Number(number) };
  };
  baca();
  pilih.addEventListener("change", async () => {
    baca();
    tutupFormNilai();
    await muatSemua();
  });
}

/** Each reading of the page counts here; a reading overtaken by a newer one (another period
 * chosen meanwhile) draws nothing. */
let generasi = 0;

async function muatSemua() {
  const g = ++generasi;
  await muatPegawai(g);
  if (g === generasi) await muatDistribusi(g);
}

/** The people one evaluates this year, each with their evaluation of the chosen period. */
async function muatPegawai(g = generasi) {
  const ringkasan = $("ringkasan-pegawai");
  ringkasan.textContent = "Memuat…";
  let skps;
  try {
    skps = await semuaHalaman(async (page) => {
      const j = await panggil("PlanService/ListSKPs", { year: tahun, page });
      return [j.skps ?? [], j.page?.nextPageToken];
    });
  } catch (galat) {
    ringkasan.textContent = pesanGalat(galat);
    return;
  }
  dinilai = await Promise.all(
    skps
      .filter((s) => s.employeeId && s.employeeId !== "0")
      .map(async (skp) => {
        const evaluasi = await panggil("EvaluationService/GetEvaluation", {
          employeePeriod: { employeeId: skp.employeeId, period: periodeDipilih },
        }).catch(() => null);
        return { skp, evaluasi };
      }),
  );
  if (g !== generasi) return;
  dinilai.sort((a, b) => a.skp.ownerName.localeCompare(b.skp.ownerName, "id"));
  const sudah = dinilai.filter((d) => d.evaluasi).length;
  ringkasan.textContent = dinilai.length
    ? `${angka(dinilai.length, 0)} pegawai, ${angka(sudah, 0)} sudah dinilai untuk ${periode(periodeDipilih)}.`
    : `Tidak ada pegawai yang SKP ${tahun}-nya Anda nilai.`;
  isi($("daftar-pegawai"), dinilai.map(kartuPegawai));
  $("daftar-pegawai").dataset.periode = `${periodeDipilih.kind}:${periodeDipilih.number}`;
}

function kartuPegawai(d) {
  const { skp, evaluasi } = d;
  const disetujui = Boolean(skp.inForceVersion);
  const terkunci = evaluasi && evaluasi.status !== "EVALUATION_STATUS_RATED";
  return h(
    "li",
    { dataset: { pegawai: skp.employeeId } },
    h(
      "div",
      { class: "baris-antara" },
      h("strong", {}, skp.ownerName),
      evaluasi
        ? h("span", { class: "lencana lencana-baik" }, `${label("Predikat", evaluasi.predikat)} · ${label("EvaluationStatus", evaluasi.status)}`)
        : h("span", { class: "lencana lencana-menunggu" }, "Belum dinilai"),
    ),
    h("p", { class: "redup" }, skp.positionTitle),
    !disetujui ? h("p", { class: "redup" }, `SKP ${tahun} belum disetujui, jadi belum dapat dinilai.`) : null,
    h(
      "div",
      { class: "aksi" },
      disetujui && !terkunci
        ? h("button", { type: "button", class: "nilai", onclick: () => bukaFormNilai(d) }, evaluasi ? "Ubah nilai" : "Nilai")
        : null,
      evaluasi ? h("a", { class: "tombol kedua", href: `/cetak/evaluasi.html?id=${evaluasi.id}` }, "Dokumen evaluasi") : null,
    ),
    disetujui ? formUmpanBalik(skp) : null,
  );
}

/** Continuous feedback (umpan balik berkelanjutan) on one RHK or one BerAKHLAK value. */
function formUmpanBalik(skp) {
  const id = `umpan-balik-${skp.employeeId}`;
  const pokok = h(
    "select",
    { id: `${id}-pokok`, class: "pokok-umpan-balik" },
    h("optgroup", { label: "Rencana hasil kerja" }, (skp.content?.rhks ?? []).map((r) => h("option", { value: `rhk:${r.id}` }, r.text))),
    h("optgroup", { label: "Perilaku kerja (BerAKHLAK)" }, BERAKHLAK.map((b) => h("option", { value: `nilai:${b.kode}` }, b.nama))),
  );
  const teks = h("textarea", { id: `${id}-teks`, class: "teks-umpan-balik", rows: 2 });
  const kotak = h("div", { hidden: true });
  const form = h(
    "form",
    { class: "form-umpan-balik", novalidate: true },
    h("div", { class: "isian" }, h("label", { for: pokok.id }, "Tentang"), pokok),
    h("div", { class: "isian" }, h("label", { for: teks.id }, "Umpan balik"), teks),
    kotak,
    h("button", { type: "submit", class: "kedua" }, "Kirim umpan balik"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!teks.value.trim()) {
      kabar(kotak, "Tuliskan umpan baliknya.", "galat");
      return;
    }
    const [jenis, nilai] = pokok.value.split(":");
    await sambilMenunggu(form, async () => {
      try {
        await panggil("FeedbackService/GiveFeedback", {
          employeeId: skp.employeeId,
          year: tahun,
          ...(jenis === "rhk" ? { rhkId: nilai } : { value: nilai }),
          text: teks.value.trim(),
        });
        teks.value = "";
        kabar(kotak, `Umpan balik terkirim kepada ${skp.ownerName}.`, "baik");
      } catch (galat) {
        kabar(kotak, pesanGalat(galat, { permission_denied: "Anda hanya dapat memberi umpan balik kepada pegawai di bawah Anda." }), "galat");
      }
    });
  });
  return h("details", { class: "umpan-balik" }, h("summary", {}, "Beri umpan balik berkelanjutan"), form);
}

// MARK: The rating form

function siapkanFormNilai() {
  for (const [wadah, nama] of [
    ["pilihan-hasil", "hasilKerja"],
    ["pilihan-perilaku", "perilaku"],
  ]) {
    isi(
      $(wadah),
      RATING.map((r) =>
        h("label", {}, h("input", { type: "radio", name: nama, value: r, required: true, onchange: pratinjau }), LABEL.Rating[r]),
      ),
    );
  }
  isi(
    $("isian-berakhlak"),
    BERAKHLAK.map((b) =>
      h(
        "div",
        { class: "isian" },
        h("label", { for: `umpan-${b.kode}` }, b.nama),
        h("span", { class: "bantuan", id: `harapan-${b.kode}` }),
        h("textarea", { id: `umpan-${b.kode}`, name: b.kode, rows: 2, "aria-describedby": `harapan-${b.kode}` }),
      ),
    ),
  );
  $("batal-nilai").addEventListener("click", tutupFormNilai);
  $("form-nilai").addEventListener("submit", simpanNilai);
}

function pratinjau() {
  const form = $("form-nilai");
  const p = predikatDari(form.hasilKerja.value, form.perilaku.value);
  $("pratinjau-predikat").textContent = p ? label("Predikat", p) : "—";
}

async function bukaFormNilai(d) {
  terpilih = d;
  const form = $("form-nilai");
  form.reset();
  hapusKabar($("kabar-nilai"));
  $("judul-nilai").textContent = `Nilai ${d.skp.ownerName}, ${periode(periodeDipilih)}`;
  const harapan = new Map((d.skp.content?.expectations ?? []).map((e) => [e.value, e.expectation]));
  for (const b of BERAKHLAK) {
    $(`harapan-${b.kode}`).textContent = harapan.get(b.kode) ? `Ekspektasi: ${harapan.get(b.kode)}` : "";
  }
  const e = d.evaluasi;
  if (e) {
    form.hasilKerja.value = e.hasilKerja ?? "";
    form.perilaku.value = e.perilaku ?? "";
    form.catatanHasil.value = e.hasilKerjaNote ?? "";
    for (const umpan of e.behaviour ?? []) {
      const isian = form.elements[umpan.value];
      if (isian) isian.value = umpan.feedback ?? "";
    }
  }
  pratinjau();
  $("bagian-nilai").hidden = false;
  $("bagian-nilai").scrollIntoView({ block: "start" });
  form.querySelector("input[name=hasilKerja]").focus();
  const wadah = $("realisasi-dinilai");
  isi(wadah, h("p", { class: "redup" }, "Memuat realisasi…"));
  try {
    const r = await panggil("ActivityService/GetRealisation", { skpId: d.skp.id });
    isi(
      wadah,
      h("h3", {}, "Realisasi per RHK"),
      h(
        "ul",
        {},
        (r.rhks ?? []).map((rhk) =>
          h("li", {}, `${rhk.text}: `, rhk.notMeasured ? "tidak diukur dengan angka" : h("strong", {}, persenBasis(rhk.yearBasisPoints))),
        ),
      ),
    );
  } catch {
    isi(wadah);
  }
}

function tutupFormNilai() {
  $("bagian-nilai").hidden = true;
  terpilih = null;
}

async function simpanNilai(e) {
  e.preventDefault();
  const form = $("form-nilai");
  const kotak = $("kabar-nilai");
  if (!form.hasilKerja.value || !form.perilaku.value) {
    kabar(kotak, "Pilih rating hasil kerja dan rating perilaku kerja.", "galat");
    return;
  }
  const behaviour = BERAKHLAK.map((b) => ({ value: b.kode, feedback: form.elements[b.kode].value.trim() })).filter(
    (b) => b.feedback,
  );
  await sambilMenunggu(form, async () => {
    try {
      const hasil = await panggil("EvaluationService/RateEmployee", {
        employeeId: terpilih.skp.employeeId,
        period: periodeDipilih,
        hasilKerja: form.hasilKerja.value,
        hasilKerjaNote: form.catatanHasil.value.trim(),
        perilaku: form.perilaku.value,
        behaviour,
      });
      kabar($("kabar-halaman"), `Penilaian ${terpilih.skp.ownerName} tersimpan: predikat ${label("Predikat", hasil.predikat)}.`, "baik");
      tutupFormNilai();
      await muatSemua();
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          failed_precondition:
            "Penilaian belum dapat disimpan. Kemungkinan: pimpinan unit belum menetapkan predikat kinerja organisasi untuk periode ini, periode belum dimulai, SKP tidak mencakup periode ini, atau penilaian unit sudah final.",
          permission_denied: "Anda bukan pejabat penilai kinerja pegawai ini.",
          invalid_argument: "Isian penilaian belum benar: pilih kedua rating, dan umpan balik paling banyak 4.000 karakter per isian.",
        }),
        "galat",
      );
    }
  });
}

// MARK: Distribution

/** The units whose curve matters here: those one leads and those of the evaluations shown. */
async function muatDistribusi(g = generasi) {
  const unit = new Map(profil.dipimpin.map((u) => [u.id, u.name]));
  for (const d of dinilai) {
    const id = d.evaluasi?.organisationUnitId;
    if (id && id !== "0" && !unit.has(id)) unit.set(id, (await unitDenganId(id))?.name ?? `Unit ${id}`);
  }
  const wadah = $("daftar-distribusi");
  if (!unit.size) {
    isi(wadah, h("p", { class: "redup" }, "Belum ada unit dengan penilaian pada periode ini."));
    return;
  }
  const kartu = await Promise.all([...unit].map(([id, nama]) => kartuDistribusi(id, nama)));
  if (g !== generasi) return;
  isi(wadah, kartu);
  wadah.dataset.periode = `${periodeDipilih.kind}:${periodeDipilih.number}`;
}

async function kartuDistribusi(unitId, nama) {
  const memimpin = profil.dipimpin.some((u) => u.id === unitId);
  const kartu = h("section", { class: "kartu", dataset: { unit: unitId } }, h("h3", {}, `${nama}, ${periode(periodeDipilih)}`));
  // Whether the unit's predikat organisasi is set for the period (CheckDistribution refuses a
  // unit without one).
  try {
    await panggil("EvaluationService/GetOrganisationPredikat", { unitId, period: periodeDipilih });
  } catch (galat) {
    if (galat.kode !== "not_found") {
      kartu.append(h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
      return kartu;
    }
    kartu.append(h("p", {}, "Predikat kinerja organisasi untuk periode ini belum ditetapkan. Pegawai dinilai setelah pimpinan unit menetapkannya."));
    if (memimpin) kartu.append(formPredikatOrganisasi(unitId, null));
    return kartu;
  }
  let cek;
  try {
    cek = await panggil("EvaluationService/CheckDistribution", { unitId, period: periodeDipilih });
  } catch (galat) {
    kartu.append(h("p", { class: "kabar kabar-galat" }, pesanGalat(galat, { permission_denied: "Anda tidak berwenang melihat distribusi unit ini." })));
    return kartu;
  }
  kartu.append(panelDistribusi(cek.report, { judul: `Distribusi predikat ${nama}`, dinilai: Number(cek.rated ?? 0) }));
  const belum = cek.unratedEmployeeIds ?? [];
  if (belum.length) {
    const daftar = h("ul", {});
    kartu.append(h("p", {}, `${angka(belum.length, 0)} pegawai dengan SKP disetujui belum dinilai:`), daftar);
    for (const id of belum.slice(0, 50)) {
      pegawaiDenganId(id).then((p) => daftar.append(h("li", {}, p ? namaLengkap(p) : `Pegawai ${id}`)));
    }
  }
  kartu.append(
    h(
      "p",
      {},
      h("a", { href: `/cetak/distribusi.html?unit=${unitId}&tahun=${periodeDipilih.year}&jenis=${periodeDipilih.kind}&nomor=${periodeDipilih.number}` }, "Cetak laporan distribusi"),
    ),
  );
  if (cek.finalised) {
    kartu.append(h("p", { class: "kabar kabar-baik" }, "Penilaian unit ini untuk periode tersebut sudah final."));
  } else if (memimpin || profil.peran.admin) {
    if (memimpin) kartu.append(formPredikatOrganisasi(unitId, cek.report?.organisasi));
    kartu.append(formFinal(unitId, cek));
  }
  return kartu;
}

function formPredikatOrganisasi(unitId, sekarang) {
  const kotak = h("div", { hidden: true });
  const pilih = h(
    "select",
    { id: `predikat-org-${unitId}`, name: "predikat" },
    Object.entries(LABEL.PredikatOrganisasi).map(([kode, teks]) => h("option", { value: kode, selected: kode === sekarang }, teks)),
  );
  const catatan = h("input", { type: "text", id: `catatan-org-${unitId}`, name: "catatan" });
  const form = h(
    "form",
    { class: "form-predikat-organisasi", novalidate: true },
    h("h4", {}, sekarang ? "Ubah predikat kinerja organisasi" : "Tetapkan predikat kinerja organisasi"),
    h("div", { class: "isian" }, h("label", { for: pilih.id }, "Predikat kinerja organisasi"), pilih),
    h("div", { class: "isian" }, h("label", { for: catatan.id }, "Dasar penetapan (mis. nomor laporan kinerja)"), catatan),
    kotak,
    h("button", { type: "submit", class: "kedua" }, "Simpan predikat organisasi"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    await sambilMenunggu(form, async () => {
      try {
        await panggil("EvaluationService/SetOrganisationPredikat", {
          unitId, period: periodeDipilih, predikat: pilih.value, note: catatan.value.trim(),
        });
        kabar($("kabar-halaman"), "Predikat kinerja organisasi tersimpan.", "baik");
        await muatDistribusi();
      } catch (galat) {
        kabar(
          kotak,
          pesanGalat(galat, {
            permission_denied: "Hanya pimpinan unit yang menetapkan predikat kinerja organisasinya.",
            failed_precondition:
              "Predikat tidak dapat ditetapkan: penilaian periode ini sudah final, atau unit di atas atau di bawahnya sudah memiliki predikat untuk periode ini.",
          }),
          "galat",
        );
      }
    });
  });
  return form;
}

function formFinal(unitId, cek) {
  const kotak = h("div", { hidden: true });
  const perluAlasan = !cek.report?.conforms;
  const alasan = h("textarea", { id: `alasan-${unitId}`, rows: 2 });
  const form = h(
    "form",
    { class: "form-final", novalidate: true },
    h("h4", {}, "Finalkan penilaian unit"),
    perluAlasan
      ? h(
          "div",
          { class: "isian" },
          h("label", { for: alasan.id }, "Alasan melampaui kurva (hanya BKPSDM)"),
          alasan,
        )
      : null,
    kotak,
    h("button", { type: "submit", class: "finalkan" }, "Finalkan penilaian"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    await sambilMenunggu(form, async () => {
      try {
        const hasil = await panggil("EvaluationService/FinaliseEvaluations", {
          unitId, period: periodeDipilih, overrideReason: perluAlasan ? alasan.value.trim() : "",
        });
        kabar($("kabar-halaman"), `${angka(hasil.finalised ?? 0, 0)} penilaian difinalkan.`, "baik");
        await muatSemua();
      } catch (galat) {
        kabar(
          kotak,
          pesanGalat(galat, {
            failed_precondition: perluAlasan
              ? "Distribusi belum sesuai kurva: ubah penilaian, atau BKPSDM memfinalkan dengan alasan."
              : "Belum dapat difinalkan: masih ada pegawai dengan SKP disetujui yang belum dinilai, atau belum ada penilaian.",
            permission_denied: "Hanya pimpinan unit atau BKPSDM yang memfinalkan; melampaui kurva memerlukan BKPSDM.",
          }),
          "galat",
        );
      }
    });
  });
  return form;
}

const profil = await mulaiHalaman(["atasan", "pimpinan"]);
await isiPilihanPeriode();
siapkanFormNilai();
await muatSemua();
performance.mark("simpeg:isi-siap");
