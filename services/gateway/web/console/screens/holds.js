// Goods held at exit: arrived with broken seals, waiting for an officer to release them to
// exit or refuse them, with the reason.

import { useState } from 'preact/hooks';
import { localTime, t } from '@clearway/i18n.js';
import { Choice, Problem, html, useLoaded } from '@clearway/ui.js';
import { revisionInForce } from '../decisions.js';

export function HoldsScreen({ context }) {
  const { api, zone } = context;
  const [decided, setDecided] = useState(null);
  const holds = useLoaded(async () =>
    (await api.get('/v1/transits?limit=200')).items.filter(
      (transit) => transit.arrived_at && transit.seals_intact === false && !transit.hold,
    ),
  );
  return html`
    <main id="main">
      <h1>${t('console.nav.holds')}</h1>
      ${decided && html`<p class="success" role="status">${t(`console.holdDecided.${decided.transit.hold.decision}`, { means: decided.transit.means_id })}</p>`}
      <${Problem} error=${holds.error} />
      ${holds.data?.length === 0 && html`<p>${t('console.noHolds')}</p>`}
      <ul class="cards">
        ${(holds.data || []).map(
          (transit) => html`<li key=${transit.declaration_id}>
            <article class="card wide" aria-label=${transit.means_id}>
              <div>
                <p class="customs-number">${transit.means_id} · ${transit.carrier}</p>
                <p>${t('console.arrivedAt', { time: localTime(transit.arrived_at, zone) })}</p>
                <p>${t('console.seals')}: ${transit.seals.join(', ')}</p>
                <p class="late">${t('console.found')}: ${transit.remarks}</p>
                <p><a href=${`#/declarations/${transit.declaration_id}`}>${t('console.openTimeline')}</a></p>
              </div>
              <${HoldDecision} api=${api} transit=${transit} onDecided=${(state) => { setDecided(state); holds.reload(); }} />
            </article>
          </li>`,
        )}
      </ul>
    </main>
  `;
}

function HoldDecision({ api, transit, onDecided }) {
  const [decision, setDecision] = useState('release');
  const [remarks, setRemarks] = useState('');
  const [error, setError] = useState(null);
  const id = transit.declaration_id;
  async function submit(event) {
    event.preventDefault();
    try {
      const revision = await revisionInForce(api, id);
      onDecided(await api.post(`/v1/transits/${id}/hold`, { revision, decision, remarks: remarks.trim() }));
    } catch (problem) {
      setError(problem);
    }
  }
  return html`
    <form class="decision" onSubmit=${submit}>
      <${Choice}
        legend=${t('console.decision')}
        name=${`hold-${id}`}
        value=${decision}
        onChange=${setDecision}
        options=${[
          { value: 'release', label: t('console.releaseToExit') },
          { value: 'refuse', label: t('console.refuse') },
        ]}
      />
      <label for=${`hold-remarks-${id}`}>${t('console.why')}</label>
      <textarea id=${`hold-remarks-${id}`} rows="2" required value=${remarks} onInput=${(event) => setRemarks(event.target.value)}></textarea>
      <button type="submit" class="primary">${t('console.decide')}</button>
      <${Problem} error=${error} />
    </form>
  `;
}
