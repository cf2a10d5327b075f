/**
 * The leader's two charts with Chart.js (bundled into tab.js by esbuild): completion per week
 * against the agreement, and the share described without judging per month. Counts only; a
 * month below the minimums is a gap, never a figure. Each canvas carries its series as data
 * attributes so tests and screen readers can check what it shows.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ProgrammeCompletion } from '../../app/tab/views';
import { h } from './dom';
import type { TabStrings } from './strings';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

function canvas(testId: string, label: string, series: Record<string, unknown>): HTMLCanvasElement {
  const element = h('canvas', { 'data-testid': testId, role: 'img', 'aria-label': label }) as HTMLCanvasElement;
  for (const [name, value] of Object.entries(series)) element.dataset[name] = JSON.stringify(value);
  return element;
}

function completionChart(programme: ProgrammeCompletion, s: TabStrings): HTMLElement {
  const weeks = programme.weeks;
  const element = canvas('completion-chart', s.charts.completion, {
    labels: weeks.map((w) => w.label),
    visitsDone: weeks.map((w) => w.visitsDone),
    debriefsHeld: weeks.map((w) => w.debriefsHeld),
    visitsAgreed: weeks.map((w) => w.visitsAgreed),
  });
  new Chart(element, {
    type: 'line',
    data: {
      labels: weeks.map((w) => w.label),
      datasets: [
        { label: s.charts.visitsDone, data: weeks.map((w) => w.visitsDone), borderColor: '#5b5fc7', tension: 0.2 },
        { label: s.charts.debriefsHeld, data: weeks.map((w) => w.debriefsHeld), borderColor: '#237b4b', tension: 0.2 },
        {
          label: s.charts.visitsAgreed,
          data: weeks.map((w) => w.visitsAgreed),
          borderColor: '#8a8886',
          borderDash: [6, 4],
          pointRadius: 0,
        },
      ],
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, s.charts.completion),
    h('div', { class: 'chart-box' }, element),
  );
}

function growthChart(programme: ProgrammeCompletion, s: TabStrings): HTMLElement {
  if (programme.growthNote)
    return h(
      'figure',
      { class: 'chart' },
      h('figcaption', {}, s.charts.growth),
      h('p', { class: 'subtle', 'data-testid': 'growth-not-enough' }, programme.growthNote),
    );
  const months = programme.growth;
  const value = (pick: 'describedPercent' | 'questionPercent') =>
    months.map((m) => (m.shown ? (m[pick] ?? null) : null));
  const element = canvas('growth-chart', s.charts.growth, {
    labels: months.map((m) => m.label),
    described: value('describedPercent'),
    question: value('questionPercent'),
  });
  new Chart(element, {
    type: 'bar',
    data: {
      labels: months.map((m) => m.label),
      datasets: [
        { label: s.charts.described, data: value('describedPercent'), backgroundColor: '#5b5fc7' },
        { label: s.charts.question, data: value('questionPercent'), backgroundColor: '#c4b8f5' },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${String(v)}%` } } },
    },
  });
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, s.charts.growth),
    h('div', { class: 'chart-box' }, element),
    h('p', { class: 'subtle' }, s.charts.growthPrivacy),
  );
}

export function programmeCharts(programme: ProgrammeCompletion, s: TabStrings): HTMLElement {
  return h('div', { class: 'charts' }, completionChart(programme, s), growthChart(programme, s));
}
