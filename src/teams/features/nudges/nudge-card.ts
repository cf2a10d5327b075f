/** The nudge card: the template plus the view model computed in src/app/nudges/nudge-view.ts. */
import type { OutgoingMessage } from '../../../app/messenger';
import type { NudgeView } from '../../../app/nudges/nudge-view';
import { renderCard } from '../../../cards/render';
import type { Locale } from '../../../domain/entities';
import { buttonVerbFor } from './nudge-verbs';

declare module '../../../cards/render' {
  interface CardViewModels {
    nudge: NudgeView;
  }
}

export function renderNudgeMessage(view: NudgeView, locale: Locale): OutgoingMessage {
  return { card: renderCard('nudge', { ...view, verb: buttonVerbFor(view.verb) }, locale), text: view.title };
}
