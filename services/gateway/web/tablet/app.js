// The inspector's tablet: today's queue at the site, a checklist per vehicle, the outcome.
// Findings are kept on the tablet first and synced when the network allows (sync.js).

import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { languageFor, startI18n, t } from '@clearway/i18n.js';
import { SignIn, TopBar, html, useRoute, useSignedIn } from '@clearway/ui.js';
import { InspectionScreen } from './screens/inspection.js';
import { OutcomeScreen } from './screens/outcome.js';
import { QueueScreen } from './screens/queue.js';
import { VehicleScreen } from './screens/vehicle.js';
import { createOutbox } from './sync.js';
import { openStore } from './store.js';

const APP = 'tablet';

function App({ db }) {
  const { session, api, signIn, signOut, changeLanguage } = useSignedIn(APP);
  const [sync, setSync] = useState({ waiting: 0, refused: [], version: 0 });
  const [online, setOnline] = useState(navigator.onLine);
  const [site, setSite] = useState(() => JSON.parse(localStorage.getItem('clearway.tablet.site')));
  const route = useRoute();


  const outbox = useMemo(
    () =>
      api &&
      createOutbox({
        db,
        api,
        onChange: (state) => setSync((before) => ({ ...state, version: before.version + 1 })),
      }),
    [api],
  );

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    addEventListener('online', up);
    addEventListener('offline', down);
    return () => {
      removeEventListener('online', up);
      removeEventListener('offline', down);
    };
  }, []);

  // The inspector's site: its time zone sets local times and, unless chosen, the language.
  useEffect(() => {
    if (!api) return;
    const { office, site: siteId } = session.claims;
    api
      .all(`/v1/sites?office=${office}`)
      .then((sites) => {
        const mine = sites.find((candidate) => candidate.id === siteId);
        if (!mine) return;
        localStorage.setItem('clearway.tablet.site', JSON.stringify(mine));
        setSite(mine);
      })
      .catch(() => {}); // offline: the last one seen will do
  }, [api]);
  useEffect(() => {
    if (site) changeLanguage(languageFor(site.time_zone), false);
  }, [site]);

  if (!session) {
    return html`
      <${TopBar} title=${t('tablet.title')} onLanguage=${changeLanguage} />
      <${SignIn}
        role="inspector"
        heading=${t('tablet.signInHeading')}
        onToken=${signIn}
      />
    `;
  }

  const context = { api, db, outbox, sync, online, site, claims: session.claims };
  const [screen, id, part, vin] = route;
  let body;
  if (screen === 'inspections' && part === 'vehicles' && vin) {
    body = html`<${VehicleScreen} key=${vin} context=${context} id=${id} vin=${vin} />`;
  } else if (screen === 'inspections' && part === 'outcome') {
    body = html`<${OutcomeScreen} context=${context} id=${id} />`;
  } else if (screen === 'inspections' && id) {
    body = html`<${InspectionScreen} context=${context} id=${id} />`;
  } else {
    body = html`<${QueueScreen} context=${context} />`;
  }
  return html`
    <${TopBar}
      title=${t('tablet.title')}
      who=${`${session.claims.sub} · ${session.claims.site}`}
      onLanguage=${changeLanguage}
      onSignOut=${signOut}
    >
      <${SyncStatus} sync=${sync} online=${online} onSync=${() => outbox.sync()} />
    </${TopBar}>
    ${body}
  `;
}

/** Online or not, and how many findings wait on the tablet ("3 findings waiting to sync"). */
function SyncStatus({ sync, online, onSync }) {
  return html`
    <div class="sync-status" role="status" aria-live="polite">
      <span class=${online ? 'online' : 'offline'}>
        ${online ? t('tablet.online') : t('tablet.offline')}
      </span>
      ${sync.waiting > 0 &&
      html`<button type="button" class="waiting" onClick=${onSync}>
        ${t('tablet.waitingToSync', { count: sync.waiting })}
      </button>`}
      ${sync.refused.length > 0 &&
      html`<span class="refused">${t('tablet.refused', { count: sync.refused.length })}</span>`}
    </div>
  `;
}

async function start() {
  await startI18n();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => {}); // offline start only
  }
  const db = await openStore();
  render(html`<${App} db=${db} />`, document.getElementById('app'));
  performance.mark('clearway-interactive');
  document.body.dataset.ready = 'true';
}

start();
