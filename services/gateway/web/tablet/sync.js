// Findings are saved on the tablet first (IndexedDB) and sent when the network allows.
//
// PUT .../findings/{vin} is idempotent (the same body gives the same result), so a finding
// sent twice, say when the answer was lost, is still one finding; the Idempotency-Key lets
// the gateway retry it upstream too. A finding saved again before it was sent replaces the
// queued one, so each vehicle is sent once with its latest finding.

import { ApiError, NetworkError } from '@clearway/api.js';
import { outboxKey } from './store.js';

const RETRY_SECONDS = 10;
const CLAIM_FIRST = 'claim the inspection first';

export function createOutbox({ db, api, onChange }) {
  let syncing = null;
  let timer = null;

  async function changed() {
    const entries = await db.getAll('outbox');
    onChange({
      waiting: entries.filter((entry) => !entry.refused).length,
      refused: entries.filter((entry) => entry.refused),
    });
    clearTimeout(timer);
    if (entries.some((entry) => !entry.refused)) {
      timer = setTimeout(sync, RETRY_SECONDS * 1000);
    }
  }

  /** Keep `finding` for `vin` on the device, then try to send it. */
  async function save(inspectionId, vin, finding) {
    const savedAt = new Date().toISOString();
    const entry = { key: outboxKey(inspectionId, vin), inspectionId, vin, finding, savedAt };
    await db.put('outbox', entry);
    await changed();
    sync();
    return entry;
  }

  /** Send what waits, oldest first; stop at the first network failure. */
  function sync() {
    syncing ??= sendAll().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  async function sendAll() {
    const entries = (await db.getAll('outbox')).filter((entry) => !entry.refused);
    entries.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    try {
      for (const entry of entries) await send(entry);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    } finally {
      await changed();
    }
  }

  async function send(entry, claimed = false) {
    const path = `/v1/tablet/inspections/${entry.inspectionId}/findings/${entry.vin}`;
    try {
      const saved = await api.put(path, entry.finding, {
        idempotencyKey: `finding:${entry.key}:${entry.savedAt}`,
      });
      await settle(entry, saved);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401 || error.status >= 500) throw new NetworkError(error.message);
      if (error.status === 409 && !claimed && error.message.includes(CLAIM_FIRST)) {
        // The claim lapsed while we were offline: take it again if nobody else has.
        await api.post(`/v1/tablet/inspections/${entry.inspectionId}/claim`);
        return send(entry, true);
      }
      await db.put('outbox', { ...entry, refused: error.problem });
    }
  }

  /** The finding arrived: drop it from the outbox unless it was saved again meanwhile, and
   * keep the server's finding in the cached inspection. */
  async function settle(entry, saved) {
    const tx = db.transaction(['outbox', 'inspections'], 'readwrite');
    const current = await tx.objectStore('outbox').get(entry.key);
    if (current && current.savedAt === entry.savedAt) await tx.objectStore('outbox').delete(entry.key);
    const detail = await tx.objectStore('inspections').get(entry.inspectionId);
    if (detail) {
      const findings = detail.findings.filter((finding) => finding.vin !== saved.vin);
      await tx.objectStore('inspections').put({ ...detail, findings: [...findings, saved] }, entry.inspectionId);
    }
    await tx.done;
  }

  async function waitingFor(inspectionId) {
    return db.getAllFromIndex('outbox', 'inspection', inspectionId);
  }

  async function discard(key) {
    await db.delete('outbox', key);
    await changed();
  }

  addEventListener('online', () => sync());
  changed();
  return { save, sync, waitingFor, discard };
}
