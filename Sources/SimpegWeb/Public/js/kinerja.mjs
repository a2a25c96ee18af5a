// Reads of the performance cycle that several pages share: an employee's SKP of a year (the
// latest version and the approved one in force), names of employees, and RHK texts.

import { panggil } from "./api.mjs";

/**
 * The SKP of employee `employeeId` for `year`: {terbaru, berlaku}, the latest
 * version and the approved version in force (null when none is approved), or null when the
 * employee has no SKP that year.
 */
export async function skpTahun(employeeId, year) {
  let terbaru;
  try {
    terbaru = await panggil("PlanService/GetSKP", { ownerYear: { employeeId, year } });
  } catch (galat) {
    if (galat.kode === "not_found") return null;
    throw galat;
  }
  let berlaku = null;
  if (terbaru.inForceVersion) {
    berlaku =
      terbaru.inForceVersion === terbaru.version
        ? terbaru
        : await panggil("PlanService/GetSKP", { skpId: terbaru.id, version: terbaru.inForceVersion });
  }
  return { terbaru, berlaku };
}

const skpMenurutId = new Map();

/** An SKP by id and version (0: the latest), read once per page. */
export function skpDenganId(skpId, version = 0) {
  const kunci = `${skpId}/${version}`;
  if (!skpMenurutId.has(kunci)) {
    const janji = panggil("PlanService/GetSKP", { skpId, version });
    janji.catch(() => skpMenurutId.delete(kunci));
    skpMenurutId.set(kunci, janji);
  }
  return skpMenurutId.get(kunci);
}

/** The RHK `rhkId` of `skp`, or null. */
export function rhkDari(skp, rhkId) {
  return (skp?.content?.rhks ?? []).find((r) => r.id === rhkId) ?? null;
}

const pegawaiMenurutId = new Map();

/** An employee by id, read once per page (null when the caller may not read them). */
export function pegawaiDenganId(id) {
  if (!pegawaiMenurutId.has(id)) {
    pegawaiMenurutId.set(
      id,
      panggil("EmployeeService/GetEmployee", { id }).catch(() => null),
    );
  }
  return pegawaiMenurutId.get(id);
}

const unitMenurutId = new Map();

/** A unit by id, read once per page (null when it cannot be read). */
export function unitDenganId(id) {
  if (!unitMenurutId.has(id)) {
    unitMenurutId.set(id, panggil("OrgService/GetUnit", { unitId: id }).catch(() => null));
  }
  return unitMenurutId.get(id);
}
