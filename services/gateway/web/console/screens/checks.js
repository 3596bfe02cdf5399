// Documentary checks of the officer's office (yellow lane), decided for the revision shown.

import { useState } from 'preact/hooks';
import { localTime, t } from '@clearway/i18n.js';
import { Choice, Problem, html, useLoaded } from '@clearway/ui.js';

export function ChecksScreen({ context }) {
  const { api, zone } = context;
  const checks = useLoaded(() => api.all('/v1/document-checks'));
  const [done, setDone] = useState(null);
  return html`
    <main id="main">
      <h1>${t('console.nav.checks')}</h1>
      ${done && html`<p class="success" role="status">${t('console.checkDecided', done)}</p>`}
      <${Problem} error=${checks.error} />
      ${checks.data?.length === 0 && html`<p>${t('console.nothingOpen')}</p>`}
      <ul class="cards">
        ${(checks.data || []).map(
          (check) => html`<li key=${check.id}>
            <article class="card wide" aria-label=${check.customs_number}>
              <div>
                <p class="customs-number">${check.customs_number}</p>
                <p>
                  ${[
                    `${t('console.declarant')}: ${check.declarant}`,
                    t('console.revision', { revision: check.revision }),
                    localTime(check.created_at, zone),
                  ].join(' · ')}
                </p>
                <p><a href=${`#/declarations/${check.declaration_id}`}>${t('console.openTimeline')}</a></p>
              </div>
              <${CheckDecision}
                api=${api}
                check=${check}
                onDecided=${(decided) => {
                  setDone({ number: check.customs_number, outcome: t(`console.outcome.${decided.status}`) });
                  checks.reload();
                }}
              />
            </article>
          </li>`,
        )}
      </ul>
    </main>
  `;
}

function CheckDecision({ api, check, onDecided }) {
  const [outcome, setOutcome] = useState('passed');
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  async function submit(event) {
    event.preventDefault();
    const reasons = outcome === 'failed' ? [{ code: 'DOCUMENTS', text: reason.trim() }] : [];
    try {
      onDecided(
        await api.post(`/v1/document-checks/${check.id}/decision`, {
          revision: check.revision,
          outcome,
          reasons,
        }),
      );
    } catch (problem) {
      setError(problem);
    }
  }
  const name = `outcome-${check.id}`;
  return html`
    <form class="decision" onSubmit=${submit}>
      <${Choice}
        legend=${t('console.decision')}
        name=${name}
        value=${outcome}
        onChange=${setOutcome}
        options=${[
          { value: 'passed', label: t('console.outcome.passed') },
          { value: 'failed', label: t('console.outcome.failed') },
        ]}
      />
      ${outcome === 'failed' &&
      html`<label for=${`${name}-reason`}>${t('console.reason')}</label>
        <textarea id=${`${name}-reason`} rows="2" required value=${reason} onInput=${(event) => setReason(event.target.value)}></textarea>`}
      <button type="submit" class="primary">${t('console.decide')}</button>
      <${Problem} error=${error} />
    </form>
  `;
}
