/**
 * A visit's notes in the tab: the plan's texts, the observation, the reflection and the
 * agreements, and the forms that write them (the ones the visit rules allow this reader now).
 * Every text goes in as text (dom.ts), never as HTML.
 */
import type { FindingView, TabWriteResult, VisitNotesView } from '../../app/tab/visit-notes';
import { ApiError, fetchVisitNotes, postVisitText, type TokenSource } from './api';
import { h, replaceContent } from './dom';
import type { NotesStrings } from './notes-strings';
import type { TabLocale } from './strings';

type Kind = 'observation' | 'reflection' | 'debrief' | 'plan';

function field(label: string, name: string, value: string, multiline: boolean): HTMLElement {
  const input = multiline
    ? h('textarea', { name, rows: '5', 'data-testid': `input-${name}` })
    : h('input', { name, type: 'text', 'data-testid': `input-${name}` });
  (input as HTMLInputElement | HTMLTextAreaElement).value = value;
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), input);
}

/** The focus: one line, with the suggestions (the theme, the ICALT domains) to pick from or type over. */
function focusField(label: string, value: string, suggestions: readonly string[], listId: string): HTMLElement {
  const input = h('input', {
    name: 'focus',
    type: 'text',
    maxlength: '500',
    'data-testid': 'input-focus',
    ...(suggestions.length > 0 ? { list: listId } : {}),
  });
  input.value = value;
  const list =
    suggestions.length > 0 &&
    h(
      'datalist',
      { id: listId, 'data-testid': 'focus-suggestions' },
      ...suggestions.map((s) => h('option', { value: s })),
    );
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), input, list);
}

function shown(label: string, text: string | undefined, s: NotesStrings, testId: string): HTMLElement {
  return h(
    'div',
    { class: 'note', 'data-testid': testId },
    h('div', { class: 'label' }, label),
    text && text.trim() !== '' ? h('p', { class: 'note-text' }, text) : h('p', { class: 'subtle' }, s.notWritten),
  );
}

function findingsBlock(findings: readonly FindingView[], s: NotesStrings): HTMLElement {
  return h(
    'div',
    { class: 'findings', 'data-testid': 'coach-findings', role: 'status' },
    h('p', {}, s.coachIntro),
    ...findings.map((f) =>
      h(
        'div',
        { class: 'finding' },
        h('strong', {}, f.heading),
        h('p', {}, f.found),
        h('p', { class: 'subtle' }, f.explanation),
        h('p', {}, f.invitation),
      ),
    ),
  );
}

export interface NotesPanel {
  readonly element: HTMLElement;
  load(): Promise<void>;
}

export function notesPanel(
  visitId: string,
  token: TokenSource,
  locale: TabLocale,
  s: NotesStrings,
  onClose: () => void,
): NotesPanel {
  const element = h('section', { class: 'panel notes', 'data-testid': 'visit-notes', 'aria-live': 'polite' });

  const render = (view: VisitNotesView, notice?: string, findings?: readonly FindingView[]) => {
    const close = h('button', { type: 'button', class: 'button subtle-button', 'data-testid': 'close-notes' }, s.close);
    close.addEventListener('click', onClose);
    const forms: HTMLElement[] = [];

    const form = (kind: Kind, fields: HTMLElement[], extra: Record<string, string>, withKeep = false) => {
      const status = h('p', { class: 'form-status', 'data-testid': `status-${kind}`, role: 'status' });
      const el = h('form', { class: 'note-form', 'data-testid': `form-${kind}` }, ...fields, status);
      const submit = async (keep: boolean) => {
        const data: Record<string, unknown> = { ...extra, ...(keep ? { keep: true } : {}) };
        for (const input of Array.from(el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[name]')))
          data[input.name] = input.value;
        status.textContent = s.loading;
        try {
          const result: TabWriteResult = await postVisitText(token, locale, visitId, kind, data);
          if (result.saved) render(result.notes, s.saved);
          else if ('conflict' in result) render(result.notes, result.message);
          else render(view, undefined, result.findings);
          if (!result.saved) {
            // Keep what was typed: in the form the coach commented on, or next to the words saved meanwhile.
            const again = element.querySelector<HTMLFormElement>(`[data-testid="form-${kind}"]`);
            for (const [name, value] of Object.entries(data))
              if (typeof value === 'string') {
                const input = again?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
                if (input) input.value = value;
              }
          }
        } catch (error) {
          status.textContent = error instanceof ApiError && error.message ? error.message : s.failed;
        }
      };
      el.addEventListener('submit', (event) => {
        event.preventDefault();
        void submit(false);
      });
      el.append(h('button', { type: 'submit', class: 'button', 'data-testid': `save-${kind}` }, s.save));
      if (withKeep) {
        const keep = h(
          'button',
          { type: 'button', class: 'button subtle-button', 'data-testid': `keep-${kind}` },
          s.keep,
        );
        keep.addEventListener('click', () => void submit(true));
        el.append(keep);
      }
      return el;
    };

    const plan = view.plan;
    const planPart = plan.canEdit
      ? form(
          'plan',
          [
            field(s.lesson, 'lesson', plan.lesson, false),
            focusField(s.focus, plan.focus, plan.focusSuggestions, `focus-suggestions-${visitId}`),
            field(s.discussionGoal, 'discussionGoal', plan.discussionGoal, true),
          ],
          { version: plan.version },
        )
      : h(
          'div',
          {},
          shown(s.lesson, plan.lesson, s, 'plan-lesson'),
          shown(s.focus, plan.focus, s, 'plan-focus'),
          plan.discussionGoal ? shown(s.discussionGoal, plan.discussionGoal, s, 'plan-goal') : false,
        );
    forms.push(h('section', { class: 'note-section' }, h('h3', {}, s.plan), planPart));

    const observation = view.can.observe
      ? form(
          'observation',
          [
            ...(findings && findings.length > 0 ? [findingsBlock(findings, s)] : []),
            field(s.facts, 'facts', view.observation?.facts ?? '', true),
            field(s.questions, 'questions', view.observation?.questions ?? '', true),
          ],
          { version: view.observation?.version ?? '' },
          Boolean(findings && findings.length > 0),
        )
      : h(
          'div',
          {},
          shown(s.facts, view.observation?.facts, s, 'observation-facts'),
          view.observation?.questions
            ? shown(s.questions, view.observation.questions, s, 'observation-questions')
            : false,
        );
    forms.push(h('section', { class: 'note-section' }, h('h3', {}, s.observation), observation));

    const reflection = view.can.reflect
      ? form('reflection', [field(s.reflection, 'text', view.reflection?.text ?? '', true)], {
          version: view.reflection?.version ?? '',
        })
      : shown(s.reflection, view.reflection?.text, s, 'reflection-text');
    forms.push(h('section', { class: 'note-section' }, h('h3', {}, s.reflection), reflection));

    const debrief = view.can.recordDebrief
      ? form('debrief', [field(s.agreements, 'agreements', '', true), field(s.nextStep, 'nextStep', '', true)], {})
      : h(
          'div',
          {},
          shown(s.agreements, view.debrief?.agreements, s, 'debrief-agreements'),
          view.debrief ? shown(s.nextStep, view.debrief.nextStep, s, 'debrief-next-step') : false,
        );
    forms.push(h('section', { class: 'note-section' }, h('h3', {}, s.agreements), debrief));

    const parts: (HTMLElement | false | undefined)[] = [
      h(
        'header',
        { class: 'notes-head' },
        h('h2', {}, s.heading(view.sequence, view.observer.name, view.observed.name, view.when)),
        close,
      ),
      view.textsInTabOnly ? h('p', { class: 'subtle', 'data-testid': 'texts-in-tab' }, s.inTabOnly) : false,
      notice ? h('p', { class: 'form-status', 'data-testid': 'notes-notice', role: 'status' }, notice) : false,
      ...forms,
      h('p', { class: 'subtle' }, view.privacy),
    ];
    replaceContent(element, ...parts.filter((p): p is HTMLElement => Boolean(p)));
  };

  return {
    element,
    async load() {
      replaceContent(element, h('p', { class: 'message' }, s.loading));
      try {
        render(await fetchVisitNotes(token, locale, visitId));
      } catch {
        replaceContent(element, h('p', { class: 'message', 'data-testid': 'notes-error' }, s.failed));
      }
    },
  };
}
