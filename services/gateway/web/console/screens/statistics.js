// Reserved for the statistics dashboard (its read model is being built separately): the
// console keeps its place in the navigation so officers know where it will be.

import { t } from '@clearway/i18n.js';
import { html } from '@clearway/ui.js';

export function StatisticsScreen() {
  return html`
    <main id="main">
      <h1>${t('console.nav.statistics')}</h1>
      <p>${t('console.statisticsComing')}</p>
    </main>
  `;
}
