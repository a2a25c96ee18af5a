// The inbox of the person logged in, as one source of items that changes by itself: simpegd's
// InboxService/WatchInbox, which the gateway serves as Server-Sent Events at /events/inbox. The
// stream opens with the whole inbox (ADDED events), says CAUGHT_UP, then carries every change
// live: an ADDED item is new or changed (it replaces the one with the same key), a REMOVED one
// no longer awaits the person. After a cut the browser resumes after the last event id it saw
// (Last-Event-ID), so nothing is missed and nothing is shown twice; a cut before the whole inbox
// arrived starts again from the whole inbox.

import { panggil } from "./api.mjs";

const TUNDA_SAMBUNG_MS = 3000;

/**
 * Opens the inbox. `saatBerubah(item, lama)` is called for each item added or changed (`lama`:
 * the item it replaces, or undefined) and for each removed (`item` null); `saatStatus(keadaan)`
 * with "menghubungkan", "langsung" or "terputus"; `saatSiap()` once the whole inbox has arrived.
 * Returns {item(), siap(), lupakan(kunci), tutup()}.
 */
export function bukaKotakMasuk({ saatBerubah, saatStatus, saatSiap = () => {} }) {
  const item = new Map();
  let sumber = null;
  let idTerakhir = "";
  let sudahSiap = false;
  let tertutup = false;

  function terima(peristiwa) {
    if (peristiwa.kind === "INBOX_EVENT_KIND_CAUGHT_UP") {
      saatStatus("langsung");
      if (!sudahSiap) {
        sudahSiap = true;
        saatSiap();
      }
      return;
    }
    const baru = peristiwa.item ?? {};
    if (!baru.key) return;
    const lama = item.get(baru.key);
    if (peristiwa.kind === "INBOX_EVENT_KIND_ADDED") {
      item.set(baru.key, baru);
      saatBerubah(baru, lama);
    } else if (peristiwa.kind === "INBOX_EVENT_KIND_REMOVED" && lama) {
      item.delete(baru.key);
      saatBerubah(null, lama);
    }
  }

  // The next stream starts from the whole inbox: drop what is shown first.
  function mulaiLagi() {
    idTerakhir = "";
    for (const lama of [...item.values()]) {
      item.delete(lama.key);
      saatBerubah(null, lama);
    }
  }

  function sambung() {
    if (tertutup) return;
    saatStatus("menghubungkan");
    // A new EventSource after an "end" carries the last id itself; EventSource's own reconnects
    // send it as Last-Event-ID.
    sumber = new EventSource(`/events/inbox${idTerakhir ? `?lastEventId=${encodeURIComponent(idTerakhir)}` : ""}`);
    sumber.onmessage = (e) => {
      idTerakhir = e.lastEventId || idTerakhir;
      terima(JSON.parse(e.data));
    };
    sumber.onopen = () => {
      if (sudahSiap) saatStatus("langsung");
    };
    // The stream ended on the server's side (event "end"): open a new one after the last id;
    // after an id the store no longer knows (it was restored from an older backup), open the
    // whole inbox afresh instead.
    sumber.addEventListener("end", (e) => {
      sumber.close();
      saatStatus("terputus");
      if (kodeAkhir(e.data) === "out_of_range") mulaiLagi();
      setTimeout(sambung, TUNDA_SAMBUNG_MS);
    });
    sumber.onerror = () => {
      if (!sudahSiap) {
        // Cut before the whole inbox arrived: its items carry no id until the last, so the
        // stream starts again from the whole inbox.
        sumber.close();
        mulaiLagi();
        saatStatus("terputus");
        setTimeout(sambung, TUNDA_SAMBUNG_MS);
        return;
      }
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

  sambung();

  return {
    /** The items, in the order the service lists them (by kind, then record). */
    item: () => [...item.values()],
    /** Whether the whole inbox has arrived. */
    siap: () => sudahSiap,
    /** Drops an item the page has just acted on (its REMOVED event follows). */
    lupakan(kunci) {
      const lama = item.get(kunci);
      if (lama) {
        item.delete(kunci);
        saatBerubah(null, lama);
      }
    },
    tutup() {
      tertutup = true;
      sumber?.close();
    },
  };
}

/** The kinds of item (InboxItemKind) by short name. */
export const JENIS_ITEM = {
  SKP_TO_APPROVE: "INBOX_ITEM_KIND_SKP_TO_APPROVE",
  SKP_TO_REVISE: "INBOX_ITEM_KIND_SKP_TO_REVISE",
  ACTIVITY_TO_REVIEW: "INBOX_ITEM_KIND_ACTIVITY_TO_REVIEW",
  EVALUATION_TO_ACKNOWLEDGE: "INBOX_ITEM_KIND_EVALUATION_TO_ACKNOWLEDGE",
  KEBERATAN_TO_DECIDE: "INBOX_ITEM_KIND_KEBERATAN_TO_DECIDE",
  FOLLOW_UP_DUE: "INBOX_ITEM_KIND_FOLLOW_UP_DUE",
  KEBERATAN_DEADLINE: "INBOX_ITEM_KIND_KEBERATAN_DEADLINE",
};

/** The Connect error code an "end" event carries ("out_of_range", ...), or "" for a clean end. */
function kodeAkhir(data) {
  try {
    return JSON.parse(data)?.error?.code ?? "";
  } catch {
    return "";
  }
}
