// Evidence files (bukti dukung) as LogActivity takes them: the bytes, their SHA-256 and size,
// base64 for protobuf's JSON mapping. A photo from a phone's camera is usually several
// megabytes, over the server's limit for stored evidence (max-evidence-size, 1 MiB by
// default), so photos are scaled down in the browser first.

/** The largest file sent with its bytes. */
export const BATAS_BUKTI = 1024 * 1024;

/** Reads `file` into an EvidenceUpload; images over the limit are scaled down to JPEG. */
export async function siapkanBukti(file) {
  let bytes = new Uint8Array(await file.arrayBuffer());
  let name = file.name || "bukti";
  let mediaType = file.type || "application/octet-stream";
  if (bytes.length > BATAS_BUKTI && mediaType.startsWith("image/")) {
    bytes = await perkecilGambar(file);
    name = name.replace(/\.[^.]*$/, "") + ".jpg";
    mediaType = "image/jpeg";
  }
  if (bytes.length > BATAS_BUKTI) {
    const galat = new Error("berkas terlalu besar");
    galat.kode = "berkas_terlalu_besar";
    throw galat;
  }
  return {
    name,
    mediaType,
    sizeBytes: String(bytes.length),
    sha256: keBase64(await sha256(bytes)),
    content: keBase64(bytes),
  };
}

/** An image scaled so its longer side is at most 1600 pixels, as JPEG under the limit. */
async function perkecilGambar(file) {
  const gambar = await createImageBitmap(file);
  for (const [sisi, mutu] of [[1600, 0.82], [1280, 0.75], [1024, 0.7], [800, 0.65]]) {
    const skala = Math.min(1, sisi / Math.max(gambar.width, gambar.height));
    const kanvas = document.createElement("canvas");
    kanvas.width = Math.round(gambar.width * skala);
    kanvas.height = Math.round(gambar.height * skala);
    kanvas.getContext("2d").drawImage(gambar, 0, 0, kanvas.width, kanvas.height);
    const blob = await new Promise((selesai) => kanvas.toBlob(selesai, "image/jpeg", mutu));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (bytes.length <= BATAS_BUKTI) return bytes;
  }
  const galat = new Error("gambar terlalu besar");
  galat.kode = "berkas_terlalu_besar";
  throw galat;
}

/** Bytes as standard base64 (protobuf's JSON form of `bytes`). */
export function keBase64(bytes) {
  let teks = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    teks += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(teks);
}

/** Standard base64 as bytes. */
export function dariBase64(teks) {
  const biner = atob(teks ?? "");
  const bytes = new Uint8Array(biner.length);
  for (let i = 0; i < biner.length; i++) bytes[i] = biner.charCodeAt(i);
  return bytes;
}

/**
 * The SHA-256 of `bytes`. Browsers offer it (crypto.subtle) only on HTTPS and localhost; on the
 * city's intranet over plain HTTP the page computes it itself (FIPS 180-4).
 */
export async function sha256(bytes) {
  if (globalThis.crypto?.subtle) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  }
  return sha256Sendiri(bytes);
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256 in plain JavaScript, for pages without crypto.subtle. */
export function sha256Sendiri(bytes) {
  const panjangBit = bytes.length * 8;
  const blok = Math.ceil((bytes.length + 9) / 64);
  const data = new Uint8Array(blok * 64);
  data.set(bytes);
  data[bytes.length] = 0x80;
  const tampilan = new DataView(data.buffer);
  tampilan.setUint32(data.length - 8, Math.floor(panjangBit / 0x100000000));
  tampilan.setUint32(data.length - 4, panjangBit >>> 0);
  const H = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const W = new Uint32Array(64);
  const putar = (x, n) => (x >>> n) | (x << (32 - n));
  for (let b = 0; b < blok; b++) {
    for (let t = 0; t < 16; t++) W[t] = tampilan.getUint32(b * 64 + t * 4);
    for (let t = 16; t < 64; t++) {
      const s0 = putar(W[t - 15], 7) ^ putar(W[t - 15], 18) ^ (W[t - 15] >>> 3);
      const s1 = putar(W[t - 2], 17) ^ putar(W[t - 2], 19) ^ (W[t - 2] >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) >>> 0;
    }
    let [a, bb, c, d, e, f, g, hh] = H;
    for (let t = 0; t < 64; t++) {
      const S1 = putar(e, 6) ^ putar(e, 11) ^ putar(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[t] + W[t]) >>> 0;
      const S0 = putar(a, 2) ^ putar(a, 13) ^ putar(a, 22);
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    H[0] += a; H[1] += bb; H[2] += c; H[3] += d; H[4] += e; H[5] += f; H[6] += g; H[7] += hh;
  }
  const hasil = new Uint8Array(32);
  const keluar = new DataView(hasil.buffer);
  H.forEach((x, i) => keluar.setUint32(i * 4, x));
  return hasil;
}
