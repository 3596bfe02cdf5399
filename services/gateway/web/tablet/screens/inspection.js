// One inspection: progress ("143 of 256"), the vehicles to do and done, and the way on.

import { useState } from 'preact/hooks';
import { t } from '@clearway/i18n.js';
import { Problem, go, html } from '@clearway/ui.js';
import { inspectedCount, useInspection, vehicleStates } from '../inspection-state.js';

const FILTERS = ['todo', 'done', 'all'];

export function InspectionScreen({ context, id }) {
  const { detail, waiting, error, reload } = useInspection(context, id);
  const [filter, setFilter] = useState('todo');
  const [claimError, setClaimError] = useState(null);
  if (!detail) return html`<main id="main"><${Problem} error=${error} /></main>`;

  const states = vehicleStates(detail, waiting);
  const done = inspectedCount(states);
  const next = states.find((state) => state.status !== 'done');
  const shown = states.filter(
    (state) => filter === 'all' || (filter === 'done') === (state.status === 'done'),
  );
  const { inspection } = detail;
  const mine =
    inspection.claimed_by === context.claims.sub &&
    new Date(inspection.claim_expires_at) > new Date();

  async function claim() {
    try {
      await context.api.post(`/v1/tablet/inspections/${id}/claim`);
      setClaimError(null);
      await reload();
    } catch (problem) {
      setClaimError(problem);
    }
  }

  return html`
    <main id="main">
      <p><a href="#/">${t('tablet.backToQueue')}</a></p>
      <h1>${t('tablet.inspectionHeading', { number: inspection.customs_number })}</h1>
      ${!mine &&
      html`<p class="note">
        ${t('tablet.notClaimed')}
        <button type="button" class="secondary" onClick=${claim}>${t('tablet.claim')}</button>
      </p>`}
      <${Problem} error=${claimError} />
      <div class="progress">
        <p id="progress-label">${t('tablet.progress', { done, total: states.length })}</p>
        <progress aria-labelledby="progress-label" max=${states.length} value=${done}></progress>
      </div>
      <div class="actions">
        ${next &&
        html`<button type="button" class="primary" onClick=${() => go('inspections', id, 'vehicles', next.vehicle.vin)}>
          ${t('tablet.nextVehicle')}
        </button>`}
        <button type="button" class="secondary" onClick=${() => go('inspections', id, 'outcome')}>
          ${t('tablet.finish')}
        </button>
      </div>
      <div class="tabs" role="group" aria-label=${t('tablet.show')}>
        ${FILTERS.map(
          (name) => html`<button
            type="button"
            class=${filter === name ? 'tab chosen' : 'tab'}
            aria-pressed=${filter === name}
            onClick=${() => setFilter(name)}
          >
            ${t(`tablet.filter.${name}`)}
          </button>`,
        )}
      </div>
      <ul class="vehicles">
        ${shown.map(
          (state) => html`
            <li key=${state.vehicle.vin}>
              <a class="vehicle-row" href=${`#/inspections/${id}/vehicles/${state.vehicle.vin}`}>
                <span class="vin">${state.vehicle.vin}</span>
                <span>${state.vehicle.make} ${state.vehicle.model}</span>
                <${VehicleStatus} state=${state} />
              </a>
            </li>
          `,
        )}
      </ul>
    </main>
  `;
}

function VehicleStatus({ state }) {
  const labels = [t(`tablet.status.${state.status}`)];
  if (state.queued) labels.push(t('tablet.status.queued'));
  if (state.refused) labels.push(t('tablet.status.refused'));
  for (const kind of state.discrepancies) labels.push(t(`tablet.discrepancy.${kind}`));
  return html`<span class=${`status status-${state.status}`}>${labels.join(' · ')}</span>`;
}
