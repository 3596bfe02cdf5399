// One inspection as the tablet sees it: the API's detail (kept on the device for offline
// work) with the findings still waiting to sync laid over it.

import { useEffect, useState } from 'preact/hooks';

/** `cachedFirst`: the copy on the tablet will do when there is one (a vehicle's checklist, where
 * a 256-vehicle detail fetched on every vehicle would slow the inspector down). */
export function useInspection(context, id, { cachedFirst = false } = {}) {
  const { api, db, outbox, sync } = context;
  const [detail, setDetail] = useState(null);
  const [waiting, setWaiting] = useState([]);
  const [error, setError] = useState(null);

  async function reload() {
    const cached = await db.get('inspections', id);
    if (cached) setDetail(cached);
    if (cached && cachedFirst) return cached;
    try {
      const fresh = await api.get(`/v1/tablet/inspections/${id}`);
      await db.put('inspections', fresh, id);
      setDetail(fresh);
      setError(null);
      return fresh;
    } catch (problem) {
      if (!cached) setError(problem);
      return cached;
    }
  }
  useEffect(() => {
    reload();
  }, [id]);
  // A finding synced or saved: the outbox changed, and the cached detail with it.
  useEffect(() => {
    outbox.waitingFor(id).then(setWaiting);
    db.get('inspections', id).then((cached) => cached && setDetail(cached));
  }, [sync.version]);

  return { detail, waiting, error, reload };
}

/** Each declared vehicle with its finding: the one waiting to sync, else the API's. */
export function vehicleStates(detail, waiting) {
  if (!detail) return [];
  const found = Object.fromEntries(detail.findings.map((finding) => [finding.vin, finding]));
  const queued = Object.fromEntries(waiting.map((entry) => [entry.vin, entry]));
  return detail.vehicles.map((vehicle) => {
    const entry = queued[vehicle.vin];
    const finding = entry ? entry.finding : found[vehicle.vin];
    const discrepancies = [];
    if (finding?.vin_seen && finding.vin_seen.toUpperCase() !== vehicle.vin) {
      discrepancies.push('vin_mismatch');
    }
    if (finding?.seals_intact === false) discrepancies.push('seal_broken');
    let status = 'todo';
    if (finding) status = finding.vin_seen ? 'done' : 'partial';
    return {
      vehicle,
      finding,
      status,
      queued: Boolean(entry && !entry.refused),
      refused: entry?.refused || null,
      discrepancies,
    };
  });
}

/** Vehicles whose VIN was read (what a pass needs of every one). */
export const inspectedCount = (states) => states.filter((state) => state.status === 'done').length;
