// Any declaration's timeline: found by its id or a VIN, or picked from the latest at the
// officer's office. Every change of status, who or what caused it, and when.

import { useState } from 'preact/hooks';
import { query } from '@clearway/api.js';
import { localTime, t } from '@clearway/i18n.js';
import { Problem, go, html, useLoaded } from '@clearway/ui.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function DeclarationsScreen({ context, args: [selected] }) {
  const { api, claims, zone } = context;
  const [search, setSearch] = useState('');
  const [searchError, setSearchError] = useState(null);
  const latest = useLoaded(() => api.get(`/v1/declarations?${query({ office: claims.office, limit: 20 })}`));

  async function find(event) {
    event.preventDefault();
    const wanted = search.trim();
    try {
      if (UUID.test(wanted)) return go('declarations', wanted);
      const page = await api.get(`/v1/declarations?${query({ vin: wanted.toUpperCase() })}`);
      if (page.items.length === 0) throw new Error(t('console.notFound', { search: wanted }));
      setSearchError(null);
      go('declarations', page.items[0].id);
    } catch (problem) {
      setSearchError(problem);
    }
  }

  return html`
    <main id="main">
      <h1>${t('console.nav.declarations')}</h1>
      <form class="inline" role="search" onSubmit=${find}>
        <label for="find">${t('console.findLabel')}</label>
        <input id="find" value=${search} autocomplete="off" onInput=${(event) => setSearch(event.target.value)} />
        <button type="submit" class="primary">${t('console.find')}</button>
      </form>
      <${Problem} error=${searchError} />
      <div class="split">
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">${t('console.latest')}</h2>
          <${Problem} error=${latest.error} />
          <ul class="pick-list">
            ${(latest.data?.items || []).map(
              (declaration) => html`<li key=${declaration.id}>
                <a href=${`#/declarations/${declaration.id}`} aria-current=${declaration.id === selected ? 'true' : undefined}>
                  <span class="customs-number">${declaration.customs_number}</span>
                  <span>${t(`status.${declaration.status}`)} · ${t(`mode.${declaration.mode}`)}</span>
                </a>
              </li>`,
            )}
          </ul>
        </section>
        ${selected && html`<${Timeline} key=${selected} api=${api} id=${selected} zone=${zone} />`}
      </div>
    </main>
  `;
}

function Timeline({ api, id, zone }) {
  const declaration = useLoaded(() => api.get(`/v1/declarations/${id}`));
  if (!declaration.data) return html`<section><${Problem} error=${declaration.error} /></section>`;
  const { customs_number: number, status, revision, routing, items, timeline, declarant } = declaration.data;
  return html`
    <section class="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">${number}</h2>
      <dl class="facts">
        <dt>${t('console.status')}</dt><dd>${t(`status.${status}`)}</dd>
        <dt>${t('console.revisionLabel')}</dt><dd>${revision}</dd>
        <dt>${t('console.modeLabel')}</dt><dd>${t(`mode.${routing.mode}`)}</dd>
        <dt>${t('console.declarant')}</dt><dd>${declarant.name} (${declarant.customs_code})</dd>
        <dt>${t('console.offices')}</dt>
        <dd>${routing.declaring_office} → ${routing.exit_office}</dd>
        <dt>${t('console.items')}</dt><dd>${items.length}</dd>
      </dl>
      <table>
        <caption>${t('console.timeline')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('console.when')}</th>
            <th scope="col">${t('console.what')}</th>
            <th scope="col">${t('console.status')}</th>
            <th scope="col">${t('console.by')}</th>
          </tr>
        </thead>
        <tbody>
          ${timeline.map(
            (entry, index) => html`<tr key=${index} class=${entry.refused ? 'refused' : ''}>
              <td>${localTime(entry.at, zone)}</td>
              <td>
                ${entry.kind}${entry.refused ? ` (${t('console.refusedEntry')})` : ''}
                ${entry.detail && html`<div class="detail">${describe(entry.detail)}</div>`}
              </td>
              <td>${entry.previous_status ? `${t(`status.${entry.previous_status}`)} → ` : ''}${t(`status.${entry.status}`)}</td>
              <td>${entry.cause}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>
  `;
}

const describe = (detail) =>
  typeof detail === 'string'
    ? detail
    : Object.entries(detail)
        .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`)
        .join('; ');
