// The statistics dashboard: what crossed the border, from the gateway's statistics read model
// (GET /v1/statistics/...). Filters by period and declaring office; vehicles per day as a
// uPlot chart, lane shares as bars, lodging-to-release percentiles and inspection slots as
// tables; each as CSV. Days are dates in China Standard Time, as the API counts them.

import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { query } from '@clearway/api.js';
import { currentLanguage, t } from '@clearway/i18n.js';
import { Problem, html, useLoaded } from '@clearway/ui.js';

const GROUPS = ['office', 'mode', 'destination', 'power', 'condition'];
// Colour-blind-safe (Okabe–Ito), in series order.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

/** Today at the border (China Standard Time), as YYYY-MM-DD. */
function borderToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function daysBefore(day, days) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

const percent = (share) =>
  share === null || share === undefined
    ? '—'
    : new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** A duration for people: seconds under two minutes, minutes under two hours, else hours. */
function duration(seconds) {
  const number = (value) =>
    new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: 1 }).format(value);
  if (seconds < 120) return t('stats.seconds', { n: number(seconds) });
  if (seconds < 7200) return t('stats.minutes', { n: number(seconds / 60) });
  return t('stats.hours', { n: number(seconds / 3600) });
}

export function StatisticsScreen({ context }) {
  const { api, claims } = context;
  const today = borderToday();
  const [filters, setFilters] = useState({
    from: daysBefore(today, 6),
    to: today,
    office: claims.office || '',
    group_by: 'power',
  });
  const [draft, setDraft] = useState(filters);
  const asked = { from: filters.from, to: filters.to, office: filters.office || undefined };
  const counts = useLoaded(
    () => api.get(`/v1/statistics/declarations?${query({ ...asked, group_by: filters.group_by })}`),
    [filters],
  );
  const byOffice = useLoaded(
    () => api.get(`/v1/statistics/declarations?${query({ ...asked, group_by: 'office' })}`),
    [filters],
  );
  const lanes = useLoaded(() => api.get(`/v1/statistics/lanes?${query(asked)}`), [filters]);
  const times = useLoaded(() => api.get(`/v1/statistics/release-times?${query(asked)}`), [filters]);
  const slots = useLoaded(
    () => api.get(`/v1/statistics/slot-utilisation?${query({ from: filters.from, to: filters.to })}`),
    [filters],
  );

  const apply = (event) => {
    event.preventDefault();
    setFilters({ ...draft });
  };
  const field = (name) => (event) => setDraft({ ...draft, [name]: event.target.value });
  const download = (name, extra = {}) =>
    api
      .getText(`/v1/statistics/${name}?${query({ ...asked, ...extra, format: 'csv' })}`)
      .then((text) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
        link.download = `${name}-${filters.from}-${filters.to}.csv`;
        link.click();
        URL.revokeObjectURL(link.href);
      });

  const error = counts.error || byOffice.error || lanes.error || times.error || slots.error;
  const totals = byOffice.data?.rows.reduce(
    (sum, row) => ({
      declarations: sum.declarations + row.declarations,
      vehicles: sum.vehicles + row.vehicles,
    }),
    { declarations: 0, vehicles: 0 },
  );
  return html`
    <main id="main" class="statistics">
      <h1>${t('console.nav.statistics')}</h1>
      <form class="filters" onSubmit=${apply} aria-label=${t('stats.filters')}>
        <div>
          <label for="stats-from">${t('stats.from')}</label>
          <input id="stats-from" type="date" value=${draft.from} max=${draft.to} onInput=${field('from')} />
        </div>
        <div>
          <label for="stats-to">${t('stats.to')}</label>
          <input id="stats-to" type="date" value=${draft.to} onInput=${field('to')} />
        </div>
        <div>
          <label for="stats-office">${t('stats.office')}</label>
          <input
            id="stats-office"
            inputmode="numeric"
            pattern="[0-9]{4}"
            maxlength="4"
            placeholder=${t('stats.allOffices')}
            value=${draft.office}
            onInput=${field('office')}
          />
        </div>
        <div>
          <label for="stats-group">${t('stats.groupBy')}</label>
          <select id="stats-group" value=${draft.group_by} onChange=${field('group_by')}>
            ${GROUPS.map((group) => html`<option value=${group}>${t(`stats.group.${group}`)}</option>`)}
          </select>
        </div>
        <button class="primary" type="submit">${t('stats.show')}</button>
      </form>
      <${Problem} error=${error} />

      <section aria-labelledby="stats-summary" class="summary">
        <h2 id="stats-summary" class="visually-hidden">${t('stats.summary')}</h2>
        <dl class="tiles">
          <div><dt>${t('stats.declarations')}</dt><dd data-stat="declarations">${totals?.declarations ?? '—'}</dd></div>
          <div><dt>${t('stats.vehicles')}</dt><dd data-stat="vehicles">${totals?.vehicles ?? '—'}</dd></div>
          <div>
            <dt>${t('stats.newThree')}</dt>
            <dd data-stat="new-three">${filters.group_by === 'power' ? percent(counts.data?.new_three_share) : '—'}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="stats-per-day">
        <h2 id="stats-per-day">${t('stats.perDay', { group: t(`stats.group.${filters.group_by}`) })}</h2>
        ${counts.data && html`<${PerDay} answer=${counts.data} from=${filters.from} to=${filters.to} />`}
        <button class="secondary" type="button" onClick=${() => download('declarations', { group_by: filters.group_by })}>
          ${t('stats.csv')}
        </button>
      </section>

      <section aria-labelledby="stats-lanes">
        <h2 id="stats-lanes">${t('stats.lanes')}</h2>
        ${lanes.data && html`<${Shares} rows=${lanes.data.rows} />`}
        <button class="secondary" type="button" onClick=${() => download('lanes')}>${t('stats.csv')}</button>
      </section>

      <section aria-labelledby="stats-times">
        <h2 id="stats-times">${t('stats.releaseTimes')}</h2>
        ${times.data && html`<${Durations} rows=${times.data.rows} />`}
        <button class="secondary" type="button" onClick=${() => download('release-times')}>${t('stats.csv')}</button>
      </section>

      <section aria-labelledby="stats-slots">
        <h2 id="stats-slots">${t('stats.slots')}</h2>
        ${slots.data && html`<${Slots} rows=${slots.data.rows} />`}
        <button class="secondary" type="button" onClick=${() => download('slot-utilisation')}>${t('stats.csv')}</button>
      </section>
    </main>
  `;
}

/** Vehicles per day, one line per key; the numbers also as a table below (for every reader). */
function PerDay({ answer, from, to }) {
  const chart = useRef(null);
  const keys = Object.keys(answer.vehicles).sort();
  const days = [];
  for (let day = from; day <= to; day = daysBefore(day, -1)) days.push(day);
  useEffect(() => {
    if (!chart.current || !keys.length) return undefined;
    const x = days.map((day) => Date.parse(`${day}T00:00:00+08:00`) / 1000);
    const series = keys.map((key) =>
      days.map((day) => answer.rows.find((row) => row.day === day && row.key === key)?.vehicles ?? 0),
    );
    const plot = new uPlot(
      {
        width: Math.min(chart.current.clientWidth || 800, 1000),
        height: 260,
        legend: { show: false },
        padding: [12, 40, 0, 0], // room for the last day's label
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai'),
        scales: { y: { range: (_, min, max) => [0, Math.max(1, max)] } },
        axes: [
          { incrs: [86400], values: '{YYYY}-{MM}-{DD}', space: 90 },
          { label: t('stats.vehicles'), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
        ],
        series: [
          {},
          ...keys.map((key, index) => ({
            label: label(answer.group_by, key),
            stroke: COLOURS[index % COLOURS.length],
            width: 2,
            points: { size: 7 },
          })),
        ],
      },
      [x, ...series],
      chart.current,
    );
    // The chart follows its box: a console window resized, a tablet turned.
    const resized = new ResizeObserver(() =>
      plot.setSize({ width: Math.min(chart.current.clientWidth, 1000), height: 260 }),
    );
    resized.observe(chart.current);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [answer, from, to]);
  if (!keys.length) return html`<p class="note">${t('stats.nothing')}</p>`;
  return html`
    <figure>
      <div ref=${chart} class="chart" role="img" aria-label=${t('stats.chartLabel')}></div>
      <figcaption>
        <ul class="legend">
          ${keys.map(
            (key, index) => html`<li key=${key}>
              <span class="swatch" style=${`background:${COLOURS[index % COLOURS.length]}`}></span>
              ${label(answer.group_by, key)}: ${answer.vehicles[key]}
            </li>`,
          )}
        </ul>
      </figcaption>
    </figure>
    <${DataTable}
      caption=${t('stats.perDayCaption')}
      columns=${[t('stats.day'), t(`stats.group.${answer.group_by}`), t('stats.declarations'), t('stats.vehicles')]}
      rows=${answer.rows}
      rowKey=${(row) => `${row.day}-${row.key}`}
      rowHeader=${1}
      cells=${(row) => [row.day, label(answer.group_by, row.key), row.declarations, row.vehicles]}
    />
  `;
}

function label(group, key) {
  const names = { power: 'power', mode: 'mode', condition: 'vehicleCondition' };
  return names[group] ? t(`${names[group]}.${key}`, { defaultValue: key }) : key;
}

/** A table of rows, or a note that there are none; ``rowHeader`` is the cell naming the row. */
function DataTable({ caption, columns, rows, rowKey, cells, rowHeader = 0, className }) {
  if (!rows.length) return html`<p class="note">${t('stats.nothing')}</p>`;
  return html`
    <table class=${className}>
      <caption>${caption}</caption>
      <thead>
        <tr>${columns.map((column) => html`<th scope="col">${column}</th>`)}</tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr key=${rowKey(row)}>
            ${cells(row).map((cell, index) =>
              index === rowHeader ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  `;
}

const laneName = (lane) => t(`stats.laneName.${lane}`, { defaultValue: lane });

function Shares({ rows }) {
  return html`<${DataTable}
    className="shares"
    caption=${t('stats.lanesCaption')}
    columns=${[t('stats.lane'), t('stats.declarations'), t('stats.share')]}
    rows=${rows}
    rowKey=${(row) => row.lane}
    cells=${(row) => [
      laneName(row.lane),
      row.declarations,
      html`<span class=${`bar lane-${row.lane}`} style=${`width:${Math.round(row.share * 100)}%`}></span>
        ${percent(row.share)}`,
    ]}
  />`;
}

function Durations({ rows }) {
  return html`<${DataTable}
    caption=${t('stats.timesCaption')}
    columns=${[t('stats.office'), t('stats.lane'), t('stats.stage'), t('stats.declarations'), 'p50', 'p90', 'p99']}
    rows=${rows}
    rowKey=${(row) => `${row.office}-${row.lane}-${row.stage}`}
    cells=${(row) => [
      row.office,
      laneName(row.lane),
      t(`stats.stageName.${row.stage}`),
      row.declarations,
      duration(row.p50_seconds),
      duration(row.p90_seconds),
      duration(row.p99_seconds),
    ]}
  />`;
}

function Slots({ rows }) {
  return html`<${DataTable}
    caption=${t('stats.slotsCaption')}
    columns=${[
      t('stats.day'),
      t('stats.site'),
      t('stats.booked'),
      t('stats.arrived'),
      t('stats.missed'),
      t('stats.cancelled'),
      t('stats.showRate'),
    ]}
    rows=${rows}
    rowKey=${(row) => `${row.day}-${row.site_id}`}
    rowHeader=${1}
    cells=${(row) => [row.day, row.site_id, row.booked, row.arrived, row.missed, row.cancelled, percent(row.show_rate)]}
  />`;
}
