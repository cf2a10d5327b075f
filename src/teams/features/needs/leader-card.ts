/** The leaders' daily message about what pairs need: the template plus the view model of src/app/needs/leader-batch.ts. */
import type { OutgoingMessage } from '../../../app/messenger';
import type { NeedsBatchView } from '../../../app/needs/leader-batch';
import { renderCard } from '../../../cards/render';
import type { Locale } from '../../../domain/entities';

declare module '../../../cards/render' {
  interface CardViewModels {
    'need-leader-batch': NeedsBatchView;
  }
}

export function renderNeedsBatchMessage(view: NeedsBatchView, _locale: Locale): OutgoingMessage {
  return { card: renderCard('need-leader-batch', view, _locale), text: view.title };
}
