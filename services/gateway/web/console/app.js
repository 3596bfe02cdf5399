// The exit-port officer's console: documentary checks, transits due and overdue, holds at
// exit, exits to confirm per VIN or whole train, any declaration's timeline, the offices'
// calendars with what is open now, and the statistics dashboard.

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { languageFor, startI18n, t } from '@clearway/i18n.js';
import { SignIn, TopBar, html, useRoute, useSignedIn } from '@clearway/ui.js';
import { ChecksScreen } from './screens/checks.js';
import { DeclarationsScreen } from './screens/declarations.js';
import { ExitsScreen } from './screens/exits.js';
import { HoldsScreen } from './screens/holds.js';
import { OfficesScreen } from './screens/offices.js';
import { StatisticsScreen } from './screens/statistics.js';
import { TransitsScreen } from './screens/transits.js';

const APP = 'console';

// The navigation, in the order an officer's day goes; /console/stats opens the statistics.
const SCREENS = [
  { path: 'checks', screen: ChecksScreen },
  { path: 'transits', screen: TransitsScreen },
  { path: 'holds', screen: HoldsScreen },
  { path: 'exits', screen: ExitsScreen },
  { path: 'declarations', screen: DeclarationsScreen },
  { path: 'offices', screen: OfficesScreen },
  { path: 'statistics', screen: StatisticsScreen },
];

function App() {
  const { session, api, signIn, signOut, changeLanguage } = useSignedIn(APP);
  const [office, setOffice] = useState(null);
  const route = useRoute();


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
        onToken=${signIn}
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
              >
                ${t(`console.nav.${item.path}`)}
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
