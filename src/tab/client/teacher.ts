/** "My coaching": partner, the cycle as a timeline, what is next, and the way to the chat. */
import type { PairDetailView, TeacherView, TimelineVisit } from '../../app/tab/views';
import { nextStepCard, renderCard } from './cards';
import { h } from './dom';
import type { TabStrings } from './strings';

function who(visit: TimelineVisit, s: TabStrings): string {
  if (!visit.observer || !visit.observed) return s.notPlanned;
  if (visit.myRole === 'observer') return s.youObserve(visit.observed.name);
  if (visit.myRole === 'observed') return s.observesYou(visit.observer.name);
  return s.observes(visit.observer.name, visit.observed.name);
}

function timelineItem(visit: TimelineVisit, s: TabStrings, openVisit?: VisitOpener): HTMLElement {
  const done = visit.milestones.filter((m) => m.done).length;
  let notes: HTMLElement | false = false;
  if (openVisit && visit.visitId && visit.state !== 'cancelled') {
    const id = visit.visitId;
    notes = h(
      'button',
      { type: 'button', class: 'button subtle-button', 'data-testid': `open-notes-${visit.sequence}` },
      openVisit.label,
    );
    notes.addEventListener('click', () => openVisit.open(id));
  }
  return h(
    'li',
    { class: `visit visit-${visit.state}`, 'data-testid': `visit-${visit.sequence}` },
    h(
      'div',
      { class: 'visit-head' },
      h('span', { class: 'visit-number' }, s.visit(visit.sequence)),
      h('span', { class: 'visit-who' }, who(visit, s)),
    ),
    visit.when ? h('div', { class: 'visit-when' }, visit.when) : false,
    visit.lesson
      ? h('div', { class: 'visit-detail' }, h('span', { class: 'label' }, `${s.lesson}: `), visit.lesson)
      : false,
    visit.focus
      ? h('div', { class: 'visit-detail' }, h('span', { class: 'label' }, `${s.focus}: `), visit.focus)
      : false,
    h(
      'ol',
      { class: 'milestones', 'aria-label': `${done}/${visit.milestones.length}` },
      ...visit.milestones.map((m) =>
        h(
          'li',
          { class: m.done ? 'milestone done' : 'milestone', 'data-milestone': m.key, 'data-done': String(m.done) },
          h('span', { class: 'dot', 'aria-hidden': 'true' }, m.done ? '✓' : ''),
          h('span', { class: 'milestone-label' }, s.milestones[m.key]),
          m.at && m.done ? h('span', { class: 'milestone-at' }, m.at) : false,
        ),
      ),
    ),
    notes,
  );
}

/** Opens a visit's notes and forms (notes.ts); the button's label. */
export interface VisitOpener {
  readonly label: string;
  open(visitId: string): void;
}

function partnerSection(pair: PairDetailView, s: TabStrings): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'data-testid': 'partner' },
    h('h2', {}, pair.partners.length > 1 ? s.partners : s.partner),
    h(
      'ul',
      { class: 'people' },
      ...pair.partners.map((p) =>
        h(
          'li',
          { class: 'person' },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(p.name)),
          h('span', { class: 'person-name' }, p.name),
        ),
      ),
    ),
  );
}

function cycleSection(pair: PairDetailView, s: TabStrings, openVisit?: VisitOpener): HTMLElement {
  const cycle = pair.cycle;
  return h(
    'section',
    { class: 'panel', 'data-testid': 'timeline' },
    h('h2', {}, s.myCycle),
    cycle
      ? h(
          'p',
          { class: 'subtle', 'data-testid': 'cycle-progress' },
          s.cycleProgress(cycle.visitsCompleted, cycle.visitsAgreed),
        )
      : false,
    h('ol', { class: 'timeline' }, ...pair.timeline.map((visit) => timelineItem(visit, s, openVisit))),
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => part !== '' && part[0] === part[0]!.toUpperCase())
    .map((part) => part[0])
    .slice(0, 2)
    .join('');
}

export function renderTeacher(
  view: TeacherView,
  s: TabStrings,
  openUrl: (url: string) => void,
  openVisit?: VisitOpener,
): HTMLElement {
  const chatButton = view.chatLink
    ? h('button', { class: 'button', type: 'button', 'data-testid': 'open-chat' }, s.openChat)
    : h('p', { class: 'subtle' }, s.chatUnavailable);
  if (view.chatLink) chatButton.addEventListener('click', () => openUrl(view.chatLink!));
  const subtitle = [view.school.name, view.programme ? `${view.programme.theme} · ${view.programme.period}` : '']
    .filter((x) => x !== '')
    .join(' — ');
  return h(
    'main',
    { class: 'view teacher', 'data-testid': 'teacher-view' },
    h('header', { class: 'view-head' }, h('h1', {}, s.title), h('p', { class: 'subtle' }, subtitle)),
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        { class: 'column' },
        view.pair ? partnerSection(view.pair, s) : h('section', { class: 'panel' }, h('p', {}, s.noPartner)),
        h(
          'section',
          { class: 'panel card-panel', 'data-testid': 'next-step' },
          renderCard(nextStepCard(view.next, s, view.chatLink), openUrl),
        ),
        view.ownGrowth && h('section', { class: 'panel subtle', 'data-testid': 'own-growth' }, view.ownGrowth),
        h('section', { class: 'panel' }, chatButton),
      ),
      h(
        'div',
        { class: 'column wide' },
        openVisit ? h('div', { 'data-testid': 'notes-slot' }) : false,
        view.pair ? cycleSection(view.pair, s, openVisit) : false,
      ),
    ),
  );
}
