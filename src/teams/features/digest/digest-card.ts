/** The digest card: the template plus the view model computed in src/app/digest/digest-view.ts. */
import type { OutgoingMessage } from '../../../app/messenger';
import type { DigestView } from '../../../app/digest/digest-view';
import { renderCard } from '../../../cards/render';
import type { Locale } from '../../../domain/entities';

declare module '../../../cards/render' {
  interface CardViewModels {
    digest: DigestView;
  }
}

export function renderDigestMessage(view: DigestView, locale: Locale): OutgoingMessage {
  return { card: renderCard('digest', view, locale), text: view.title };
}
