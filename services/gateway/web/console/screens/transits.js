// Direct transfers bound for the officer's exit office that have not arrived: due, and
// overdue. Arrival records the seal check; broken seals hold the goods (see Holds).

import { useState } from 'preact/hooks';
import { query } from '@clearway/api.js';
import { localTime, t } from '@clearway/i18n.js';
import { Choice, Problem, html, useLoaded } from '@clearway/ui.js';
import { revisionInForce } from '../decisions.js';

export function TransitsScreen({ context }) {
  const { api, zone } = context;
  const [overdue, setOverdue] = useState(false);
  const [recorded, setRecorded] = useState(null);
  const transits = useLoaded(
    async () => (await api.get(`/v1/transits?${query({ overdue, limit: 200 })}`)).items.filter((transit) => !transit.arrived_at),
    [overdue],
  );
  return html`
    <main id="main">
      <h1>${t('console.nav.transits')}</h1>
      <div class="tabs" role="group" aria-label=${t('console.show')}>
        ${[false, true].map(
          (late) => html`<button type="button" class=${overdue === late ? 'tab chosen' : 'tab'} aria-pressed=${overdue === late} onClick=${() => setOverdue(late)}>
            ${late ? t('console.overdue') : t('console.due')}
          </button>`,
        )}
      </div>
      ${recorded && html`<p class="success" role="status">${t(`console.arrived.${recorded.status}`, { means: recorded.transit.means_id })}</p>`}
      <${Problem} error=${transits.error} />
      ${transits.data?.length === 0 && html`<p>${t('console.noTransits')}</p>`}
      <ul class="cards">
        ${(transits.data || []).map(
          (transit) => html`<li key=${transit.declaration_id}>
            <article class="card wide" aria-label=${transit.means_id}>
              <div>
                <p class="customs-number">${transit.means_id} · ${transit.carrier}</p>
                <p>${transit.route}</p>
                <p>${t('console.from', { office: transit.departure_office })} · ${t('console.seals')}: ${transit.seals.join(', ')}</p>
                <p class=${transit.overdue ? 'late' : ''}>
                  ${[
                    t('console.deadline', { time: localTime(transit.deadline, zone) }),
                    transit.overdue && t('console.overdueSince', { time: localTime(transit.overdue_at, zone) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <p><a href=${`#/declarations/${transit.declaration_id}`}>${t('console.openTimeline')}</a></p>
              </div>
              <${ArrivalForm} api=${api} transit=${transit} onRecorded=${(state) => { setRecorded(state); transits.reload(); }} />
            </article>
          </li>`,
        )}
      </ul>
    </main>
  `;
}

function ArrivalForm({ api, transit, onRecorded }) {
  const [intact, setIntact] = useState(true);
  const [remarks, setRemarks] = useState('');
  const [error, setError] = useState(null);
  const id = transit.declaration_id;
  async function submit(event) {
    event.preventDefault();
    try {
      const revision = await revisionInForce(api, id);
      onRecorded(
        await api.post(`/v1/transits/${id}/arrival`, {
          revision,
          seals_intact: intact,
          remarks: remarks.trim() || null,
        }),
      );
    } catch (problem) {
      setError(problem);
    }
  }
  return html`
    <form class="decision" onSubmit=${submit}>
      <${Choice}
        legend=${t('console.sealsOnArrival')}
        name=${`seals-${id}`}
        value=${intact}
        onChange=${setIntact}
        options=${[
          { value: true, label: t('console.sealsIntact') },
          { value: false, label: t('console.sealsBroken') },
        ]}
      />
      <label for=${`remarks-${id}`}>${t('console.remarks')}</label>
      <textarea id=${`remarks-${id}`} rows="2" required=${!intact} value=${remarks} onInput=${(event) => setRemarks(event.target.value)}></textarea>
      <button type="submit" class="primary">${t('console.recordArrival')}</button>
      <${Problem} error=${error} />
    </form>
  `;
}
