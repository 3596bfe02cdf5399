// What the tablet keeps on the device (IndexedDB, through idb): the findings not yet synced,
// and the last queue and inspections seen, so the yard can be worked without signal.

import { openDB } from 'idb';

const NAME = 'clearway-tablet';

export function openStore() {
  return openDB(NAME, 1, {
    upgrade(db) {
      // One entry per vehicle: a newer save of the same vehicle replaces the older one.
      const outbox = db.createObjectStore('outbox', { keyPath: 'key' });
      outbox.createIndex('inspection', 'inspectionId');
      db.createObjectStore('inspections'); // detail by inspection id, as the API gave it
      db.createObjectStore('queue'); // the site's queue, under the site id
    },
  });
}

export const outboxKey = (inspectionId, vin) => `${inspectionId}/${vin}`;
