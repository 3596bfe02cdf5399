// The outcome: passed, accepting each discrepancy with a reason, or failed with reasons.
// It names the declaration revision the inspection was for; the API refuses a pass that
// misses a vehicle and names each one (vehicles.<VIN>).

import { useState } from 'preact/hooks';
import { t } from '@clearway/i18n.js';
import { Choice, Problem, go, html } from '@clearway/ui.js';
import { inspectedCount, useInspection, vehicleStates } from '../inspection-state.js';

const FAILURE_CODES = ['VIN-MISMATCH', 'SEAL-BROKEN', 'DAMAGE', 'NOT-AS-DECLARED', 'OTHER'];

export function OutcomeScreen({ context, id }) {
  const { detail, waiting, error, reload } = useInspection(context, id);
  const [outcome, setOutcome] = useState('passed');
  const [accepted, setAccepted] = useState({});
  const [failure, setFailure] = useState({ code: FAILURE_CODES[0], text: '' });
  const [problem, setProblem] = useState(null);
  const [finished, setFinished] = useState(null);
  if (!detail) return html`<main id="main"><${Problem} error=${error} /></main>`;

  const states = vehicleStates(detail, waiting);
  const pending = waiting.filter((entry) => !entry.refused).length;
  const missing = states.filter((state) => state.status !== 'done');
  const discrepancies = states.flatMap((state) =>
    state.discrepancies.map((kind) => ({ vin: state.vehicle.vin, kind, key: `${state.vehicle.vin}/${kind}` })),
  );

  async function submit(event) {
    event.preventDefault();
    try {
      const fresh = await reload(); // the revision now: the outcome is for it
      const body =
        outcome === 'passed'
          ? {
              revision: fresh.revision,
              outcome,
              reasons: [],
              accepted_discrepancies: discrepancies.map(({ vin, kind, key }) => ({
                vin,
                kind,
                reason: (accepted[key] || '').trim(),
              })),
            }
          : { revision: fresh.revision, outcome, reasons: [{ code: failure.code, text: failure.text.trim() }] };
      setFinished(await context.api.post(`/v1/tablet/inspections/${id}/outcome`, body));
      setProblem(null);
    } catch (caught) {
      setProblem(caught);
    }
  }

  if (finished) {
    return html`
      <main id="main">
        <h1>${t(`tablet.finished.${finished.status}`, { number: finished.customs_number })}</h1>
        <button type="button" class="primary" onClick=${() => go('')}>${t('tablet.backToQueue')}</button>
      </main>
    `;
  }
  return html`
    <main id="main">
      <p><a href=${`#/inspections/${id}`}>${t('tablet.backToVehicles')}</a></p>
      <h1>${t('tablet.outcomeHeading', { number: detail.inspection.customs_number })}</h1>
      <p>${t('tablet.progress', { done: inspectedCount(states), total: states.length })}</p>
      ${pending > 0 && html`<p class="note" role="status">${t('tablet.syncFirst', { count: pending })}</p>`}
      ${missing.length > 0 &&
      html`<details>
        <summary>${t('tablet.missing', { count: missing.length })}</summary>
        <ul>${missing.map((state) => html`<li key=${state.vehicle.vin}><a href=${`#/inspections/${id}/vehicles/${state.vehicle.vin}`} class="vin">${state.vehicle.vin}</a></li>`)}</ul>
      </details>`}
      <form onSubmit=${submit}>
        <${Choice}
          legend=${t('tablet.outcome')}
          name="outcome"
          value=${outcome}
          onChange=${setOutcome}
          options=${[
            { value: 'passed', label: t('tablet.passed') },
            { value: 'failed', label: t('tablet.failed') },
          ]}
        />
        ${outcome === 'passed' &&
        discrepancies.length > 0 &&
        html`<fieldset>
          <legend>${t('tablet.acceptDiscrepancies')}</legend>
          ${discrepancies.map(
            ({ vin, kind, key }) => html`
              <label for=${`accept-${key}`}>${t(`tablet.discrepancy.${kind}`)}: <span class="vin">${vin}</span></label>
              <input
                id=${`accept-${key}`}
                value=${accepted[key] || ''}
                onInput=${(event) => setAccepted({ ...accepted, [key]: event.target.value })}
              />
            `,
          )}
        </fieldset>`}
        ${outcome === 'failed' &&
        html`<fieldset>
          <legend>${t('tablet.failureReason')}</legend>
          <label for="failure-code">${t('tablet.reasonCode')}</label>
          <select id="failure-code" value=${failure.code} onChange=${(event) => setFailure({ ...failure, code: event.target.value })}>
            ${FAILURE_CODES.map((code) => html`<option value=${code}>${t(`tablet.failureCode.${code}`)}</option>`)}
          </select>
          <label for="failure-text">${t('tablet.reasonText')}</label>
          <textarea id="failure-text" rows="3" required value=${failure.text} onInput=${(event) => setFailure({ ...failure, text: event.target.value })}></textarea>
        </fieldset>`}
        <${Problem} error=${problem} />
        <button type="submit" class="primary" disabled=${pending > 0 || !context.online}>
          ${t('tablet.giveOutcome')}
        </button>
      </form>
    </main>
  `;
}
