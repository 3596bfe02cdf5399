// Today's queue at the inspector's site: vehicles that arrived (by booked slot, then by
// arrival), who holds each, the slots booked today, and a check-in for a vehicle at the gate.

import { useEffect, useState } from 'preact/hooks';
import { localTime, t } from '@clearway/i18n.js';
import { Problem, go, html } from '@clearway/ui.js';

export function QueueScreen({ context }) {
  const { api, db, claims, site } = context;
  const [queue, setQueue] = useState(null);
  const [asOf, setAsOf] = useState(null);
  const [error, setError] = useState(null);

  async function load() {
    const cached = await db.get('queue', claims.site);
    if (cached) {
      setQueue(cached.items);
      setAsOf(cached.at);
    }
    try {
      const items = await api.all('/v1/tablet/queue');
      const at = new Date().toISOString();
      await db.put('queue', { items, at }, claims.site);
      setQueue(items);
      setAsOf(at);
      setError(null);
      if (!performance.getEntriesByName('clearway-queue').length) performance.mark('clearway-queue');
    } catch (problem) {
      setError(problem);
    }
  }
  useEffect(() => {
    load();
  }, []);

  async function claim(inspection) {
    try {
      await api.post(`/v1/tablet/inspections/${inspection.id}/claim`);
      go('inspections', inspection.id);
    } catch (problem) {
      setError(problem);
    }
  }

  const zone = site?.time_zone;
  return html`
    <main id="main">
      <h1>${t('tablet.queueHeading', { site: claims.site })}</h1>
      ${asOf && html`<p class="note">${t('tablet.asOf', { time: localTime(asOf, zone) })}</p>`}
      <${Problem} error=${error} />
      <${CheckIn} context=${context} onCheckedIn=${load} />
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">${t('tablet.waitingHeading')}</h2>
        ${queue && queue.length === 0 && html`<p>${t('tablet.queueEmpty')}</p>`}
        <ul class="cards">
          ${(queue || []).map(
            (inspection) => html`
              <li key=${inspection.id}>
                <${QueueCard} inspection=${inspection} me=${claims.sub} zone=${zone} onClaim=${claim} />
              </li>
            `,
          )}
        </ul>
      </section>
      <${SlotsToday} context=${context} />
    </main>
  `;
}

function QueueCard({ inspection, me, zone, onClaim }) {
  const claimLive = inspection.claim_expires_at && new Date(inspection.claim_expires_at) > new Date();
  const holder = claimLive ? inspection.claimed_by : null;
  const arrival = inspection.slot_start
    ? t('tablet.slotAt', { time: localTime(inspection.slot_start, zone, { date: false }) })
    : t('tablet.arrivedAt', { time: localTime(inspection.arrived_at, zone, { date: false }) });
  let action;
  if (holder === me) {
    action = html`<button type="button" class="primary" onClick=${() => go('inspections', inspection.id)}>
      ${t('tablet.continue')}
    </button>`;
  } else if (holder) {
    action = html`<p class="held">
      ${t('tablet.heldBy', { who: holder, time: localTime(inspection.claim_expires_at, zone, { date: false }) })}
    </p>`;
  } else {
    action = html`<button type="button" class="primary" onClick=${() => onClaim(inspection)}>
      ${t('tablet.claim')}
    </button>`;
  }
  return html`
    <article class="card" aria-label=${inspection.customs_number}>
      <div>
        <p class="customs-number">${inspection.customs_number}</p>
        <p>${arrival}</p>
      </div>
      ${action}
    </article>
  `;
}

function CheckIn({ context, onCheckedIn }) {
  const [reference, setReference] = useState('');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  async function submit(event) {
    event.preventDefault();
    try {
      const inspection = await context.api.post(
        `/v1/sites/${context.claims.site}/arrivals`,
        { reference: reference.trim() },
      );
      setResult(inspection);
      setError(null);
      setReference('');
      onCheckedIn();
    } catch (problem) {
      setError(problem);
      setResult(null);
    }
  }
  return html`
    <section aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">${t('tablet.checkInHeading')}</h2>
      <form class="inline" onSubmit=${submit}>
        <label for="reference">${t('tablet.reference')}</label>
        <input
          id="reference"
          value=${reference}
          autocomplete="off"
          onInput=${(event) => setReference(event.target.value)}
          required
        />
        <button type="submit" class="primary">${t('tablet.checkIn')}</button>
      </form>
      ${result && html`<p class="success" role="status">${t('tablet.checkedIn', { number: result.customs_number })}</p>`}
      <${Problem} error=${error} />
    </section>
  `;
}

/** The site's slots today that have bookings (a slot's capacity less its free places). */
function SlotsToday({ context }) {
  const { api, site } = context;
  const [slots, setSlots] = useState(null);
  useEffect(() => {
    if (!site) return;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: site.time_zone }).format(new Date());
    api
      .get(`/v1/sites/${site.id}/availability?from=${today}&days=1`)
      .then((availability) => setSlots(availability.slots.filter((slot) => slot.free < site.capacity)))
      .catch(() => setSlots(null));
  }, [site]);
  if (!site || slots === null) return null;
  return html`
    <section aria-labelledby="slots-heading">
      <h2 id="slots-heading">${t('tablet.slotsHeading')}</h2>
      ${slots.length === 0 && html`<p>${t('tablet.noBookings')}</p>`}
      <ul class="slots">
        ${slots.map(
          (slot) => html`<li key=${slot.start}>
            ${localTime(slot.start, site.time_zone, { date: false })}:
            ${t('tablet.booked', { count: site.capacity - slot.free, capacity: site.capacity })}
          </li>`,
        )}
      </ul>
    </section>
  `;
}
