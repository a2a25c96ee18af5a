// CSV files as BKPSDM exchanges them (the columns of simpeg-admin's import and export): UTF-8 with
// or without a byte order mark, CRLF or LF, separated by commas or (as Excel writes in an
// Indonesian locale) semicolons, fields quoted with "" when they hold a separator or a quote.

/** The header and rows of `teks`; `baris` numbers count from the header's line 1. */
export function bacaCsv(teks) {
  const isi = teks.replace(/^\uFEFF/, "");
  const pertama = isi.slice(0, isi.search(/\r?\n|$/));
  const pemisah = (pertama.match(/;/g) ?? []).length > (pertama.match(/,/g) ?? []).length ? ";" : ",";
  const semua = [];
  let baris = [];
  let bidang = "";
  let dalamKutip = false;
  let nomor = 1;
  let nomorAwal = 1;
  for (let i = 0; i < isi.length; i++) {
    const c = isi[i];
    if (dalamKutip) {
      if (c === '"' && isi[i + 1] === '"') {
        bidang += '"';
        i++;
      } else if (c === '"') {
        dalamKutip = false;
      } else {
        if (c === "\n") nomor++;
        bidang += c;
      }
    } else if (c === '"' && bidang === "") {
      dalamKutip = true;
    } else if (c === pemisah) {
      baris.push(bidang);
      bidang = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && isi[i + 1] === "\n") i++;
      baris.push(bidang);
      if (baris.some((b) => b !== "")) semua.push({ nomor: nomorAwal, bidang: baris });
      baris = [];
      bidang = "";
      nomor++;
      nomorAwal = nomor;
    } else {
      bidang += c;
    }
  }
  if (dalamKutip) {
    const galat = new Error("kutip tidak ditutup");
    galat.kode = "csv_kutip";
    galat.baris = nomorAwal;
    throw galat;
  }
  baris.push(bidang);
  if (baris.some((b) => b !== "")) semua.push({ nomor: nomorAwal, bidang: baris });
  const [kepala, ...data] = semua;
  const nama = (kepala?.bidang ?? []).map((k) => k.trim().toLowerCase().replace(/\s+/g, "_"));
  return {
    kolom: nama,
    baris: data.map((b) => ({
      nomor: b.nomor,
      lebih: b.bidang.length > nama.length,
      nilai: Object.fromEntries(nama.map((k, i) => [k, (b.bidang[i] ?? "").trim()])),
    })),
  };
}

/** The request fields of each file's columns (ImportUnitRow, ImportEmployeeRow). */
export const KOLOM = {
  units: { kode: "code", kode_induk: "parentCode", jenis: "kind", nama: "name" },
  employees: {
    nip: "nip", nama: "name", gelar_depan: "gelarDepan", gelar_belakang: "gelarBelakang",
    jenis_kelamin: "gender", tempat_lahir: "birthPlace", tanggal_lahir: "birthDate", status: "status",
    golongan: "golongan", tmt_cpns: "tmtCpns", kode_unit: "unitCode", jabatan: "positionTitle", email: "email",
    telepon: "phone",
  },
};

/** The columns each file needs. */
export const WAJIB = {
  units: ["kode", "kode_induk", "jenis", "nama"],
  employees: ["nip", "nama", "status", "kode_unit"],
};

/** A row of a file of `jenis` as its import request row. */
export function barisImpor(jenis, baris) {
  const hasil = { line: baris.nomor };
  for (const [kolom, medan] of Object.entries(KOLOM[jenis])) {
    if (baris.nilai[kolom]) hasil[medan] = baris.nilai[kolom];
  }
  return hasil;
}

/** Text as a CSV field. */
export function bidangCsv(teks) {
  const t = String(teks ?? "");
  return /[",;\n\r]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}
