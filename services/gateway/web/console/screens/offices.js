// Customs offices' calendars: each in its own time zone, what is open now and when the
// closed ones open next (offices hold work for their next opening).

import { useEffect, useState } from 'preact/hooks';
import { localTime, t } from '@clearway/i18n.js';
import { Problem, html, useLoaded } from '@clearway/ui.js';

export function OfficesScreen({ context }) {
  const { api, claims } = context;
  const offices = useLoaded(() => api.all('/v1/offices'));
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => {
      tick((count) => count + 1);
      offices.reload();
    }, 30_000);
    return () => clearInterval(timer);
  }, []);
  const now = new Date().toISOString();
  return html`
    <main id="main">
      <h1>${t('console.nav.offices')}</h1>
      <${Problem} error=${offices.error} />
      <table>
        <caption>${t('console.officesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('console.office')}</th>
            <th scope="col">${t('console.timeZone')}</th>
            <th scope="col">${t('console.hours')}</th>
            <th scope="col">${t('console.localNow')}</th>
            <th scope="col">${t('console.openNow')}</th>
          </tr>
        </thead>
        <tbody>
          ${(offices.data || []).map(
            (office) => html`<tr key=${office.code} class=${office.code === claims.office ? 'mine' : ''}>
              <th scope="row">${office.code} ${office.name}</th>
              <td>${office.calendar.time_zone}</td>
              <td>${hours(office.calendar.hours)}</td>
              <td>${localTime(now, office.calendar.time_zone)}</td>
              <td>
                ${office.open_now
                  ? html`<span class="open">${t('console.open')}</span>`
                  : html`<span class="closed">${t('console.closed')}</span>
                      ${office.next_opening && ` · ${t('console.opens', { time: localTime(office.next_opening, office.calendar.time_zone) })}`}`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </main>
  `;
}

function hours(calendarHours) {
  if (calendarHours === '24h') return t('console.allHours');
  const days = calendarHours.days.map((day) => t(`day.${day}`)).join(' ');
  return `${days} ${calendarHours.opens.slice(0, 5)}–${calendarHours.closes.slice(0, 5)}`;
}
