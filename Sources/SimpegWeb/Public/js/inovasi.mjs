// My innovations (pegawai): entries in the competitions with their ranking once published,
// submitting one while a competition is open, and the public-service requests one handled
// (evidence for one's performance record, from GetEmployeeInnovations).

import { panggil } from "./api.mjs";
import { $, h, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { angka, label, persenBasis, standar, tanggal } from "./format.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

let profil = null;
let lombaTerbuka = [];

async function muat() {
  try {
    const [milik, lomba] = await Promise.all([
      panggil("InnovationService/GetEmployeeInnovations", { employeeId: profil.akun.employeeId }),
      panggil("InnovationService/ListCompetitions", {}).then((j) => j.competitions ?? []),
    ]);
    // Entries of competitions not yet published are not in the record: read them per competition.
    const berjalan = [];
    for (const c of lomba.filter((c) => c.state !== "COMPETITION_STATE_PUBLISHED")) {
      const j = await panggil("InnovationService/ListInnovations", { competitionId: c.id }).catch(() => ({}));
      for (const i of j.innovations ?? []) {
        if ((i.authorEmployeeIds ?? []).includes(profil.akun.employeeId)) berjalan.push({ lomba: c, inovasi: i });
      }
    }
    const selesai = milik.innovations ?? [];
    $("ringkasan-inovasi").textContent =
      selesai.length + berjalan.length ? `${angka(selesai.length + berjalan.length, 0)} inovasi.` : "Anda belum mengajukan inovasi.";
    isi(
      $("daftar-inovasi"),
      berjalan.map(({ lomba: c, inovasi: i }) =>
        h("li", {}, h("div", { class: "baris-antara" }, h("strong", {}, i.title), h("span", { class: "lencana lencana-menunggu" }, label("CompetitionState", c.state))), h("p", { class: "redup" }, `${c.name} (${c.year}) · diajukan ${tanggal(i.submittedAt)}`), h("p", {}, i.description)),
      ),
      selesai.map((e) =>
        h(
          "li",
          {},
          h("div", { class: "baris-antara" }, h("strong", {}, e.innovation?.title), h("span", { class: "lencana lencana-baik" }, e.result ? `Peringkat ${e.result.position}` : "Belum dinilai")),
          h("p", { class: "redup" }, `${e.competitionName} (${e.year}) · kategori ${e.categoryName}`),
          e.result ? h("p", {}, `Nilai ${angka(Number(e.result.scoreHundredths ?? 0) / 100, 2)} dari ${angka(e.result.judgeCount ?? 0, 0)} juri.`) : null,
          h("p", {}, e.innovation?.description),
        ),
      ),
    );
    gambarLayanan(milik.service);
    lombaTerbuka = lomba.filter((c) => c.state === "COMPETITION_STATE_OPEN");
    $("tanpa-lomba").hidden = lombaTerbuka.length > 0;
    $("form-inovasi").hidden = lombaTerbuka.length === 0;
    isi($("lomba"), lombaTerbuka.map((c) => h("option", { value: c.id }, `${c.name} (${c.year})`)));
    isiKategori();
  } catch (galat) {
    $("ringkasan-inovasi").textContent = pesanGalat(galat);
  }
}

function isiKategori() {
  const c = lombaTerbuka.find((x) => x.id === $("lomba").value);
  isi($("kategori"), (c?.categories ?? []).map((k) => h("option", { value: k.id }, k.name)));
}

function gambarLayanan(s) {
  if (!s || !Number(s.handled ?? 0)) {
    isi($("layanan-saya"), h("p", { class: "redup" }, "Belum ada permohonan layanan yang Anda tangani."));
    return;
  }
  isi(
    $("layanan-saya"),
    h("p", {}, `${angka(s.handled, 0)} permohonan ditangani: ${angka(s.completed ?? 0, 0)} selesai (${persenBasis(s.shareWithinStandardBasisPoints ?? 0)} dalam standar), ${angka(s.rejected ?? 0, 0)} ditolak.`),
    h(
      "div",
      { class: "gulir" },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, ["Layanan", "Standar", "Selesai", "Dalam standar"].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          {},
          (s.services ?? []).map((x) =>
            h("tr", {}, h("th", { scope: "row" }, x.serviceName), h("td", {}, standar(x.standard)), h("td", { class: "angka" }, angka(x.total?.completed ?? 0, 0)), h("td", { class: "angka" }, persenBasis(x.total?.shareWithinStandardBasisPoints ?? 0))),
          ),
        ),
      ),
    ),
  );
}

$("lomba").addEventListener("change", isiKategori);
$("form-inovasi").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const kotak = $("kabar-inovasi");
  if (!form.judul.value.trim() || !form.uraian.value.trim()) {
    kabar(kotak, "Isi judul dan uraian inovasi.", "galat");
    return;
  }
  const evidence = form.buktiUrl.value.trim() ? [{ label: form.buktiLabel.value.trim() || "bukti", url: form.buktiUrl.value.trim() }] : [];
  await sambilMenunggu(form, async () => {
    try {
      await panggil("InnovationService/SubmitInnovation", {
        competitionId: form.lomba.value,
        categoryId: Number(form.kategori.value),
        title: form.judul.value.trim(),
        description: form.uraian.value.trim(),
        evidence,
        authorEmployeeIds: [profil.akun.employeeId],
      });
      form.reset();
      kabar($("kabar-halaman"), "Inovasi Anda sudah diajukan.", "baik");
      await muat();
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          failed_precondition: "Lomba ini tidak lagi menerima pengajuan.",
          invalid_argument: "Isian belum benar: judul dan uraian wajib, alamat bukti harus berupa URL lengkap (https://…).",
          already_exists: "Inovasi dengan judul ini sudah diajukan dalam lomba tersebut.",
        }),
        "galat",
      );
    }
  });
});

profil = await mulaiHalaman(["pegawai"]);
await muat();
performance.mark("simpeg:isi-siap");
