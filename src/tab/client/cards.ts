/**
 * Cards in the tab are rendered with the `adaptivecards` renderer (the same Adaptive Cards 1.5
 * the bot sends in the chat). Action.OpenUrl goes through the Teams host as a deep link.
 */
import * as AdaptiveCards from 'adaptivecards';
import type { NextStepView, ProgrammeCompletion } from '../../app/tab/views';
import { stepText, type TabStrings } from './strings';

const HOST_CONFIG = new AdaptiveCards.HostConfig({
  fontFamily:
    "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  supportsInteractivity: true,
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#1F7A6D', subtle: '#2E8B7E' },
        good: { default: '#107C10', subtle: '#107C10' },
        attention: { default: '#C4314B', subtle: '#C4314B' },
        warning: { default: '#8A5A00', subtle: '#8A5A00' },
      },
    },
    emphasis: {
      backgroundColor: '#F0F7F6',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#1F7A6D', subtle: '#2E8B7E' },
      },
    },
  },
  actions: { maxActions: 3, buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  factSet: { title: { weight: 'Bolder', wrap: true, maxWidth: 240 }, value: { wrap: true }, spacing: 12 },
});

export function renderCard(json: object, openUrl: (url: string) => void): HTMLElement {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = HOST_CONFIG;
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.OpenUrlAction && action.url) openUrl(action.url);
  };
  card.parse(json);
  const element = card.render();
  if (!element) throw new Error('the card could not be rendered');
  element.classList.add('tweetal-card');
  return element;
}

/** The teacher's "what is next" card. */
export function nextStepCard(next: NextStepView, s: TabStrings, chatLink: string | undefined): object {
  const link = chatLink ? `${chatLink}&message=${encodeURIComponent(next.command)}` : undefined;
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: s.whatNext, weight: 'Bolder', size: 'Medium', wrap: true },
      {
        type: 'TextBlock',
        text: stepText(next, s),
        wrap: true,
        spacing: 'Small',
      },
      ...(next.when ? [{ type: 'TextBlock', text: next.when, isSubtle: true, wrap: true, spacing: 'None' }] : []),
      {
        type: 'TextBlock',
        text: s.actors[next.actor],
        color: next.actor === 'me' ? 'Accent' : 'Default',
        weight: next.actor === 'me' ? 'Bolder' : 'Default',
        wrap: true,
      },
    ],
    actions: link ? [{ type: 'Action.OpenUrl', title: s.stepAction[next.step], url: link, style: 'positive' }] : [],
  };
}

/** A programme's completion summary for the leader: counts only. */
export function programmeCard(programme: ProgrammeCompletion, s: TabStrings): object {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      {
        type: 'Container',
        style: 'emphasis',
        bleed: true,
        items: [
          { type: 'TextBlock', text: programme.programme.theme, weight: 'Bolder', size: 'Medium', wrap: true },
          {
            type: 'TextBlock',
            text: `${programme.programme.period}${programme.programme.status === 'archived' ? ` · ${s.archived}` : ''}`,
            isSubtle: true,
            spacing: 'None',
            wrap: true,
          },
        ],
      },
      {
        type: 'FactSet',
        facts: [
          { title: s.visitsDone, value: `${programme.visitsDone} / ${programme.visitsAgreed}` },
          { title: s.debriefsHeld, value: String(programme.debriefsHeld) },
          // The pairs per state, in the digest's words (app/progress/wording.ts).
          ...programme.progress.map((p) => ({ title: p.title, value: String(p.count) })),
        ],
      },
    ],
  };
}
