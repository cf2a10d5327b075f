/** The greeting when Tweetal is added to a team or installed by a person. */
import { renderCard } from '../../../cards/render';
import type { HandlerContext } from '../../context';
import { cardResult, type HandlerResult } from '../../results';

export interface GreetingView {
  readonly inTeam: boolean;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    greeting: GreetingView;
  }
}

export function greetingCard(ctx: Pick<HandlerContext, 'locale' | 'teamId'>): HandlerResult {
  return cardResult(renderCard('greeting', { inTeam: Boolean(ctx.teamId) }, ctx.locale));
}
