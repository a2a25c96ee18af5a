// Who is using the app and what they may open: the account (AuthService/WhoAmI), the employee
// behind it, and the roles simpegd's rules give them. Every page of the app starts here.
//
// - pegawai: an account tied to an employee;
// - atasan: an evaluator of someone's SKP this year;
// - pimpinan: the holder (or Plt) of a unit's head position;
// - admin (BKPSDM) and auditor (Inspektorat): the account's roles.

import { panggil, keHalamanMasuk, kirimJSON } from "./api.mjs";
import { h, isi } from "./dom.mjs";
import { hariIni, namaLengkap } from "./format.mjs";

const KUNCI = "simpeg.profil";
const UMUR_MS = 10 * 60 * 1000;

/** The pages of the app by role, in menu order. */
const MENU = [
  { peran: "pegawai", href: "/hari-ini.html", teks: "Hari Ini" },
  { peran: "pegawai", href: "/kotak-masuk.html", teks: "Kotak Masuk" },
  { peran: "pegawai", href: "/skp.html", teks: "SKP Saya" },
  { peran: "pegawai", href: "/realisasi.html", teks: "Realisasi" },
  { peran: "pegawai", href: "/evaluasi.html", teks: "Evaluasi" },
  { peran: "pegawai", href: "/umpan-balik.html", teks: "Umpan Balik" },
  { peran: "pegawai", href: "/inovasi.html", teks: "Inovasi" },
  { peran: "atasan", href: "/kotak-masuk.html", teks: "Kotak Masuk" },
  { peran: "atasan", href: "/penilaian.html", teks: "Penilaian" },
  { peran: "pimpinan", href: "/dasbor.html", teks: "Dasbor" },
  { peran: "admin", href: "/kotak-masuk.html", teks: "Kotak Masuk" },
  { peran: "admin", href: "/admin.html", teks: "BKPSDM" },
  { peran: "auditor", href: "/admin.html", teks: "Audit" },
];

/** The page a person lands on after logging in. */
export function halamanAwal(profil) {
  if (profil.peran.atasan) return "/kotak-masuk.html";
  if (profil.peran.pegawai) return "/hari-ini.html";
  if (profil.peran.admin || profil.peran.auditor) return "/admin.html";
  return "/sandi.html";
}

/** Forgets what was learned of the session (after logging out or in). */
export function lupakanProfil() {
  sessionStorage.removeItem(KUNCI);
}

/**
 * The person using the app. Asks WhoAmI every time (so another login in the same browser is
 * noticed); what follows from the account (employee, roles, units led) is kept for ten minutes.
 */
export async function profil() {
  const saya = await panggil("AuthService/WhoAmI");
  const akun = saya.account ?? {};
  if (akun.mustChangePassword && location.pathname !== "/sandi.html") {
    location.assign("/sandi.html");
    return new Promise(() => {});
  }
  try {
    const simpan = JSON.parse(sessionStorage.getItem(KUNCI) ?? "null");
    if (simpan && simpan.akun.id === akun.id && Date.now() - simpan.pada < UMUR_MS) return simpan;
  } catch {
    // A damaged entry is rebuilt below.
  }
  const peran = {
    pegawai: Boolean(akun.employeeId),
    atasan: false,
    pimpinan: false,
    admin: (akun.roles ?? []).includes("ADMIN"),
    auditor: (akun.roles ?? []).includes("AUDITOR"),
  };
  let pegawai = null;
  const dipimpin = [];
  if (akun.employeeId) {
    const tahun = hariIni().year;
    const [orang, dinilai] = await Promise.all([
      panggil("EmployeeService/GetEmployee", { id: akun.employeeId }),
      panggil("PlanService/ListSKPs", { year: tahun, page: { pageSize: 1 } }).catch(() => ({})),
    ]);
    pegawai = orang;
    peran.atasan = (dinilai.skps ?? []).length > 0;
    for (const id of saya.positionIds ?? []) {
      try {
        const jabatan = await panggil("OrgService/GetPosition", { positionId: id });
        const unit = await panggil("OrgService/GetUnit", { unitId: jabatan.unitId });
        if (unit.headPositionId === id) dipimpin.push({ id: unit.id, name: unit.name });
      } catch {
        // A position that cannot be read leads nothing the app can show.
      }
    }
    peran.pimpinan = dipimpin.length > 0;
  }
  const hasil = { akun, pegawai, dipimpin, peran, pada: Date.now() };
  sessionStorage.setItem(KUNCI, JSON.stringify(hasil));
  return hasil;
}

/**
 * Starts a page: checks the session, draws the menu and the person's name, and refuses a page
 * the person's roles do not open (`perlu`: the roles any of which opens it). Returns the profile.
 */
export async function mulaiHalaman(perlu = []) {
  let p;
  try {
    p = await profil();
  } catch (galat) {
    if (galat?.kode === "unauthenticated") return new Promise(() => {});
    throw galat;
  }
  gambarKepala(p);
  if (perlu.length && !perlu.some((r) => p.peran[r])) {
    const utama = document.querySelector("main");
    isi(
      utama,
      h("h1", {}, "Halaman tidak tersedia"),
      h("p", {}, "Halaman ini untuk peran yang tidak Anda miliki."),
      h("p", {}, h("a", { href: halamanAwal(p) }, "Kembali ke halaman awal Anda")),
    );
    return new Promise(() => {});
  }
  return p;
}

/** Draws the menu of the person's roles and their name with a logout button. */
function gambarKepala(p) {
  const nav = document.getElementById("navigasi");
  if (nav) {
    const sudah = new Set();
    const tautan = MENU.filter((m) => p.peran[m.peran] && !sudah.has(m.href) && sudah.add(m.href)).map((m) =>
      h("li", {}, h("a", { href: m.href, "aria-current": location.pathname === m.href ? "page" : false }, m.teks)),
    );
    isi(nav, h("ul", {}, tautan));
  }
  const pengguna = document.getElementById("pengguna");
  if (pengguna) {
    const nama = p.pegawai ? namaLengkap(p.pegawai) : (p.akun.displayName || p.akun.username);
    isi(
      pengguna,
      h("span", { class: "nama-pengguna" }, nama),
      h("button", { type: "button", class: "tombol-kecil", onclick: keluar }, "Keluar"),
    );
  }
}

/** Logs out (the gateway clears the cookie) and returns to the login page. */
export async function keluar() {
  try {
    await kirimJSON("/auth/logout", {});
  } finally {
    lupakanProfil();
    location.assign("/");
  }
}

export { keHalamanMasuk };
