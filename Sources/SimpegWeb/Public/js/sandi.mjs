// Changing one's password: required before anything else for a new account or one reset by
// BKPSDM (the gateway lets such a session do nothing else), and open to everyone any time.

import { panggil } from "./api.mjs";
import { $, kabar, sambilMenunggu } from "./dom.mjs";
import { pesanGalat } from "./pesan.mjs";
import { halamanAwal, lupakanProfil, mulaiHalaman, profil } from "./sesi.mjs";

const form = $("form-sandi");
const kotak = $("kabar-sandi");

const saya = await panggil("AuthService/WhoAmI");
const wajib = Boolean(saya.account?.mustChangePassword);
// For password managers: the account whose password changes.
form.username.value = saya.account?.username ?? "";
$("alasan").hidden = !wajib;
if (!wajib) await mulaiHalaman();

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const lama = form.lama.value;
  const baru = form.baru.value;
  if (baru.length < 10) {
    kabar(kotak, "Kata sandi baru paling sedikit 10 karakter.", "galat");
    return;
  }
  if (baru === lama) {
    kabar(kotak, "Kata sandi baru harus berbeda dari kata sandi sekarang.", "galat");
    return;
  }
  if (baru !== form.ulang.value) {
    kabar(kotak, "Kedua isian kata sandi baru tidak sama.", "galat");
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      await panggil("AuthService/ChangePassword", { oldPassword: lama, newPassword: baru });
      lupakanProfil();
      kabar(kotak, "Kata sandi sudah diganti. Membuka halaman Anda…", "baik");
      location.assign(halamanAwal(await profil()));
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          // The length and the difference are checked above, so what the server refuses is the
          // current password.
          invalid_argument: "Kata sandi sekarang salah.",
          aborted: "Kata sandi akun ini baru saja diganti di tempat lain. Muat ulang halaman, lalu coba lagi.",
        }),
        "galat",
      );
    }
  });
});
