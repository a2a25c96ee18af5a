// The citizens' page, without login: a request checked by its service and registration number,
// and the satisfaction survey (SKM, PermenPANRB 14/2017: nine elements scored 1 to 4). Both go
// through the gateway's citizens' desk (/publik/...), which answers with only what a citizen
// needs.

import { ambilJSON, kirimJSON } from "./api.mjs";
import { $, h, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { angka, label, standar, waktu } from "./format.mjs";
import { pesanGalat } from "./pesan.mjs";

const UNSUR = [
  ["Persyaratan", "Kesesuaian persyaratan pelayanan dengan jenis pelayanannya", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]],
  ["Sistem, mekanisme, dan prosedur", "Kemudahan prosedur pelayanan", ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"]],
  ["Waktu penyelesaian", "Kecepatan waktu dalam memberikan pelayanan", ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"]],
  ["Biaya/tarif", "Kewajaran biaya/tarif dalam pelayanan", ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]],
  ["Produk layanan", "Kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]],
  ["Kompetensi pelaksana", "Kompetensi/kemampuan petugas dalam pelayanan", ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"]],
  ["Perilaku pelaksana", "Perilaku petugas dalam pelayanan terkait kesopanan dan keramahan", ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"]],
  ["Penanganan pengaduan, saran, dan masukan", "Kualitas sarana penanganan pengaduan", ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"]],
  ["Sarana dan prasarana", "Kualitas sarana dan prasarana", ["Buruk", "Cukup", "Baik", "Sangat baik"]],
];

const PESAN_MEJA = {
  unimplemented: "Layanan untuk masyarakat belum diaktifkan di server ini. Silakan hubungi kantor pelayanan.",
  resource_exhausted: "Terlalu banyak permintaan dari jaringan Anda. Tunggu beberapa menit, lalu coba lagi.",
  unavailable: "Layanan sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi.",
};

let layanan = [];

async function muatLayanan() {
  const j = await ambilJSON("/publik/layanan");
  const namaUnit = new Map((j.units ?? []).map((u) => [u.id, u.name]));
  layanan = (j.services ?? []).filter((s) => s.active);
  const kelompok = [...new Set(layanan.map((s) => s.unitId))]
    .sort((a, b) => (namaUnit.get(a) ?? "").localeCompare(namaUnit.get(b) ?? "", "id"))
    .map((unitId) =>
      h(
        "optgroup",
        { label: namaUnit.get(unitId) ?? "" },
        layanan.filter((s) => s.unitId === unitId).map((s) => h("option", { value: s.id }, s.name)),
      ),
    );
  for (const id of ["layanan", "skm-layanan"]) {
    isi($(id), h("option", { value: "", disabled: true, selected: true }, "Pilih layanan…"), kelompok.map((g) => g.cloneNode(true)));
  }
}

// MARK: Checking a request

$("form-cek").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const hasil = $("hasil-cek");
  const nomor = form.nomor.value.trim();
  if (!form.layanan.value || !nomor) {
    isi(hasil, h("p", { class: "kabar kabar-galat", role: "alert" }, "Pilih layanan dan isi nomor pendaftaran."));
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      const j = await ambilJSON(`/publik/permohonan?layanan=${encodeURIComponent(form.layanan.value)}&nomor=${encodeURIComponent(nomor)}`);
      isi(hasil, kartuPermohonan(j.request, j.service));
    } catch (galat) {
      isi(
        hasil,
        h(
          "p",
          { class: "kabar kabar-galat", role: "alert" },
          pesanGalat(galat, {
            ...PESAN_MEJA,
            not_found: `Permohonan ${nomor} tidak ditemukan pada layanan ini. Periksa nomor dan layanannya.`,
            invalid_argument: "Nomor pendaftaran tidak valid: tulis tanpa spasi, paling panjang 64 karakter.",
          }),
        ),
      );
    }
  });
});

const KELAS_KEADAAN = {
  SERVICE_REQUEST_STATE_COMPLETED: "lencana-baik",
  SERVICE_REQUEST_STATE_REJECTED: "lencana-galat",
};

function kartuPermohonan(r, s) {
  const satuan = label("TurnaroundUnit", r.standard?.unit);
  return h(
    "div",
    { class: "kartu", dataset: { keadaan: r.state } },
    h(
      "div",
      { class: "baris-antara" },
      h("h3", {}, `${s.name}: ${r.reference}`),
      h("span", { class: `lencana ${KELAS_KEADAAN[r.state] ?? "lencana-menunggu"}` }, label("ServiceRequestState", r.state)),
    ),
    h("p", {}, `Diterima ${waktu(r.receivedAt)}. Standar penyelesaian: ${standar(r.standard)}.`),
    r.state === "SERVICE_REQUEST_STATE_COMPLETED"
      ? h(
          "p",
          {},
          `Selesai ${waktu(r.completedAt)}, `,
          !r.turnaround && r.standard?.unit === "TURNAROUND_UNIT_WORKING_DAYS"
            ? "pada hari kerja yang sama: "
            : `dalam ${angka(r.turnaround ?? 0, 0)} ${satuan}: `,
          h("strong", {}, r.withinStandard ? "sesuai standar" : "melewati standar"),
          ".",
        )
      : null,
    r.state === "SERVICE_REQUEST_STATE_REJECTED"
      ? h("p", {}, `Ditolak ${waktu(r.rejectedAt)}. Alasan: ${r.rejectionReason || "—"}.`)
      : null,
    h(
      "ol",
      { class: "langkah" },
      (r.transitions ?? []).map((t) => h("li", {}, `${label("ServiceRequestState", t.state)}: ${waktu(t.at)}`)),
    ),
  );
}

// MARK: The survey

function gambarUnsur() {
  isi(
    $("unsur-skm"),
    UNSUR.map(([nama, tanya, jawab], i) =>
      h(
        "fieldset",
        {},
        h("legend", {}, `U${i + 1}. ${nama}`),
        h("p", { class: "bantuan" }, tanya),
        h(
          "div",
          { class: "pilihan" },
          jawab.map((teks, j) => h("label", {}, h("input", { type: "radio", name: `u${i + 1}`, value: j + 1, required: true }), teks)),
        ),
      ),
    ),
  );
}

$("form-skm").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const kotak = $("kabar-skm");
  const scores = UNSUR.map((_, i) => Number(form.querySelector(`input[name=u${i + 1}]:checked`)?.value ?? 0));
  const kosong = scores.findIndex((s) => !s);
  if (!form.layanan.value) {
    kabar(kotak, "Pilih layanan yang Anda terima.", "galat");
    return;
  }
  if (kosong >= 0) {
    kabar(kotak, `Jawab pertanyaan U${kosong + 1} (${UNSUR[kosong][0]}).`, "galat");
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      const hasil = await kirimJSON("/publik/skm", { serviceId: form.layanan.value, scores });
      kabar(
        kotak,
        `Terima kasih atas penilaian Anda. Indeks Kepuasan Masyarakat unit ini tahun ${hasil.period?.year ?? ""}: ${angka((hasil.indexHundredths ?? 0) / 100, 2)}, mutu ${label("SKMGrade", hasil.grade)}, dari ${angka(hasil.respondents ?? 0, 0)} responden.`,
        "baik",
      );
      form.reset();
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          ...PESAN_MEJA,
          resource_exhausted: "Penilaian dari jaringan Anda sudah cukup banyak untuk saat ini. Terima kasih; coba lagi nanti.",
          failed_precondition: "Layanan ini sedang tidak dibuka, jadi belum dapat dinilai.",
          not_found: "Layanan ini tidak ditemukan. Muat ulang halaman.",
        }),
        "galat",
      );
    }
  });
});

gambarUnsur();
try {
  await muatLayanan();
} catch (galat) {
  kabar($("kabar-halaman"), pesanGalat(galat, PESAN_MEJA), "galat");
}
performance.mark("simpeg:isi-siap");
