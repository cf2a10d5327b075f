/** The leader's view: completion per programme and pair, counts and steps only. */
import type { LeaderView, PairCompletion, ProgrammeCompletion } from '../../app/tab/views';
import { programmeCard, renderCard } from './cards';
import { programmeCharts } from './charts';
import { h } from './dom';
import type { TabStrings } from './strings';

/** The pair's progress badge, in the digest's words (the server words it: app/progress/wording.ts). */
function statusOf(pair: PairCompletion): HTMLElement {
  const key = pair.progress.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return h('span', { class: `badge badge-${key}` }, pair.progressLabel);
}

function pairRow(pair: PairCompletion): HTMLElement {
  return h(
    'tr',
    { 'data-testid': `pair-${pair.pairId}` },
    h('td', {}, pair.memberNames.join(' & ')),
    h('td', { class: 'number', 'data-testid': 'visits' }, `${pair.visitsDone} / ${pair.visitsAgreed}`),
    h('td', { class: 'number', 'data-testid': 'debriefs' }, String(pair.debriefsHeld)),
    h('td', { 'data-testid': 'step' }, pair.stepLabel),
    h('td', {}, statusOf(pair)),
  );
}

function programmeSection(programme: ProgrammeCompletion, s: TabStrings, openUrl: (url: string) => void): HTMLElement {
  return h(
    'section',
    { class: 'panel programme', 'data-testid': `programme-${programme.programme.id}` },
    renderCard(programmeCard(programme, s), openUrl),
    programmeCharts(programme, s),
    programme.pairs.length === 0
      ? h('p', { class: 'subtle' }, s.noPairs)
      : h(
          'table',
          { class: 'pairs' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, s.pair),
              h('th', { class: 'number' }, s.visitsDone),
              h('th', { class: 'number' }, s.debriefsHeld),
              h('th', {}, s.step),
              h('th', {}, s.status),
            ),
          ),
          h('tbody', {}, ...programme.pairs.map((pair) => pairRow(pair))),
        ),
  );
}

export function renderLeader(view: LeaderView, s: TabStrings, openUrl: (url: string) => void): HTMLElement {
  return h(
    'main',
    { class: 'view leader', 'data-testid': 'leader-view' },
    h(
      'header',
      { class: 'view-head' },
      h('h1', {}, s.leaderTitle),
      h('p', { class: 'subtle' }, view.school.name),
      h('p', { class: 'privacy' }, s.leaderPrivacy),
    ),
    ...(view.programmes.length === 0
      ? [h('section', { class: 'panel' }, h('p', {}, s.noProgrammes))]
      : view.programmes.map((p) => programmeSection(p, s, openUrl))),
  );
}
