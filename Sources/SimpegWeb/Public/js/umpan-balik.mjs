// Feedback and follow-ups (pegawai): the supervisor's continuous feedback on one's RHKs and
// BerAKHLAK values, and the actions agreed for one at performance dialogues, open or met.

import { panggil } from "./api.mjs";
import { $, h, isi } from "./dom.mjs";
import { angka, hariIni, label, namaBerakhlak, tanggal, waktu } from "./format.mjs";
import { rhkDari, skpTahun } from "./kinerja.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

const hari = hariIni();

async function muatTindakLanjut() {
  try {
    const j = await panggil("FeedbackService/ListFollowUps", {});
    const semua = j.followUps ?? [];
    const terbuka = semua.filter((f) => f.status === "FOLLOW_UP_STATUS_OPEN").length;
    $("ringkasan-tindak-lanjut").textContent = semua.length
      ? `${angka(semua.length, 0)} tindak lanjut, ${angka(terbuka, 0)} belum terpenuhi.`
      : "Belum ada tindak lanjut untuk Anda.";
    isi(
      $("daftar-tindak-lanjut"),
      semua.map((f) =>
        h(
          "li",
          {},
          h(
            "div",
            { class: "baris-antara" },
            h("strong", {}, f.action),
            h("span", { class: `lencana ${f.status === "FOLLOW_UP_STATUS_MET" ? "lencana-baik" : "lencana-menunggu"}` }, label("FollowUpStatus", f.status)),
          ),
          h("p", { class: "redup" }, `Tenggat ${tanggal(f.due)}${(f.carriedInto ?? []).length ? ` · dibawa ke ${angka(f.carriedInto.length, 0)} dialog berikutnya` : ""}`),
          (f.notes ?? []).length ? h("ul", {}, f.notes.map((n) => h("li", {}, n))) : null,
        ),
      ),
    );
  } catch (galat) {
    $("ringkasan-tindak-lanjut").textContent = pesanGalat(galat);
  }
}

async function muatUmpanBalik(profil, tahun) {
  const ringkasan = $("ringkasan-umpan-balik");
  ringkasan.textContent = "Memuat…";
  try {
    const [j, skp] = await Promise.all([
      panggil("FeedbackService/ListFeedback", { year: tahun }),
      skpTahun(profil.akun.employeeId, tahun).catch(() => null),
    ]);
    const semua = (j.feedback ?? []).slice().reverse();
    ringkasan.textContent = semua.length ? `${angka(semua.length, 0)} umpan balik pada ${tahun}.` : `Belum ada umpan balik pada ${tahun}.`;
    isi(
      $("daftar-umpan-balik"),
      h(
        "ul",
        { class: "daftar-kartu" },
        semua.map((f) => {
          const rhk = f.rhkId && f.rhkId !== "0" ? rhkDari(skp?.terbaru, f.rhkId) ?? rhkDari(skp?.berlaku, f.rhkId) : null;
          const pokok = f.value && f.value !== "BERAKHLAK_UNSPECIFIED" ? `Perilaku: ${namaBerakhlak(f.value)}` : `RHK: ${rhk?.text ?? "—"}`;
          return h("li", {}, h("p", { class: "redup" }, `${pokok} · ${waktu(f.createdAt)}`), h("p", {}, f.text));
        }),
      ),
    );
  } catch (galat) {
    ringkasan.textContent = pesanGalat(galat);
  }
}

const profil = await mulaiHalaman(["pegawai"]);
const pilih = $("tahun");
isi(pilih, [hari.year, hari.year - 1].map((t) => h("option", { value: t }, String(t))));
pilih.addEventListener("change", () => muatUmpanBalik(profil, Number(pilih.value)));
await Promise.all([muatTindakLanjut(), muatUmpanBalik(profil, hari.year)]);
performance.mark("simpeg:isi-siap");
