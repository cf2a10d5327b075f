/** The help card: what Tweetal is and the commands a person can use, in their language. */
import { renderCard } from '../../../cards/render';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { cardResult, type HandlerResult } from '../../results';
import type { Router } from '../../router';

export interface HelpView {
  readonly commands: readonly { readonly words: string; readonly description: string }[];
  readonly leaderCommands: readonly { readonly words: string; readonly description: string }[];
  readonly hasLeaderCommands: boolean;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    help: HelpView;
  }
}

/** The view model: commands with their words in the reader's language first. */
export function helpView(router: Router, locale: HandlerContext['locale']): HelpView {
  const describe = (audience: 'everyone' | 'leader') =>
    router
      .commandSpecs()
      .filter((spec) => spec.helpKey && (spec.audience ?? 'everyone') === audience)
      .map((spec) => ({ words: spec.words.join(' / '), description: t(locale, spec.helpKey!) }));
  const leaderCommands = describe('leader');
  return { commands: describe('everyone'), leaderCommands, hasLeaderCommands: leaderCommands.length > 0 };
}

export function helpCard(router: Router, ctx: Pick<HandlerContext, 'locale'>): HandlerResult {
  return cardResult(renderCard('help', helpView(router, ctx.locale), ctx.locale));
}
