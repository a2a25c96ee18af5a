// The supervisor's inbox as one source of items that changes by itself, so the inbox page does
// not care where its items come from. Today it joins what the API offers:
//
// - activities awaiting the supervisor's review: ActivityService/ListPendingReviews, kept live
//   by the activity watch as Server-Sent Events (/events/activities), resumed by the browser
//   with Last-Event-ID after a cut;
// - SKPs awaiting their approval: PlanService/ListSKPs, read again every 30 seconds while the
//   page is in view (no stream carries SKP changes yet).
//
// When simpegd offers the per-account inbox stream (the yearly cycle), this module alone
// switches to it; the page keeps calling the same functions.

import { panggil, semuaHalaman } from "./api.mjs";

const SELANG_SKP_MS = 30000;
const TUNDA_SAMBUNG_MS = 5000;

/**
 * Opens the inbox of employee `pegawaiId` for `tahun`. `saatBerubah()` is called whenever the
 * items change; `saatStatus(keadaan)` with "menghubungkan", "langsung" or "terputus".
 * Returns {kegiatan(), skp(), lupakan(ids), tutup()}.
 */
export function bukaKotakMasuk({ pegawaiId, tahun, saatBerubah, saatStatus }) {
  const kegiatan = new Map();
  const skp = new Map();
  let sumber = null;
  let idTerakhir = "";
  let sudahMuat = false;
  let tertutup = false;
  let pengatur = null;

  /** Keeps an activity if it awaits this supervisor, else drops it; newer revisions win. */
  function terapkan(a) {
    const ada = kegiatan.get(a.id);
    if (ada && (ada.revision ?? 0) > (a.revision ?? 0)) return false;
    if (a.status === "ACTIVITY_STATUS_PENDING" && a.evaluatorEmployeeId === pegawaiId) {
      kegiatan.set(a.id, a);
      return true;
    }
    return kegiatan.delete(a.id);
  }

  async function muatTertunda() {
    const semua = await semuaHalaman(async (page) => {
      const j = await panggil("ActivityService/ListPendingReviews", { page });
      return [j.activities ?? [], j.page?.nextPageToken];
    });
    semua.forEach(terapkan);
    sudahMuat = true;
    saatBerubah();
  }

  function sambung() {
    if (tertutup) return;
    saatStatus("menghubungkan");
    const permintaan = idTerakhir ? "" : `?message=${encodeURIComponent(JSON.stringify({ startAtEnd: true }))}`;
    const lanjut = idTerakhir ? `?lastEventId=${encodeURIComponent(idTerakhir)}` : "";
    sumber = new EventSource(`/events/activities${permintaan || lanjut}`);
    sumber.onmessage = (e) => {
      idTerakhir = e.lastEventId || idTerakhir;
      const peristiwa = JSON.parse(e.data);
      if (peristiwa.kind === "ACTIVITY_EVENT_KIND_CAUGHT_UP") {
        saatStatus("langsung");
        // The list is read once the watch is live, so nothing logged in between is missed.
        if (!sudahMuat) muatTertunda().catch(() => saatStatus("terputus"));
        return;
      }
      if (peristiwa.activity && terapkan(peristiwa.activity)) saatBerubah();
    };
    sumber.onopen = () => saatStatus("langsung");
    // The stream ended on the server's side (event "end"): open a new one after the last id.
    sumber.addEventListener("end", () => {
      sumber.close();
      saatStatus("terputus");
      setTimeout(sambung, TUNDA_SAMBUNG_MS);
    });
    sumber.onerror = () => {
      if (sumber.readyState === EventSource.CLOSED) {
        // Refused, not cut: an ended session sends the person to the login page (panggil does);
        // anything else is tried again shortly.
        saatStatus("terputus");
        panggil("AuthService/WhoAmI")
          .catch(() => {})
          .finally(() => setTimeout(sambung, TUNDA_SAMBUNG_MS));
      } else {
        saatStatus("menghubungkan");
      }
    };
  }

  async function muatSkp() {
    clearTimeout(pengatur);
    try {
      const semua = await semuaHalaman(async (page) => {
        const j = await panggil("PlanService/ListSKPs", { year: tahun, status: "SKP_STATUS_SUBMITTED", page });
        return [j.skps ?? [], j.page?.nextPageToken];
      });
      skp.clear();
      semua.forEach((s) => skp.set(s.id, s));
      saatBerubah();
    } finally {
      if (!tertutup) pengatur = setTimeout(muatSkpBilaTerlihat, SELANG_SKP_MS);
    }
  }

  function muatSkpBilaTerlihat() {
    if (document.visibilityState === "visible") muatSkp().catch(() => {});
    else pengatur = setTimeout(muatSkpBilaTerlihat, SELANG_SKP_MS);
  }

  sambung();
  muatSkp().catch(() => {});

  return {
    /** Activities awaiting review, oldest first. */
    kegiatan: () => [...kegiatan.values()].sort((a, b) => Number(a.id) - Number(b.id)),
    /** SKPs awaiting approval. */
    skp: () => [...skp.values()],
    /** Whether the first list of activities has been read. */
    siap: () => sudahMuat,
    /** Drops items the page has just decided (their events follow). */
    lupakan(ids) {
      ids.forEach((id) => {
        kegiatan.delete(id);
        skp.delete(id);
      });
      saatBerubah();
    },
    /** Reads the SKP list again now. */
    muatUlangSkp: () => muatSkp(),
    tutup() {
      tertutup = true;
      clearTimeout(pengatur);
      sumber?.close();
    },
  };
}
