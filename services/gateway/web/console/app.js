// The exit-port officer's console: documentary checks, transits due and overdue, holds at
// exit, exits to confirm per VIN or whole train, any declaration's timeline, and the offices'
// calendars with what is open now.

import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from '@clearway/api.js';
import { currentLanguage, languageFor, startI18n, switchLanguage, t } from '@clearway/i18n.js';
import { endSession, loadSession, saveSession } from '@clearway/session.js';
import { SignIn, TopBar, html, useRoute } from '@clearway/ui.js';
import { ChecksScreen } from './screens/checks.js';
import { DeclarationsScreen } from './screens/declarations.js';
import { ExitsScreen } from './screens/exits.js';
import { HoldsScreen } from './screens/holds.js';
import { OfficesScreen } from './screens/offices.js';
import { StatisticsScreen } from './screens/statistics.js';
import { TransitsScreen } from './screens/transits.js';

const APP = 'console';

// The navigation, in the order an officer's day goes. Statistics is reserved for the
// dashboard to come (its own read model): the place is kept, the screen says so.
const SCREENS = [
  { path: 'checks', screen: ChecksScreen },
  { path: 'transits', screen: TransitsScreen },
  { path: 'holds', screen: HoldsScreen },
  { path: 'exits', screen: ExitsScreen },
  { path: 'declarations', screen: DeclarationsScreen },
  { path: 'offices', screen: OfficesScreen },
  { path: 'statistics', screen: StatisticsScreen, comingSoon: true },
];

function App() {
  const [session, setSession] = useState(() => loadSession(APP));
  const [, setLanguage] = useState(currentLanguage());
  const [office, setOffice] = useState(null);
  const route = useRoute();

  const changeLanguage = (language, chosen = true) =>
    switchLanguage(language, { chosen }).then(setLanguage);
  const signOut = () => {
    endSession(APP);
    setSession(null);
  };
  const api = useMemo(
    () => session && createApi({ token: () => session.token, onUnauthorized: signOut }),
    [session],
  );

  // The officer's office: its time zone sets local times and, unless chosen, the language.
  useEffect(() => {
    if (!api) return;
    api.get(`/v1/offices/${session.claims.office}`).then(setOffice, () => {});
  }, [api]);
  useEffect(() => {
    if (office) changeLanguage(languageFor(office.calendar.time_zone), false);
  }, [office]);

  if (!session) {
    return html`
      <${TopBar} title=${t('console.title')} onLanguage=${changeLanguage} />
      <${SignIn}
        role="officer"
        heading=${t('console.signInHeading')}
        onToken=${(token) => setSession(saveSession(APP, token))}
      />
    `;
  }

  const [path = 'checks', ...rest] = route;
  const current = SCREENS.find((candidate) => candidate.path === path) || SCREENS[0];
  const zone = office?.calendar.time_zone;
  const context = { api, claims: session.claims, office, zone };
  return html`
    <${TopBar}
      title=${t('console.title')}
      who=${`${session.claims.sub} · ${office ? office.name : session.claims.office}`}
      onLanguage=${changeLanguage}
      onSignOut=${signOut}
    />
    <div class="console-layout">
      <nav aria-label=${t('console.navigation')}>
        <ul>
          ${SCREENS.map(
            (item) => html`<li key=${item.path}>
              <a
                href=${`#/${item.path}`}
                aria-current=${item === current ? 'page' : undefined}
                class=${item.comingSoon ? 'coming-soon' : ''}
              >
                ${t(`console.nav.${item.path}`)}
                ${item.comingSoon && html`<span class="badge">${t('console.comingSoon')}</span>`}
              </a>
            </li>`,
          )}
        </ul>
      </nav>
      <${current.screen} key=${path} context=${context} args=${rest} />
    </div>
  `;
}

async function start() {
  await startI18n();
  render(html`<${App} />`, document.getElementById('app'));
  performance.mark('clearway-interactive');
  document.body.dataset.ready = 'true';
}

start();
