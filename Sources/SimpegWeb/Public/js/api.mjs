// Calls simpegd's methods through simpeg-web's Connect endpoints with JSON. The session lives in
// an HttpOnly cookie the gateway sets at login: scripts never see the token, they only ask.
//
// A refusal becomes a GalatPanggilan with the Connect code ("not_found", ...). What a person
// reads comes from pesanGalat: Indonesian text chosen by the code and, for each action, by the
// page (the server's own English message is kept for the console only).

/** A refused or failed call. */
export class GalatPanggilan extends Error {
  constructor(kode, pesanServer, metode, rincian = []) {
    super(`${metode}: ${kode}`);
    this.kode = kode;
    this.pesanServer = pesanServer ?? "";
    this.metode = metode;
    this.rincian = rincian;
  }
}

const KODE_DARI_HTTP = {
  400: "invalid_argument", 401: "unauthenticated", 403: "permission_denied", 404: "not_found",
  409: "aborted", 415: "invalid_argument", 429: "resource_exhausted", 499: "canceled", 501: "unimplemented",
  503: "unavailable", 504: "deadline_exceeded",
};

/** The Connect code of a failed HTTP answer, from its error JSON or its status. */
function kodeGalat(status, isi) {
  return isi?.code ?? KODE_DARI_HTTP[status] ?? (status >= 500 ? "internal" : "unknown");
}

/** Where a person whose session ended is sent: the login page, then back here. */
export function keHalamanMasuk() {
  const kembali = location.pathname + location.search;
  location.assign(`/?kembali=${encodeURIComponent(kembali)}`);
}

/**
 * Calls `metode` ("PlanService/GetSKP", in package simpeg.v1) with `permintaan` in protobuf's
 * JSON mapping and returns the answer's JSON. Options: `tanpaSesi` (a public page: an ended
 * session does not send the person to the login page), `batasMs` (the call's deadline).
 */
export async function panggil(metode, permintaan = {}, { tanpaSesi = false, batasMs = 30000 } = {}) {
  let jawaban;
  try {
    jawaban = await fetch(`/simpeg.v1.${metode}`, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Connect-Protocol-Version": "1",
        "Connect-Timeout-Ms": String(batasMs),
      },
      body: JSON.stringify(permintaan),
    });
  } catch {
    throw new GalatPanggilan("unavailable", "network error", metode);
  }
  return bacaJawaban(jawaban, metode, tanpaSesi);
}

/** Reads a unary answer: its JSON, or a GalatPanggilan. */
async function bacaJawaban(jawaban, metode, tanpaSesi) {
  let isi = null;
  try {
    isi = await jawaban.json();
  } catch {
    isi = null;
  }
  if (jawaban.ok) return isi ?? {};
  const galat = new GalatPanggilan(kodeGalat(jawaban.status, isi), isi?.message, metode, isi?.details ?? []);
  console.warn("SIMPEG:", metode, galat.kode, galat.pesanServer);
  if (galat.kode === "unauthenticated" && !tanpaSesi) keHalamanMasuk();
  return Promise.reject(galat);
}

/** GET of one of the gateway's own JSON endpoints (the public desk: /publik/...). */
export async function ambilJSON(alamat) {
  let jawaban;
  try {
    jawaban = await fetch(alamat, { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    throw new GalatPanggilan("unavailable", "network error", alamat);
  }
  return bacaJawaban(jawaban, alamat, true);
}

/** POST of JSON to one of the gateway's own endpoints (login, the public desk). */
export async function kirimJSON(alamat, isi, { tanpaSesi = true } = {}) {
  let jawaban;
  try {
    jawaban = await fetch(alamat, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(isi),
    });
  } catch {
    throw new GalatPanggilan("unavailable", "network error", alamat);
  }
  return bacaJawaban(jawaban, alamat, tanpaSesi);
}

/** Every item of a paged list: `ambil(page)` returns [items, nextPageToken]; at most `batas` items. */
export async function semuaHalaman(ambil, batas = 5000) {
  const hasil = [];
  let token = "";
  do {
    const [item, berikut] = await ambil({ pageSize: 1000, pageToken: token });
    hasil.push(...item);
    token = berikut ?? "";
  } while (token && hasil.length < batas);
  return hasil;
}

/**
 * A client stream (an import): `pesan` sent as Connect envelopes in one POST body; returns the
 * one answer. Connect's end-of-stream message carries a failure as {"error": {code, message}}.
 */
export async function aliranKlien(metode, pesan) {
  const penyandi = new TextEncoder();
  const bagian = pesan.map((p) => penyandi.encode(JSON.stringify(p)));
  const panjang = bagian.reduce((n, b) => n + 5 + b.length, 0);
  const badan = new Uint8Array(panjang);
  const tampilan = new DataView(badan.buffer);
  let posisi = 0;
  for (const b of bagian) {
    badan[posisi] = 0;
    tampilan.setUint32(posisi + 1, b.length);
    badan.set(b, posisi + 5);
    posisi += 5 + b.length;
  }
  let jawaban;
  try {
    jawaban = await fetch(`/simpeg.v1.${metode}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/connect+json", "Connect-Protocol-Version": "1" },
      body: badan,
    });
  } catch {
    throw new GalatPanggilan("unavailable", "network error", metode);
  }
  if (!jawaban.ok) return bacaJawaban(jawaban, metode, false);
  const data = new Uint8Array(await jawaban.arrayBuffer());
  const pembaca = new DataView(data.buffer);
  const pengurai = new TextDecoder();
  let hasil = null;
  for (let i = 0; i + 5 <= data.length; ) {
    const bendera = data[i];
    const n = pembaca.getUint32(i + 1);
    const json = JSON.parse(pengurai.decode(data.subarray(i + 5, i + 5 + n)) || "{}");
    i += 5 + n;
    if (bendera & 0x02) {
      if (json.error) {
        const galat = new GalatPanggilan(json.error.code ?? "unknown", json.error.message, metode, json.error.details);
        console.warn("SIMPEG:", metode, galat.kode, galat.pesanServer);
        if (galat.kode === "unauthenticated") keHalamanMasuk();
        throw galat;
      }
    } else {
      hasil = json;
    }
  }
  if (!hasil) throw new GalatPanggilan("internal", "no message in the answer", metode);
  return hasil;
}
