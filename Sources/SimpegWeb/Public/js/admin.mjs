// BKPSDM's page (ADMIN; the Inspektorat's AUDITOR reads the same without the changes): the
// organisation tree with each unit's positions and people, employee search with their
// accounts, CSV import with its dry-run report, accounts in bulk for a unit with their one-time
// passwords, password resets, and the audit trail with the verification of its hash chain.

import { aliranKlien, panggil, semuaHalaman } from "./api.mjs";
import { $, h, isi, kabar, sambilMenunggu } from "./dom.mjs";
import { WAJIB, barisImpor, bacaCsv, bidangCsv } from "./csv.mjs";
import { angka, golongan, label, namaLengkap, nip, waktu } from "./format.mjs";
import { pesanGalat } from "./pesan.mjs";
import { mulaiHalaman } from "./sesi.mjs";

let profil = null;
/** Every unit by id, from the tree. */
const unit = new Map();

// MARK: The organisation

async function muatPohon() {
  const wadah = $("pohon-organisasi");
  try {
    const pohon = await panggil("OrgService/GetUnitTree", {});
    const simpul = pohon.nodes ?? [];
    simpul.forEach((n) => unit.set(n.unit.id, n.unit));
    // Depth-first with depths: each node's children follow it one level deeper.
    const akar = h("ul", {});
    const tumpukan = [{ kedalaman: -1, daftar: akar }];
    for (const n of simpul) {
      const d = n.depth ?? 0;
      while (tumpukan.length > 1 && tumpukan[tumpukan.length - 1].kedalaman >= d) tumpukan.pop();
      const anak = h("ul", {});
      const tombol = h(
        "a",
        {
          href: "#rincian-unit",
          dataset: { unit: n.unit.id },
          onclick: (e) => {
            e.preventDefault();
            tampilkanUnit(n.unit);
          },
        },
        n.unit.name,
      );
      const butir = h(
        "li",
        { dataset: { unit: n.unit.id } },
        h("details", { open: d < 1 }, h("summary", {}, tombol, h("span", { class: "redup" }, ` · ${angka(n.employees ?? 0, 0)} pegawai`)), anak),
      );
      tumpukan[tumpukan.length - 1].daftar.append(butir);
      tumpukan.push({ kedalaman: d, daftar: anak });
    }
    for (const ul of akar.querySelectorAll("ul")) {
      if (!ul.children.length) ul.closest("details").replaceWith(...ul.closest("details").querySelector("summary").childNodes);
    }
    isi(wadah, akar);
    isi(
      $("unit-akun"),
      simpul.map((n) => h("option", { value: n.unit.id }, `${"\u2003".repeat(n.depth ?? 0)}${n.unit.name}`)),
    );
  } catch (galat) {
    isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
  }
}

async function tampilkanUnit(u) {
  const wadah = $("rincian-unit");
  isi(wadah, h("p", { class: "redup" }, "Memuat…"));
  try {
    const [jabatan, orang] = await Promise.all([
      semuaHalaman(async (page) => {
        const j = await panggil("OrgService/ListPositions", { unitId: u.id, page });
        return [j.positions ?? [], j.page?.nextPageToken];
      }),
      semuaHalaman(async (page) => {
        const j = await panggil("EmployeeService/SearchEmployees", { unitId: u.id, page });
        return [j.employees ?? [], j.page?.nextPageToken];
      }),
    ]);
    const namaPegawai = new Map(orang.map((p) => [p.id, namaLengkap(p)]));
    isi(
      wadah,
      h("h3", {}, u.name),
      h("p", { class: "redup" }, `Kode ${u.code || "—"} · ${angka(jabatan.length, 0)} jabatan · ${angka(orang.length, 0)} pegawai`),
      h(
        "div",
        { class: "gulir" },
        h(
          "table",
          {},
          h("caption", {}, "Jabatan"),
          h("thead", {}, h("tr", {}, ["Jabatan", "Jenis", "Pemegang"].map((t) => h("th", { scope: "col" }, t)))),
          h(
            "tbody",
            {},
            jabatan.map((j) =>
              h(
                "tr",
                {},
                h("td", {}, j.title, j.id === u.headPositionId ? h("span", { class: "lencana lencana-info" }, " pimpinan unit") : null),
                h("td", {}, label("JabatanKind", j.kind)),
                h(
                  "td",
                  {},
                  j.officialHolder ||
                    (j.holderEmployeeId ? namaPegawai.get(j.holderEmployeeId) ?? `Pegawai ${j.holderEmployeeId}` : "Kosong"),
                  j.actingEmployeeId ? ` (Plt. ${namaPegawai.get(j.actingEmployeeId) ?? j.actingEmployeeId})` : "",
                ),
              ),
            ),
          ),
        ),
      ),
      tabelPegawai(orang),
    );
  } catch (galat) {
    isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
  }
}

// MARK: Employees and their accounts

function tabelPegawai(orang, denganAkun = false) {
  return h(
    "div",
    { class: "gulir" },
    h(
      "table",
      { class: "tabel-pegawai" },
      h("caption", {}, "Pegawai"),
      h("thead", {}, h("tr", {}, ["NIP", "Nama", "Golongan", "Unit", denganAkun ? "Akun" : null].filter(Boolean).map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        orang.map((p) =>
          h(
            "tr",
            { dataset: { pegawai: p.id } },
            h("td", {}, nip(p.nip)),
            h("td", {}, namaLengkap(p), p.active === false ? " (pensiun)" : ""),
            h("td", {}, golongan(p.golongan)),
            h("td", {}, unit.get(p.unitId)?.name ?? "—"),
            denganAkun ? h("td", { class: "akun" }, "…") : null,
          ),
        ),
      ),
    ),
  );
}

/** Fills the account cell of each row: the account's state and what BKPSDM may do with it. */
async function isiAkun(wadah, orang) {
  for (const p of orang) {
    const sel = wadah.querySelector(`tr[data-pegawai="${p.id}"] td.akun`);
    let akun = null;
    try {
      akun = await panggil("AccountService/GetAccount", { account: { username: p.nip } });
    } catch (galat) {
      if (galat.kode !== "not_found") {
        isi(sel, pesanGalat(galat));
        continue;
      }
    }
    const bisa = profil.peran.admin;
    if (!akun) {
      isi(sel, "Belum ada akun ", bisa ? h("button", { type: "button", class: "kedua tombol-kecil", onclick: () => buatAkun(p, sel) }, "Buat akun") : null);
    } else {
      isi(
        sel,
        akun.disabled ? "Nonaktif " : akun.mustChangePassword ? "Menunggu ganti sandi " : "Aktif ",
        bisa ? h("button", { type: "button", class: "kedua tombol-kecil", onclick: () => aturUlang(p, sel) }, "Atur ulang kata sandi") : null,
      );
    }
  }
}

function rahasia(judul, nilai) {
  return h("span", {}, `${judul}: `, h("code", { class: "rahasia" }, nilai), " (tampil sekali ini saja; sampaikan langsung kepada pegawai)");
}

async function buatAkun(p, sel) {
  try {
    const j = await panggil("AccountService/CreateUserAccount", { nip: p.nip });
    isi(sel, rahasia("Akun dibuat, kata sandi awal", j.initialPassword));
  } catch (galat) {
    isi(sel, pesanGalat(galat, { already_exists: "Akun untuk NIP ini sudah ada.", not_found: "NIP ini tidak ada dalam data pegawai." }));
  }
}

async function aturUlang(p, sel) {
  try {
    const j = await panggil("AccountService/ResetPassword", { account: { username: p.nip } });
    isi(sel, rahasia("Kata sandi sementara", j.temporaryPassword));
  } catch (galat) {
    isi(sel, pesanGalat(galat));
  }
}

$("form-cari").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const wadah = $("hasil-cari");
  const awalan = form.nama.value.trim();
  if (!awalan) {
    isi(wadah, h("p", { class: "kabar kabar-galat" }, "Tuliskan awal nama pegawai."));
    return;
  }
  await sambilMenunggu(form, async () => {
    try {
      const orang = await semuaHalaman(async (page) => {
        const j = await panggil("EmployeeService/SearchEmployees", { namePrefix: awalan, page });
        return [j.employees ?? [], j.page?.nextPageToken];
      }, 100);
      isi(wadah, h("p", { class: "redup" }, `${angka(orang.length, 0)} pegawai ditemukan.`), tabelPegawai(orang.slice(0, 100), true));
      await isiAkun(wadah, orang.slice(0, 100));
    } catch (galat) {
      isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
    }
  });
});

// MARK: Accounts in bulk

$("form-akun-unit").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const wadah = $("daftar-tanpa-akun");
  await sambilMenunggu(form, async () => {
    try {
      const orang = await semuaHalaman(async (page) => {
        const j = await panggil("EmployeeService/SearchEmployees", { unitId: form.unit.value, includeSubunits: form.subunit.checked, page });
        return [j.employees ?? [], j.page?.nextPageToken];
      }, 2000);
      const tanpa = [];
      for (const p of orang) {
        try {
          await panggil("AccountService/GetAccount", { account: { username: p.nip } });
        } catch (galat) {
          if (galat.kode === "not_found") tanpa.push(p);
          else throw galat;
        }
      }
      if (!tanpa.length) {
        isi(wadah, h("p", {}, `Semua ${angka(orang.length, 0)} pegawai unit ini sudah memiliki akun.`));
        return;
      }
      const tombol = h("button", { type: "button", id: "buat-akun-massal" }, `Buat ${angka(tanpa.length, 0)} akun`);
      tombol.addEventListener("click", () => buatMassal(tanpa, tombol));
      isi(wadah, h("p", {}, `${angka(tanpa.length, 0)} dari ${angka(orang.length, 0)} pegawai belum memiliki akun.`), tabelPegawai(tanpa), tombol);
    } catch (galat) {
      isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
    }
  });
});

async function buatMassal(orang, tombol) {
  tombol.disabled = true;
  const hasil = [];
  const wadah = $("hasil-akun");
  for (const p of orang) {
    try {
      const j = await panggil("AccountService/CreateUserAccount", { nip: p.nip });
      hasil.push({ p, sandi: j.initialPassword, ket: "dibuat" });
    } catch (galat) {
      hasil.push({ p, sandi: "", ket: pesanGalat(galat, { already_exists: "sudah ada" }) });
    }
    isi(wadah, h("p", { role: "status" }, `${angka(hasil.length, 0)} dari ${angka(orang.length, 0)} diproses…`));
  }
  const csv = ["nip,nama,kata_sandi_awal", ...hasil.map((x) => [x.p.nip, namaLengkap(x.p), x.sandi].map(bidangCsv).join(","))].join("\r\n");
  const unduh = h("a", { class: "tombol kedua", href: URL.createObjectURL(new Blob(["\uFEFF" + csv], { type: "text/csv" })), download: "akun-baru.csv" }, "Unduh daftar (CSV)");
  isi(
    wadah,
    h("p", { class: "kabar kabar-baik" }, `${angka(hasil.filter((x) => x.sandi).length, 0)} akun dibuat. Kata sandi awal tampil sekali ini saja; setiap pegawai menggantinya saat pertama masuk.`),
    h(
      "div",
      { class: "gulir" },
      h(
        "table",
        { class: "tabel-akun-baru" },
        h("thead", {}, h("tr", {}, ["NIP", "Nama", "Kata sandi awal", "Keterangan"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, hasil.map((x) => h("tr", {}, h("td", {}, x.p.nip), h("td", {}, namaLengkap(x.p)), h("td", {}, x.sandi ? h("code", { class: "rahasia" }, x.sandi) : "—"), h("td", {}, x.ket)))),
      ),
    ),
    h("div", { class: "aksi" }, unduh, h("button", { type: "button", class: "kedua", onclick: () => window.print() }, "Cetak")),
  );
}

// MARK: Import

let csvTerbaca = null;

async function impor(ujiCoba) {
  const form = $("form-impor");
  const kotak = $("kabar-impor");
  const jenis = form.jenis.value;
  const berkas = form.berkas.files[0];
  if (!berkas) {
    kabar(kotak, "Pilih berkas CSV.", "galat");
    return;
  }
  // Whether the file as checked may be imported: set after the form's controls come back.
  let bolehImpor = false;
  await sambilMenunggu(form, async () => {
    try {
      csvTerbaca = bacaCsv(await berkas.text());
    } catch (galat) {
      kabar(kotak, galat.kode === "csv_kutip" ? `Berkas tidak dapat dibaca: tanda kutip pada baris ${galat.baris} tidak ditutup.` : "Berkas tidak dapat dibaca sebagai CSV.", "galat");
      return;
    }
    const kurang = WAJIB[jenis].filter((k) => !csvTerbaca.kolom.includes(k));
    if (kurang.length) {
      kabar(kotak, `Kolom wajib tidak ada: ${kurang.join(", ")}.`, "galat");
      return;
    }
    const lebih = csvTerbaca.baris.find((b) => b.lebih);
    if (lebih) {
      kabar(kotak, `Baris ${lebih.nomor} memiliki lebih banyak isian daripada kolom judulnya.`, "galat");
      return;
    }
    const metode = jenis === "units" ? "ImportService/ImportUnits" : "ImportService/ImportEmployees";
    try {
      const j = await aliranKlien(metode, [
        { options: { dryRun: ujiCoba, allOrNothing: true } },
        ...csvTerbaca.baris.map((b) => ({ row: barisImpor(jenis, b) })),
      ]);
      gambarLaporan(j, jenis);
      kabar(
        kotak,
        ujiCoba
          ? `Uji coba: ${angka(j.rows ?? 0, 0)} baris, ${angka(j.valid ?? 0, 0)} baik, ${angka((j.rows ?? 0) - (j.valid ?? 0), 0)} bermasalah. Tidak ada yang disimpan.`
          : j.committed
            ? `${angka(j.written ?? 0, 0)} baris tersimpan.`
            : "Tidak ada yang disimpan: perbaiki baris yang bermasalah, lalu impor lagi.",
        ujiCoba || j.committed ? "baik" : "galat",
      );
      bolehImpor = ujiCoba && Number(j.valid ?? 0) === Number(j.rows ?? 0) && Number(j.rows ?? 0) > 0;
    } catch (galat) {
      kabar(
        kotak,
        pesanGalat(galat, {
          resource_exhausted: "Berkas terlalu besar untuk sekali impor (paling banyak 100.000 baris).",
          invalid_argument: "Impor ditolak: bentuk berkas tidak sesuai.",
        }),
        "galat",
      );
    }
  });
  $("impor-sungguhan").disabled = !bolehImpor;
}

/** The report: every bad row by line and column (the server's reasons name the column first). */
function gambarLaporan(j, jenis) {
  const kolomDikenal = new Set(Object.keys(jenis === "units" ? { kode: 1, kode_induk: 1, jenis: 1, nama: 1 } : {
    nip: 1, nama: 1, gelar_depan: 1, gelar_belakang: 1, jenis_kelamin: 1, tempat_lahir: 1, tanggal_lahir: 1,
    status: 1, golongan: 1, tmt_cpns: 1, kode_unit: 1, jabatan: 1, email: 1, telepon: 1,
  }));
  const kolomDari = (alasan) => {
    const k = (alasan ?? "").split(/[:\s]/)[0];
    return kolomDikenal.has(k) ? k : null;
  };
  const masalah = j.problems ?? [];
  const catatan = j.notes ?? [];
  isi(
    $("laporan-impor"),
    masalah.length
      ? h(
          "div",
          { class: "gulir" },
          h(
            "table",
            { class: "tabel-masalah" },
            h("caption", {}, `Baris bermasalah (${angka(masalah.length + Number(j.problemsOmitted ?? 0), 0)})`),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Baris"), h("th", { scope: "col" }, "Masalah"))),
            h(
              "tbody",
              {},
              masalah.map((m) => {
                const k = kolomDari(m.reason);
                return h("tr", { dataset: { baris: m.line } }, h("td", { class: "angka" }, String(m.line)), h("td", {}, k ? `Isian kolom ${k} tidak dapat diterima; periksa formatnya.` : "Baris ini tidak dapat diterima; periksa setiap kolomnya."));
              }),
            ),
          ),
        )
      : null,
    catatan.length
      ? h(
          "ul",
          {},
          catatan.map((c) =>
            h("li", {}, `Baris ${c.line}: `, kolomDari(c.reason) === "jabatan" ? "pegawai ditempatkan di unitnya tanpa jabatan (tidak ada jabatan kosong dengan nama itu)." : `catatan pada kolom ${kolomDari(c.reason) ?? "—"}.`),
          ),
        )
      : null,
  );
}

$("form-impor").addEventListener("submit", (e) => {
  e.preventDefault();
  impor(true);
});
$("impor-sungguhan").addEventListener("click", () => impor(false));
$("berkas-impor").addEventListener("change", (e) => {
  $("impor-sungguhan").disabled = true;
  $("nama-berkas-impor").textContent = e.target.files[0]?.name ?? "Belum ada berkas dipilih.";
});
$("jenis-impor").addEventListener("change", () => ($("impor-sungguhan").disabled = true));

// MARK: The audit trail

const NAMA_TINDAKAN = {
  "AuthService/Login": "Masuk",
  "AuthService/Logout": "Keluar",
  "AdminService/LoadSample": "Memuat kota contoh",
  "AccountService/CreateServiceAccount": "Membuat akun layanan",
  "AccountService/CreateApiKey": "Membuat kunci API",
  "AccountService/RevokeApiKey": "Mencabut kunci API",
  "AccountService/SetRoles": "Mengubah peran akun",
  "OrgService/CreateUnit": "Membuat unit",
  "OrgService/CreatePosition": "Membuat jabatan",
  "OrgService/AssignHolder": "Mengisi jabatan",
  "OrgService/VacatePosition": "Mengosongkan jabatan",
  "OrgService/SetPositionSupervisor": "Mengubah atasan jabatan",
  "EmployeeService/CreateEmployee": "Menambah pegawai",
  "EmployeeService/TransferEmployee": "Memindahkan pegawai",
  "EmployeeService/PromoteEmployee": "Menaikkan pangkat",
  "InnovationService/CreateCompetition": "Membuat lomba inovasi",
  "AccountService/CreateUserAccount": "Membuat akun pengguna",
  "AccountService/ResetPassword": "Mengatur ulang kata sandi",
  "AccountService/SetAccountDisabled": "Mengubah status akun",
  "AuthService/ChangePassword": "Mengganti kata sandi",
  "ActivityService/LogActivity": "Mencatat kegiatan",
  "ActivityService/ReviewActivity": "Meninjau kegiatan",
  "ActivityService/ReviewActivities": "Meninjau kegiatan sekaligus",
  "PlanService/CreateSKP": "Membuat SKP",
  "PlanService/UpdateSKP": "Mengubah SKP",
  "PlanService/SubmitSKP": "Mengajukan SKP",
  "PlanService/ApproveSKP": "Menyetujui SKP",
  "PlanService/ReturnSKP": "Mengembalikan SKP",
  "PlanService/ReviseSKP": "Merevisi SKP",
  "EvaluationService/RateEmployee": "Menilai pegawai",
  "EvaluationService/SetOrganisationPredikat": "Menetapkan predikat organisasi",
  "EvaluationService/FinaliseEvaluations": "Memfinalkan penilaian unit",
  "EvaluationService/AcknowledgeEvaluation": "Menerima hasil penilaian",
  "FeedbackService/GiveFeedback": "Memberi umpan balik",
  "FeedbackService/RecordDialogue": "Mencatat dialog kinerja",
  "ImportService/ImportUnits": "Mengimpor unit",
  "ImportService/ImportEmployees": "Mengimpor pegawai",
  "InnovationService/SubmitInnovation": "Mengajukan inovasi",
  "PublicServiceService/RecordSKMResponses": "Mencatat survei kepuasan",
};

let auditBerikut = 0;

async function periksaRantai() {
  const el = $("verifikasi-audit");
  el.className = "kabar kabar-info";
  el.textContent = "Memeriksa rantai jejak audit…";
  try {
    const v = await panggil("AdminService/VerifyAudit", {}, { batasMs: 120000 });
    el.dataset.utuh = String(Boolean(v.intact));
    if (v.intact) {
      el.className = "kabar kabar-baik";
      el.textContent = `Rantai jejak audit utuh: ${angka(Number(v.recordsChecked ?? 0), 0)} catatan diperiksa, sampai catatan #${v.lastSequence ?? 0}.`;
    } else {
      el.className = "kabar kabar-galat";
      el.textContent = `Rantai jejak audit rusak mulai catatan #${v.brokenAt}: catatan itu atau sebelumnya telah diubah di luar SIMPEG. Laporkan kepada Inspektorat.`;
    }
  } catch (galat) {
    el.className = "kabar kabar-galat";
    el.textContent = pesanGalat(galat);
  }
}

async function muatAudit(lanjut = false) {
  const wadah = $("tabel-audit");
  const pelaku = $("pelaku-audit").value.trim();
  try {
    const j = await panggil("AdminService/ReadAudit", { newestFirst: true, limit: 50, actor: pelaku, fromSequence: lanjut ? auditBerikut : 0 });
    auditBerikut = Number(j.nextSequence ?? 0);
    const baris = (j.records ?? []).map((r) => {
      const metode = (r.method ?? "").replace(/^simpeg\.v1\./, "");
      return h(
        "tr",
        { dataset: { urutan: r.sequence } },
        h("td", { class: "angka" }, `#${r.sequence}`),
        h("td", {}, waktu(r.time)),
        h("td", {}, r.actor),
        h("td", {}, NAMA_TINDAKAN[metode] ?? metode, h("div", { class: "redup" }, h("code", {}, metode))),
        h("td", {}, (r.targets ?? []).join(", ")),
      );
    });
    if (!lanjut) {
      isi(
        wadah,
        h(
          "table",
          { class: "tabel-audit" },
          h("thead", {}, h("tr", {}, ["Urutan", "Waktu", "Pelaku", "Tindakan", "Sasaran"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, baris),
        ),
      );
    } else {
      wadah.querySelector("tbody").append(...baris);
    }
    $("audit-lebih-lama").hidden = !auditBerikut;
  } catch (galat) {
    isi(wadah, h("p", { class: "kabar kabar-galat" }, pesanGalat(galat)));
  }
}

$("form-audit").addEventListener("submit", (e) => {
  e.preventDefault();
  muatAudit(false);
});
$("audit-lebih-lama").addEventListener("click", () => muatAudit(true));
$("periksa-audit").addEventListener("click", periksaRantai);

profil = await mulaiHalaman(["admin", "auditor"]);
if (!profil.peran.admin) document.querySelectorAll(".khusus-admin").forEach((el) => (el.hidden = true));
await Promise.all([muatPohon(), muatAudit(false), periksaRantai()]);
performance.mark("simpeg:isi-siap");
