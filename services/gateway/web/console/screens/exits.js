// Exits to confirm at the officer's office: released goods (and transits that arrived), per
// vehicle or the whole train at once. A train may leave in parts: what remains stays here.

import { useState } from 'preact/hooks';
import { query } from '@clearway/api.js';
import { localTime, t } from '@clearway/i18n.js';
import { Problem, go, html, useLoaded } from '@clearway/ui.js';
import { releaseOf } from '../decisions.js';

const READY_TO_EXIT = ['released', 'arrived_at_exit'];

export function ExitsScreen({ context, args: [selected] }) {
  const { api, claims, zone } = context;
  const waiting = useLoaded(async () => {
    const pages = await Promise.all(
      READY_TO_EXIT.map((status) =>
        api.get(`/v1/declarations?${query({ status, office: claims.office, limit: 100 })}`),
      ),
    );
    return pages.flatMap((page) => page.items).sort((a, b) => b.accepted_at.localeCompare(a.accepted_at));
  });
  return html`
    <main id="main">
      <h1>${t('console.nav.exits')}</h1>
      <${Problem} error=${waiting.error} />
      <div class="split">
        <section aria-labelledby="ready-heading">
          <h2 id="ready-heading">${t('console.readyToExit')}</h2>
          ${waiting.data?.length === 0 && html`<p>${t('console.nothingToExit')}</p>`}
          <ul class="pick-list">
            ${(waiting.data || []).map(
              (declaration) => html`<li key=${declaration.id}>
                <a href=${`#/exits/${declaration.id}`} aria-current=${declaration.id === selected ? 'true' : undefined}>
                  <span class="customs-number">${declaration.customs_number}</span>
                  <span>${t(`status.${declaration.status}`)} · ${localTime(declaration.accepted_at, zone)}</span>
                </a>
              </li>`,
            )}
          </ul>
        </section>
        ${selected && html`<${ExitPanel} key=${selected} api=${api} id=${selected} onChanged=${waiting.reload} />`}
      </div>
    </main>
  `;
}

function ExitPanel({ api, id, onChanged }) {
  const release = useLoaded(() => releaseOf(api, id));
  const [chosen, setChosen] = useState(new Set());
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  if (!release.data) return html`<section><${Problem} error=${release.error} /></section>`;
  const { customs_number: number, vehicles, exited_vehicles: exited, decision, status } = release.data;
  const remaining = vehicles.filter((vin) => !exited.includes(vin));

  async function confirm(vins) {
    try {
      const body = { revision: decision.revision, ...(vins ? { vins } : {}) };
      setResult(await api.post(`/v1/releases/${id}/exits`, body));
      setError(null);
      setChosen(new Set());
      await release.reload();
      onChanged();
    } catch (problem) {
      setError(problem);
    }
  }
  const toggle = (vin) => {
    const next = new Set(chosen);
    if (next.has(vin)) next.delete(vin);
    else next.add(vin);
    setChosen(next);
  };

  return html`
    <section class="exit-panel" aria-labelledby="exit-heading">
      <h2 id="exit-heading">${number}</h2>
      <p>
        ${[
          t(`status.${status}`),
          t('console.exitedOf', { exited: exited.length, total: vehicles.length }),
          decision && t('console.revision', { revision: decision.revision }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      ${decision && !decision.in_force && html`<p class="note">${t('console.notInForce')}</p>`}
      ${result &&
      html`<p class="success" role="status">
        ${[
          t('console.exitedNow', { count: result.exited_now.length }),
          result.complete ? t('console.exitComplete') : t('console.remaining', { count: result.remaining.length }),
        ].join(' ')}
      </p>`}
      <${Problem} error=${error} />
      ${remaining.length > 0 &&
      html`<fieldset>
          <legend>${t('console.vehiclesLeaving')}</legend>
          <ul class="vin-checks">
            ${remaining.map(
              (vin) => html`<li key=${vin}>
                <label>
                  <input type="checkbox" checked=${chosen.has(vin)} onChange=${() => toggle(vin)} />
                  <span class="vin">${vin}</span>
                </label>
              </li>`,
            )}
          </ul>
        </fieldset>
        <div class="actions">
          <button type="button" class="primary" disabled=${chosen.size === 0} onClick=${() => confirm([...chosen])}>
            ${t('console.confirmSelected', { count: chosen.size })}
          </button>
          <button type="button" class="secondary" onClick=${() => confirm(null)}>
            ${t('console.confirmAll', { count: remaining.length })}
          </button>
        </div>`}
      ${exited.length > 0 &&
      html`<details>
        <summary>${t('console.alreadyExited', { count: exited.length })}</summary>
        <ul>${exited.map((vin) => html`<li key=${vin} class="vin">${vin}</li>`)}</ul>
      </details>`}
      <p><button type="button" class="link" onClick=${() => go('declarations', id)}>${t('console.openTimeline')}</button></p>
    </section>
  `;
}
