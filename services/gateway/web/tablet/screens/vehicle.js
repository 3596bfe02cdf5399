// The checklist of one vehicle: the VIN read (scanned or typed, its check digit verified as
// it is typed) and whether it matches, the seals, damage with a note, odometer, remarks.
// Saving keeps the finding on the tablet and syncs it when the network allows; a partial
// save (say, only the seals) is kept too.

import { useState } from 'preact/hooks';
import { t } from '@clearway/i18n.js';
import { Choice, Problem, go, html } from '@clearway/ui.js';
import { normalVin, vinProblem } from '@clearway/vin.js';
import { useInspection, vehicleStates } from '../inspection-state.js';

export function VehicleScreen({ context, id, vin }) {
  const { detail, waiting, error } = useInspection(context, id, { cachedFirst: true });
  if (!detail) return html`<main id="main"><${Problem} error=${error} /></main>`;
  const states = vehicleStates(detail, waiting);
  const state = states.find((candidate) => candidate.vehicle.vin === vin);
  if (!state) return html`<main id="main"><p>${t('tablet.unknownVehicle', { vin })}</p></main>`;
  const next = states.find((other) => other.status !== 'done' && other.vehicle.vin !== vin);
  return html`<${Checklist}
    context=${context}
    id=${id}
    state=${state}
    position=${states.indexOf(state) + 1}
    total=${states.length}
    next=${next}
  />`;
}

function Checklist({ context, id, state, position, total, next }) {
  const { vehicle } = state;
  const before = state.finding || {};
  const [vinSeen, setVinSeen] = useState(before.vin_seen || '');
  const [sealsIntact, setSealsIntact] = useState(before.seals_intact ?? null);
  const [seals, setSeals] = useState((before.seals || []).join(', '));
  const [damaged, setDamaged] = useState(before.damaged ?? false);
  const [odometer, setOdometer] = useState(before.odometer_km ?? '');
  const [condition, setCondition] = useState(before.condition || '');
  const [remarks, setRemarks] = useState(before.remarks || '');
  const [problem, setProblem] = useState(null);

  const typed = normalVin(vinSeen);
  const vinCheck = typed ? vinProblem(typed) : null;
  const matches = typed && !vinCheck ? typed === vehicle.vin : null;

  async function save(andThen) {
    if (vinCheck) return setProblem(new Error(t(`vin.${vinCheck.code}`, vinCheck)));
    if (damaged && !remarks.trim()) return setProblem(new Error(t('tablet.damageNoteNeeded')));
    const finding = {
      vin_seen: typed || null,
      odometer_km: odometer === '' ? null : Number(odometer),
      condition: condition.trim() || null,
      seals: seals.split(',').map((seal) => seal.trim()).filter(Boolean),
      seals_intact: sealsIntact,
      damaged,
      photos: before.photos || [],
      remarks: remarks.trim() || null,
    };
    setProblem(null);
    await context.outbox.save(id, vehicle.vin, finding);
    andThen();
  }

  return html`
    <main id="main">
      <p><a href=${`#/inspections/${id}`}>${t('tablet.backToVehicles')}</a></p>
      <h1>${t('tablet.vehicleHeading', { position, total })}</h1>
      <dl class="declared">
        <dt>${t('tablet.declaredVin')}</dt><dd class="vin">${vehicle.vin}</dd>
        <dt>${t('tablet.vehicle')}</dt><dd>${vehicle.make} ${vehicle.model}</dd>
        <dt>${t('tablet.power')}</dt><dd>${t(`power.${vehicle.power}`)}</dd>
        <dt>${t('tablet.condition')}</dt><dd>${t(`vehicleCondition.${vehicle.condition}`)}</dd>
      </dl>
      ${state.refused && html`<${Problem} error=${{ message: state.refused.detail || state.refused.title }} />`}
      <form
        onSubmit=${(event) => {
          event.preventDefault();
          save(() => go(...(next ? ['inspections', id, 'vehicles', next.vehicle.vin] : ['inspections', id])));
        }}
      >
        <label for="vin-seen">${t('tablet.vinSeen')}</label>
        <input
          id="vin-seen"
          class="vin-input"
          value=${vinSeen}
          maxlength="20"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          aria-describedby="vin-check"
          aria-invalid=${Boolean(vinCheck)}
          onInput=${(event) => setVinSeen(normalVin(event.target.value))}
        />
        <p id="vin-check" class=${vinCheck ? 'check bad' : matches === false ? 'check warn' : 'check good'} aria-live="polite">
          ${!typed && t('tablet.vinHint')}
          ${vinCheck && t(`vin.${vinCheck.code}`, vinCheck)}
          ${matches === true && t('tablet.vinMatches')}
          ${matches === false && t('tablet.vinDiffers')}
        </p>

        <${Choice}
          legend=${t('tablet.sealsIntact')}
          name="seals-intact"
          value=${sealsIntact}
          onChange=${setSealsIntact}
          options=${[
            { value: true, label: t('tablet.yes') },
            { value: false, label: t('tablet.sealBroken') },
            { value: null, label: t('tablet.noSeal') },
          ]}
        />
        <label for="seals">${t('tablet.sealNumbers')}</label>
        <input id="seals" value=${seals} autocomplete="off" onInput=${(event) => setSeals(event.target.value)} />

        <${Choice}
          legend=${t('tablet.damaged')}
          name="damaged"
          value=${damaged}
          onChange=${setDamaged}
          options=${[
            { value: false, label: t('tablet.noDamage') },
            { value: true, label: t('tablet.damage') },
          ]}
        />
        <label for="remarks">${damaged ? t('tablet.damageNote') : t('tablet.remarks')}</label>
        <textarea id="remarks" rows="3" value=${remarks} aria-required=${damaged} onInput=${(event) => setRemarks(event.target.value)}></textarea>

        <div class="two-columns">
          <div>
            <label for="odometer">${t('tablet.odometer')}</label>
            <input id="odometer" type="number" min="0" inputmode="numeric" value=${odometer} onInput=${(event) => setOdometer(event.target.value)} />
          </div>
          <div>
            <label for="condition">${t('tablet.conditionSeen')}</label>
            <input id="condition" value=${condition} onInput=${(event) => setCondition(event.target.value)} />
          </div>
        </div>

        <${Problem} error=${problem} />
        <div class="actions">
          <button type="submit" class="primary">${next ? t('tablet.saveAndNext') : t('tablet.saveAndFinish')}</button>
          <button type="button" class="secondary" onClick=${() => save(() => go('inspections', id))}>
            ${t('tablet.save')}
          </button>
        </div>
      </form>
    </main>
  `;
}
