// The login page: logs in through the gateway's /auth/login (the session goes into an HttpOnly
// cookie), then opens the page the person came from or the first page of their role. An account
// that must change its password goes to the password page first.

import { kirimJSON, panggil } from "./api.mjs";
import { $, kabar, parameter, sambilMenunggu } from "./dom.mjs";
import { pesanGalat } from "./pesan.mjs";
import { halamanAwal, lupakanProfil, profil } from "./sesi.mjs";

const form = $("form-masuk");
const kotak = $("kabar-masuk");

/** Where to go after logging in: a page of this site named by ?kembali=, else the role's first. */
async function tujuan() {
  const kembali = parameter("kembali");
  if (kembali && kembali.startsWith("/") && !kembali.startsWith("//")) return kembali;
  return halamanAwal(await profil());
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const username = form.username.value.trim().replace(/\s+/g, "");
  const password = form.password.value;
  if (!username || !password) {
    kabar(kotak, "Isi NIP atau nama pengguna dan kata sandi.", "galat");
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      lupakanProfil();
      const jawaban = await kirimJSON("/auth/login", { username, password });
      if (jawaban.account?.mustChangePassword) {
        location.assign("/sandi.html");
        return;
      }
      location.assign(await tujuan());
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          unauthenticated: "NIP/nama pengguna atau kata sandi salah.",
          permission_denied: "Akun ini tidak dapat masuk (dinonaktifkan). Hubungi admin BKPSDM.",
          resource_exhausted: "Terlalu banyak percobaan masuk yang gagal. Tunggu beberapa menit, lalu coba lagi.",
          invalid_argument: "Isi NIP atau nama pengguna dan kata sandi dengan benar.",
        }),
        "galat",
      );
      form.password.select();
    }
  });
});

// Someone already logged in goes straight on; a page visited without a session stays here.
(async () => {
  try {
    const saya = await panggil("AuthService/WhoAmI", {}, { tanpaSesi: true });
    if (saya.account?.mustChangePassword) location.assign("/sandi.html");
    else if (saya.account) location.assign(await tujuan());
  } catch (galat) {
    if (galat.kode === "unavailable") kabar($("status-layanan"), pesanGalat(galat), "peringatan");
  }
})();
