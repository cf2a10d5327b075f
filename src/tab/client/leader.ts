/**
 * The leader's view: completion per programme and pair, counts and steps only; and "what pairs
 * need" with the buttons "Geregeld" (an optional line to the pair) and "Kan niet" (a reason).
 */
import type { LeaderNeedItem } from '../../app/needs/leader-items';
import type {
  LeaderNeedsView,
  LeaderView,
  NeedAnswerView,
  PairCompletion,
  ProgrammeCompletion,
} from '../../app/tab/views';
import { ApiError } from './api';
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

/** Sends a leader's answer to what a pair needs; resolves with the reply, rejects with the refusal. */
export type AnswerNeed = (
  needId: string,
  kind: 'arrange' | 'decline',
  body: Readonly<Record<string, unknown>>,
) => Promise<NeedAnswerView>;

function needForm(
  item: LeaderNeedItem,
  needs: LeaderNeedsView,
  kind: 'arrange' | 'decline',
  s: TabStrings,
  send: (body: Record<string, unknown>, status: HTMLElement) => Promise<void>,
): HTMLFormElement {
  const status = h('p', { class: 'form-status', role: 'status', 'data-testid': `need-status-${kind}` });
  const field =
    kind === 'arrange'
      ? h(
          'label',
          { class: 'field' },
          h('span', { class: 'label' }, needs.labels.lineLabel),
          h('textarea', {
            name: 'line',
            rows: '2',
            maxlength: String(needs.labels.lineMax),
            placeholder: needs.labels.linePlaceholder,
            'data-testid': 'need-line',
          }),
        )
      : h(
          'label',
          { class: 'field' },
          h('span', { class: 'label' }, needs.labels.reasonLabel),
          h(
            'select',
            { name: 'reason', required: 'required', 'data-testid': 'need-reason' },
            h('option', { value: '' }, ''),
            ...needs.reasons.map((r) => h('option', { value: r.value }, r.title)),
          ),
        );
  const form = h(
    'form',
    { class: 'note-form need-form', hidden: 'hidden', 'data-testid': `need-form-${kind}` },
    field,
    h(
      'button',
      { type: 'submit', class: 'button', 'data-testid': `need-send-${kind}` },
      kind === 'arrange' ? needs.labels.sendArranged : needs.labels.sendDeclined,
    ),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const input of Array.from(form.querySelectorAll<HTMLTextAreaElement | HTMLSelectElement>('[name]')))
      body[input.name] = input.value;
    status.textContent = s.loading;
    void send(body, status);
  });
  return form;
}

function needRow(item: LeaderNeedItem, needs: LeaderNeedsView, s: TabStrings, answer?: AnswerNeed): HTMLElement {
  const row = h(
    'li',
    { class: 'need', 'data-testid': `need-${item.pairId}` },
    h('strong', {}, item.names),
    h('p', { 'data-testid': 'need-categories' }, item.categories),
    h(
      'p',
      { class: 'subtle', 'data-testid': 'need-details' },
      [item.forStep, item.since, item.neededBy].filter((part) => part !== '').join(' · '),
    ),
  );
  if (!answer) return row;
  const reply = h('p', { class: 'form-status', role: 'status', 'data-testid': 'need-reply' });
  const forms: HTMLFormElement[] = [];
  const send = (kind: 'arrange' | 'decline') => async (body: Record<string, unknown>, status: HTMLElement) => {
    try {
      const result = await answer(item.needId, kind, body);
      // Answered now or before: either way the request is no longer open here.
      buttons.remove();
      for (const f of forms) f.remove();
      reply.textContent = result.message;
    } catch (error) {
      status.textContent = error instanceof ApiError && error.message ? error.message : s.failed;
    }
  };
  forms.push(
    needForm(item, needs, 'arrange', s, send('arrange')),
    needForm(item, needs, 'decline', s, send('decline')),
  );
  const toggle = (kind: 'arrange' | 'decline', label: string) => {
    const button = h('button', { type: 'button', class: 'button', 'data-testid': `need-${kind}` }, label);
    button.addEventListener('click', () => {
      for (const f of forms) f.hidden = f.dataset.testid !== `need-form-${kind}`;
    });
    return button;
  };
  const buttons = h(
    'div',
    { class: 'need-buttons' },
    toggle('arrange', needs.labels.arrange),
    toggle('decline', needs.labels.decline),
  );
  row.append(buttons, ...forms, reply);
  return row;
}

function needsSection(needs: LeaderNeedsView, s: TabStrings, answer?: AnswerNeed): HTMLElement {
  return h(
    'div',
    { class: 'needs', 'data-testid': 'needs' },
    h('h3', {}, needs.heading),
    ...(needs.items.length === 0
      ? [h('p', { class: 'subtle', 'data-testid': 'needs-none' }, needs.none)]
      : [
          h('p', { class: 'subtle' }, needs.intro),
          h('ul', { class: 'need-list' }, ...needs.items.map((item) => needRow(item, needs, s, answer))),
        ]),
  );
}

function programmeSection(
  programme: ProgrammeCompletion,
  s: TabStrings,
  openUrl: (url: string) => void,
  answer?: AnswerNeed,
): HTMLElement {
  return h(
    'section',
    { class: 'panel programme', 'data-testid': `programme-${programme.programme.id}` },
    renderCard(programmeCard(programme, s), openUrl),
    programme.programme.status === 'active' ? needsSection(programme.needs, s, answer) : false,
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

export function renderLeader(
  view: LeaderView,
  s: TabStrings,
  openUrl: (url: string) => void,
  answer?: AnswerNeed,
): HTMLElement {
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
      : view.programmes.map((p) => programmeSection(p, s, openUrl, answer))),
  );
}
