// The leader's dashboard (pimpinan: Kepala, Sekda, Wali Kota's staff; BKPSDM and the
// Inspektorat see every unit): the predikat distribution against the unit's curve and per
// sub-unit, SKP approval progress, activity volume over the year's periods, public-service
// turnaround per service (median, p90, share within the standard, trend by month), the
// innovation competition's results, and the unit's performance dialogues, with a form to record
// one.

import { panggil, semuaHalaman } from "./api.mjs";
import { $, h, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { jumlahPredikat, panelDistribusi } from "./distribusi.mjs";
import {
  PREDIKAT, angka, bulan, dariIso, hariIni, isoTanggal, label, namaLengkap, periode, persenBasis, rentangPeriode, standar,
  tanggal,
} from "./format.mjs";
import { WARNA_PREDIKAT, grafikBatang, grafikBertumpuk, grafikGaris, legenda } from "./grafik.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

const hari = hariIni();
const tahun = hari.year;
let jenisTahun = "EVALUATION_PERIOD_KIND_TRIWULAN";
let unitDipilih = null;
let periodeDipilih = null;
let subunit = [];
let laporanLayanan = null;

/** Reads a card's data; a refusal becomes a message in the card instead of breaking the page. */
async function dalamKartu(wadah, kerja) {
  try {
    await kerja();
  } catch (galat) {
    isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat, {
      permission_denied: "Anda tidak berwenang melihat data unit ini.",
      not_found: "Belum ada data untuk pilihan ini.",
    })));
  }
}

// MARK: Choices

/** The units one may look at: those one leads with their sub-units; for BKPSDM and the
 * Inspektorat, the city's perangkat daerah. */
async function isiPilihanUnit(profil) {
  const akar = profil.dipimpin.length ? profil.dipimpin.map((u) => u.id) : ["0"];
  const pilihan = [];
  for (const id of akar) {
    const pohon = await panggil("OrgService/GetUnitTree", { rootId: id, maxDepth: id === "0" ? 1 : 2 });
    for (const n of pohon.nodes ?? []) {
      if (!pilihan.some((p) => p.unit.id === n.unit.id)) pilihan.push(n);
    }
  }
  isi(
    $("unit"),
    pilihan.map((n) =>
      h("option", { value: n.unit.id }, `${"\u2003".repeat(n.depth ?? 0)}${n.unit.name}`),
    ),
  );
  $("unit").addEventListener("change", () => muatSemua());
  return pilihan;
}

async function isiPilihanPeriode() {
  const setelan = await panggil("EvaluationService/GetPeriodKind", { year: tahun }).catch(() => ({}));
  jenisTahun = setelan.kind ?? "EVALUATION_PERIOD_KIND_TRIWULAN";
  const jumlah = jenisTahun === "EVALUATION_PERIOD_KIND_BULANAN" ? 12 : 4;
  const pilihan = [];
  for (let n = 1; n <= jumlah; n++) {
    const p = { year: tahun, kind: jenisTahun, number: n };
    if (isoTanggal(rentangPeriode(p)[0]) <= isoTanggal(hari)) pilihan.push(p);
  }
  pilihan.push({ year: tahun, kind: "EVALUATION_PERIOD_KIND_TAHUNAN", number: 1 });
  pilihan.push({ year: tahun - 1, kind: "EVALUATION_PERIOD_KIND_TAHUNAN", number: 1 });
  const sekarang = jenisTahun === "EVALUATION_PERIOD_KIND_BULANAN" ? hari.month : Math.ceil(hari.month / 3);
  isi(
    $("periode"),
    pilihan.map((p) =>
      h(
        "option",
        { value: `${p.kind}:${p.number}:${p.year}`, selected: p.kind === jenisTahun && p.number === sekarang },
        periode(p),
      ),
    ),
  );
  $("periode").addEventListener("change", () => {
    bacaPeriode();
    muatDistribusi();
  });
  bacaPeriode();
}

function bacaPeriode() {
  const [kind, number, year] = $("periode").value.split(":");
  periodeDipilih = { year: Number(year), kind, number: Number(number) };
}

// MARK: Cards

async function muatSemua() {
  unitDipilih = $("unit").value;
  const pohon = await panggil("OrgService/GetUnitTree", { rootId: unitDipilih, maxDepth: 1 }).catch(() => ({ nodes: [] }));
  subunit = (pohon.nodes ?? []).filter((n) => n.unit.id !== unitDipilih).map((n) => n.unit);
  await Promise.all([muatDistribusi(), muatVolume(), muatLayanan(), muatInovasi(), muatDialog()]);
}

/** The unit against its curve, its SKP progress, and the sub-units' counts, for the period. */
async function muatDistribusi() {
  const wadah = $("grafik-distribusi");
  const periodeIni = periodeDipilih;
  const unitIni = unitDipilih;
  await dalamKartu(wadah, async () => {
    const laporan = await panggil("EvaluationService/GetUnitReport", { unitId: unitIni, period: periodeIni });
    if (periodeIni !== periodeDipilih || unitIni !== unitDipilih) return;
    const nama = $("unit").selectedOptions[0]?.textContent.trim() ?? "";
    isi(
      wadah,
      laporan.organisation
        ? null
        : h("p", { class: "kabar kabar-info" }, "Predikat kinerja organisasi unit ini untuk periode tersebut belum ditetapkan; kurva belum berlaku."),
      panelDistribusi(laporan.distribution, { judul: `Distribusi predikat ${nama}, ${periode(periodeIni)}` }),
      laporan.organisation?.finalised ? h("p", { class: "redup" }, "Penilaian periode ini sudah final.") : null,
    );
    wadah.dataset.periode = `${periodeIni.kind}:${periodeIni.number}`;
    gambarProgresSkp(laporan.skpProgress ?? {});
    tandaiSiap();
  });
  await dalamKartu($("distribusi-subunit"), async () => {
    const baris = await Promise.all(
      subunit.map(async (u) => {
        const l = await panggil("EvaluationService/GetUnitReport", { unitId: u.id, period: periodeIni }).catch(() => null);
        return { unit: u, laporan: l };
      }),
    );
    isi(
      $("distribusi-subunit"),
      baris.length
        ? h(
            "table",
            {},
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Sub-unit"), PREDIKAT.map((p) => h("th", { scope: "col", class: "angka" }, p.nama)))),
            h(
              "tbody",
              {},
              baris.map(({ unit, laporan }) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, unit.name),
                  jumlahPredikat(laporan?.distribution).map((p) => h("td", { class: "angka" }, laporan ? angka(p.jumlah, 0) : "—")),
                ),
              ),
            ),
          )
        : h("p", { class: "redup" }, "Unit ini tidak memiliki sub-unit."),
    );
  });
}

/** Marks the moment the page first shows its main content (the browser tests print it). */
function tandaiSiap() {
  if (!performance.getEntriesByName("simpeg:isi-siap").length) performance.mark("simpeg:isi-siap");
}

function gambarProgresSkp(p) {
  const bagian = [
    { label: "Disetujui", nilai: Number(p.approved ?? 0), warna: "#1b6b2f" },
    { label: "Diajukan", nilai: Number(p.submitted ?? 0), warna: "#2f7fc1" },
    { label: "Dikembalikan", nilai: Number(p.returned ?? 0), warna: "#b26a00" },
    { label: "Draf", nilai: Number(p.draft ?? 0), warna: "#8792a2" },
    { label: "Belum ada SKP", nilai: Number(p.withoutSkp ?? 0), warna: "#8b1a1a" },
  ];
  const orang = Number(p.people ?? 0);
  isi(
    $("progres-skp"),
    h("p", {}, `${angka(Number(p.approved ?? 0), 0)} dari ${angka(orang, 0)} pemegang jabatan memiliki SKP yang disetujui (${orang ? angka((100 * Number(p.approved ?? 0)) / orang, 1) : 0}%).`),
    grafikBertumpuk({ data: bagian, judul: "Progres persetujuan SKP" }),
    legenda(bagian.map((b) => ({ label: `${b.label}: ${angka(b.nilai, 0)}`, warna: b.warna }))),
  );
}

/** Activities dated in each of the year's periods that have begun (from the unit report). */
async function muatVolume() {
  const wadah = $("volume-kegiatan");
  await dalamKartu(wadah, async () => {
    const jumlah = jenisTahun === "EVALUATION_PERIOD_KIND_BULANAN" ? 12 : 4;
    const daftar = [];
    for (let n = 1; n <= jumlah; n++) {
      const p = { year: tahun, kind: jenisTahun, number: n };
      if (isoTanggal(rentangPeriode(p)[0]) <= isoTanggal(hari)) daftar.push(p);
    }
    const laporan = await Promise.all(
      daftar.map((p) => panggil("EvaluationService/GetUnitReport", { unitId: unitDipilih, period: p })),
    );
    const seri = [
      ["Dicatat", "logged", "#0b4f8a"],
      ["Disetujui", "approved", "#1b6b2f"],
      ["Menunggu", "pending", "#b26a00"],
      ["Dikembalikan", "rejected", "#8b1a1a"],
    ].map(([nama, kunci, warna]) => ({ nama, warna, nilai: laporan.map((l) => Number(l.activities?.[kunci] ?? 0)) }));
    const labelX = daftar.map((p) => (p.kind === "EVALUATION_PERIOD_KIND_BULANAN" ? bulan(p.year, p.number, true) : `TW ${["", "I", "II", "III", "IV"][p.number]}`));
    isi(
      wadah,
      grafikGaris({ seri, label: labelX, judul: `Volume kegiatan ${tahun} per ${jenisTahun === "EVALUATION_PERIOD_KIND_BULANAN" ? "bulan" : "triwulan"}`, format: (v) => angka(v, 0) }),
      legenda(seri),
      h(
        "div",
        { class: "gulir" },
        h(
          "table",
          {},
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Periode"), seri.map((s) => h("th", { scope: "col", class: "angka" }, s.nama)))),
          h("tbody", {}, daftar.map((p, i) => h("tr", {}, h("th", { scope: "row" }, periode(p)), seri.map((s) => h("td", { class: "angka" }, angka(s.nilai[i], 0)))))),
        ),
      ),
    );
  });
}

/** Turnaround per service of the unit for a year: figures, and one service's monthly trend. */
async function muatLayanan() {
  const wadah = $("layanan-publik");
  await dalamKartu(wadah, async () => {
    const layanan = await semuaHalaman(async (page) => {
      const j = await panggil("PublicServiceService/ListPublicServices", { unitId: unitDipilih, page });
      return [j.services ?? [], j.page?.nextPageToken];
    });
    if (!layanan.length) {
      isi(wadah, h("p", { class: "redup" }, "Unit ini tidak menyelenggarakan layanan publik."));
      isi($("tahun-layanan"));
      isi($("layanan"));
      return;
    }
    const pilihTahun = $("tahun-layanan");
    if (!pilihTahun.options.length) {
      isi(pilihTahun, [tahun, tahun - 1, tahun - 2].map((t) => h("option", { value: t }, String(t))));
      pilihTahun.onchange = () => muatLaporanLayanan();
      $("layanan").onchange = () => gambarLayanan();
    }
    await muatLaporanLayanan(true);
  });
}

async function muatLaporanLayanan(pertama = false) {
  const wadah = $("layanan-publik");
  await dalamKartu(wadah, async () => {
    let t = Number($("tahun-layanan").value);
    const akhir = (th) => ({ year: th, month: th === tahun ? hari.month : 12 });
    laporanLayanan = await panggil("PublicServiceService/GetTurnaroundReport", {
      unitId: unitDipilih, from: { year: t, month: 1 }, to: akhir(t),
    });
    // A year without completed requests yet: show the year before, where the records are.
    if (pertama && !laporanLayanan.completed && t === tahun) {
      t = tahun - 1;
      $("tahun-layanan").value = String(t);
      laporanLayanan = await panggil("PublicServiceService/GetTurnaroundReport", {
        unitId: unitDipilih, from: { year: t, month: 1 }, to: akhir(t),
      });
    }
    isi(
      $("layanan"),
      (laporanLayanan.services ?? []).map((s) => h("option", { value: s.service.id }, s.service.name)),
    );
    gambarLayanan();
  });
}

function gambarLayanan() {
  const l = laporanLayanan;
  if (!l) return;
  const dipilih = (l.services ?? []).find((s) => s.service.id === $("layanan").value) ?? l.services?.[0];
  const bulanX = (dipilih?.months ?? []).map((m) => bulan(m.month.year, m.month.month, true));
  const satuan = label("TurnaroundUnit", dipilih?.service?.standard?.unit);
  isi(
    $("layanan-publik"),
    h(
      "p",
      {},
      `${l.unitName}: ${angka(l.completed ?? 0, 0)} permohonan selesai, ${persenBasis(l.shareWithinStandardBasisPoints ?? 0)} dalam standar; ${angka(l.backlog ?? 0, 0)} belum selesai di akhir periode.`,
    ),
    h(
      "div",
      { class: "gulir" },
      h(
        "table",
        { class: "tabel-layanan" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Layanan", "Standar", "Selesai", "Median", "Persentil 90", "Dalam standar", "Belum selesai"].map((t, i) =>
              h("th", { scope: "col", class: i > 1 ? "angka" : false }, t),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          (l.services ?? []).map((s) => {
            const t = s.total ?? {};
            const u = label("TurnaroundUnit", s.service.standard?.unit);
            return h(
              "tr",
              { dataset: { layanan: s.service.id } },
              h("th", { scope: "row" }, s.service.name),
              h("td", {}, standar(s.service.standard)),
              h("td", { class: "angka" }, angka(t.completed ?? 0, 0)),
              h("td", { class: "angka" }, `${angka(t.median ?? 0, 0)} ${u}`),
              h("td", { class: "angka" }, `${angka(t.percentile90 ?? 0, 0)} ${u}`),
              h("td", { class: "angka" }, persenBasis(t.shareWithinStandardBasisPoints ?? 0)),
              h("td", { class: "angka" }, angka(t.backlog ?? 0, 0)),
            );
          }),
        ),
      ),
    ),
    dipilih
      ? [
          h("h3", {}, `Tren ${dipilih.service.name} per bulan`),
          grafikGaris({
            judul: `Median dan persentil 90 waktu penyelesaian ${dipilih.service.name} (${satuan})`,
            label: bulanX,
            seri: [
              { nama: "Median", warna: "#0b4f8a", nilai: dipilih.months.map((m) => (m.figures?.completed ? Number(m.figures.median ?? 0) : null)) },
              { nama: "Persentil 90", warna: "#b26a00", nilai: dipilih.months.map((m) => (m.figures?.completed ? Number(m.figures.percentile90 ?? 0) : null)) },
              { nama: "Standar", warna: "#8b1a1a", nilai: dipilih.months.map(() => Number(dipilih.service.standard?.maximum ?? 0)) },
            ],
            format: (v) => angka(v, 1),
          }),
          legenda([
            { label: `Median (${satuan})`, warna: "#0b4f8a" },
            { label: `Persentil 90 (${satuan})`, warna: "#b26a00" },
            { label: `Standar (${satuan})`, warna: "#8b1a1a" },
          ]),
          grafikGaris({
            judul: `Persentase selesai dalam standar, ${dipilih.service.name}`,
            label: bulanX,
            maks: 100,
            seri: [
              { nama: "Dalam standar", warna: "#1b6b2f", nilai: dipilih.months.map((m) => (m.figures?.completed ? Number(m.figures.shareWithinStandardBasisPoints ?? 0) / 100 : null)) },
            ],
            format: (v) => `${angka(v, 0)}%`,
          }),
        ]
      : null,
  );
}

/** The latest published competition's ranking per category. */
async function muatInovasi() {
  const wadah = $("hasil-inovasi");
  await dalamKartu(wadah, async () => {
    const lomba = (await panggil("InnovationService/ListCompetitions", {})).competitions ?? [];
    const terbit = lomba.filter((c) => c.state === "COMPETITION_STATE_PUBLISHED").sort((a, b) => b.year - a.year)[0];
    if (!terbit) {
      isi(wadah, h("p", { class: "redup" }, "Belum ada lomba inovasi yang hasilnya diumumkan."));
      return;
    }
    const hasil = await panggil("InnovationService/GetResults", { competitionId: terbit.id });
    isi(
      wadah,
      h("p", {}, `${terbit.name} (${terbit.year}), diumumkan ${tanggal(hasil.publishedAt)}.`),
      (hasil.categories ?? []).map((k) => {
        const atas = (k.ranked ?? []).slice(0, 5);
        return h(
          "div",
          { class: "kategori-inovasi" },
          h("h3", {}, k.category?.name ?? ""),
          atas.length
            ? grafikBatang({
                judul: `Nilai lima besar, ${k.category?.name ?? ""}`,
                data: atas.map((r, i) => ({ label: `${r.position}. ${r.title}`, kunci: r.innovationId, nilai: Number(r.scoreHundredths ?? 0) / 100, warna: WARNA_PREDIKAT[Math.min(i, 4)] })),
              })
            : null,
          h(
            "ol",
            {},
            (k.ranked ?? []).map((r) =>
              h("li", {}, h("strong", {}, r.title), ` — nilai ${angka(Number(r.scoreHundredths ?? 0) / 100, 2)}, ${angka(r.judgeCount ?? 0, 0)} juri`),
            ),
          ),
        );
      }),
    );
  });
}

// MARK: Dialogues

let pesertaUnit = [];

async function muatDialog() {
  const wadah = $("daftar-dialog");
  await dalamKartu(wadah, async () => {
    const dialog = await semuaHalaman(async (page) => {
      const j = await panggil("FeedbackService/ListDialogues", { unitId: unitDipilih, page });
      return [j.dialogues ?? [], j.page?.nextPageToken];
    });
    isi(
      wadah,
      dialog.length
        ? h(
            "ul",
            { class: "daftar-kartu" },
            dialog
              .slice(-5)
              .reverse()
              .map((d) => h("li", {}, h("strong", {}, `${tanggal(d.date)}: ${d.agenda}`), d.notes ? h("p", {}, d.notes) : null, h("p", { class: "redup" }, `${angka((d.attendeeIds ?? []).length, 0)} peserta`))),
          )
        : h("p", { class: "redup" }, "Belum ada dialog kinerja yang dicatat untuk unit ini."),
    );
  });
  await siapkanFormDialog();
}

async function siapkanFormDialog() {
  const form = $("form-dialog");
  form.tanggal.value = isoTanggal(hari);
  form.tanggal.max = isoTanggal(hari);
  pesertaUnit = await semuaHalaman(async (page) => {
    const j = await panggil("EmployeeService/SearchEmployees", { unitId: unitDipilih, includeSubunits: true, page });
    return [j.employees ?? [], j.page?.nextPageToken];
  }, 300).catch(() => []);
  isi(
    $("peserta-dialog"),
    pesertaUnit.map((p) => h("label", {}, h("input", { type: "checkbox", name: "peserta", value: p.id }), namaLengkap(p))),
  );
  const terbuka = await panggil("FeedbackService/ListFollowUps", { unitId: unitDipilih, openOnly: true }).catch(() => ({}));
  isi(
    $("tindak-lanjut-terbuka"),
    (terbuka.followUps ?? []).length
      ? terbuka.followUps.map((f) =>
          h(
            "div",
            { class: "tindak-lanjut", dataset: { id: f.id } },
            h("p", {}, h("strong", {}, f.action), ` (tenggat ${tanggal(f.due)})`),
            h("label", {}, h("input", { type: "checkbox", class: "terpenuhi" }), " Sudah terpenuhi"),
            h("input", { type: "text", class: "catatan-tindak-lanjut", "aria-label": `Catatan untuk ${f.action}` }),
          ),
        )
      : h("p", { class: "redup" }, "Tidak ada tindak lanjut yang terbuka."),
  );
  isi($("tindak-lanjut-baru"));
}

function tambahTindakLanjut() {
  const n = $("tindak-lanjut-baru").children.length + 1;
  $("tindak-lanjut-baru").append(
    h(
      "div",
      { class: "tindak-lanjut-baru kisi kisi-3" },
      h("div", { class: "isian" }, h("label", { for: `tl-pegawai-${n}` }, "Pegawai"), h("select", { id: `tl-pegawai-${n}`, class: "tl-pegawai" }, pesertaUnit.map((p) => h("option", { value: p.id }, namaLengkap(p))))),
      h("div", { class: "isian" }, h("label", { for: `tl-aksi-${n}` }, "Tindakan"), h("input", { type: "text", id: `tl-aksi-${n}`, class: "tl-aksi" })),
      h("div", { class: "isian" }, h("label", { for: `tl-tenggat-${n}` }, "Tenggat"), h("input", { type: "date", id: `tl-tenggat-${n}`, class: "tl-tenggat" })),
    ),
  );
}

async function simpanDialog(e) {
  e.preventDefault();
  const form = $("form-dialog");
  const kotak = $("kabar-dialog");
  if (!form.agenda.value.trim() || !form.tanggal.value) {
    kabar(kotak, "Isi tanggal dan agenda dialog.", "galat");
    return;
  }
  const followUps = [...document.querySelectorAll(".tindak-lanjut-baru")]
    .map((el) => ({
      employeeId: el.querySelector(".tl-pegawai").value,
      action: el.querySelector(".tl-aksi").value.trim(),
      due: el.querySelector(".tl-tenggat").value ? dariIso(el.querySelector(".tl-tenggat").value) : undefined,
    }))
    .filter((f) => f.action);
  const resolutions = [...document.querySelectorAll(".tindak-lanjut")].map((el) => ({
    followUpId: el.dataset.id,
    met: el.querySelector(".terpenuhi").checked,
    note: el.querySelector(".catatan-tindak-lanjut").value.trim(),
  }));
  await sambilMenunggu(form, async () => {
    try {
      await panggil("FeedbackService/RecordDialogue", {
        unitId: unitDipilih,
        date: dariIso(form.tanggal.value),
        attendeeIds: [...form.querySelectorAll("input[name=peserta]:checked")].map((c) => c.value),
        agenda: form.agenda.value.trim(),
        notes: form.catatan.value.trim(),
        followUps,
        resolutions,
      });
      kabar($("kabar-halaman"), "Dialog kinerja tersimpan.", "baik");
      form.reset();
      $("bagian-catat-dialog").open = false;
      await muatDialog();
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          permission_denied: "Hanya pimpinan unit yang mencatat dialog kinerjanya.",
          invalid_argument: "Isian dialog belum benar: tanggal tidak boleh setelah hari ini atau sebelum dialog sebelumnya, setiap tindak lanjut perlu tindakan dan tenggat, peserta harus pegawai unit ini.",
          failed_precondition: "Dialog belum dapat dicatat: tanggalnya sebelum dialog terakhir unit ini.",
        }),
        "galat",
      );
    }
  });
}

const profil = await mulaiHalaman(["pimpinan", "admin", "auditor"]);
await isiPilihanUnit(profil);
await isiPilihanPeriode();
$("tambah-tindak-lanjut").addEventListener("click", tambahTindakLanjut);
$("form-dialog").addEventListener("submit", simpanDialog);
if (!profil.dipimpin.length) $("bagian-catat-dialog").hidden = true;
await muatSemua();
