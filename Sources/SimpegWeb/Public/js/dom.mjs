// Builds page elements without HTML strings: text always goes in as text, never as markup, so
// nothing a server or a person typed can become a script.

/**
 * An element: h("p", { class: "catatan" }, "teks", anak). Attributes whose name starts with "on"
 * become listeners; `style` is set through CSSOM; `false`, null and undefined attributes are left
 * out; children may be strings,
 * numbers, nodes, arrays of them, or null (skipped).
 */
export function h(tag, atribut = {}, ...anak) {
  const el = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [nama, nilai] of Object.entries(atribut ?? {})) {
    if (nilai === false || nilai === null || nilai === undefined) continue;
    if (nama.startsWith("on") && typeof nilai === "function") {
      el.addEventListener(nama.slice(2), nilai);
    } else if (nama === "dataset") {
      Object.assign(el.dataset, nilai);
    } else if (nama === "style") {
      // Through CSSOM: the pages' Content-Security-Policy refuses style attributes.
      if (typeof nilai === "string") el.style.cssText = nilai;
      else Object.assign(el.style, nilai);
    } else if (nilai === true) {
      el.setAttribute(nama, "");
    } else {
      el.setAttribute(nama, String(nilai));
    }
  }
  tambahkan(el, anak);
  return el;
}

/** Appends children as `h` takes them. */
export function tambahkan(el, anak) {
  for (const a of anak.flat(Infinity)) {
    if (a === null || a === undefined || a === false) continue;
    el.append(a instanceof Node ? a : document.createTextNode(String(a)));
  }
  return el;
}

/** Replaces every child of `el` with `anak`. */
export function isi(el, ...anak) {
  el.replaceChildren();
  return tambahkan(el, anak);
}

/** The element with this id (throws when the page lacks it: a programming error). */
export function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`elemen #${id} tidak ada`);
  return el;
}

/** A short notice in `wadah` (role=status or alert), replacing what was there. */
export function kabar(wadah, teks, jenis = "info") {
  wadah.hidden = false;
  wadah.className = `kabar kabar-${jenis}`;
  wadah.setAttribute("role", jenis === "galat" ? "alert" : "status");
  wadah.textContent = teks;
}

/** Clears a notice. */
export function hapusKabar(wadah) {
  wadah.hidden = true;
  wadah.textContent = "";
}

/** Disables a form's controls while `kerja` runs, then enables them again. */
export async function sambilMenunggu(form, kerja) {
  const kontrol = [...form.querySelectorAll("button, input, select, textarea")];
  const semula = kontrol.map((k) => k.disabled);
  kontrol.forEach((k) => (k.disabled = true));
  form.setAttribute("aria-busy", "true");
  try {
    return await kerja();
  } finally {
    kontrol.forEach((k, i) => (k.disabled = semula[i]));
    form.removeAttribute("aria-busy");
  }
}

/** The query parameter `nama` of the page's address, or null. */
export function parameter(nama) {
  return new URLSearchParams(location.search).get(nama);
}
