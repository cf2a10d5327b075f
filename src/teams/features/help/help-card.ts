/** The help card: what Tweetal is and the commands a person can use, in their language. */
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import { userText } from '../../../domain/typed-text';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { cardResult, type HandlerResult } from '../../results';
import { shownWordsOf, type Router } from '../../router';

export interface HelpView {
  /** For text that matched no command: "I did not understand …" above the commands; else ''. */
  readonly notUnderstood: string;
  readonly commands: readonly { readonly words: string; readonly description: string }[];
  readonly leaderCommands: readonly { readonly words: string; readonly description: string }[];
  readonly hasLeaderCommands: boolean;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    help: HelpView;
  }
}

/** Typed text longer than this is not repeated back (someone pasted a paragraph). */
const ECHO_MAX = 80;

/** The view model: the commands of the router's one table, their words in the reader's language first. */
export function helpView(router: Router, locale: HandlerContext['locale'], unknownText?: string): HelpView {
  const describe = (audience: 'everyone' | 'leader') =>
    router
      .commandSpecs()
      .filter((spec) => spec.helpKey && (spec.audience ?? 'everyone') === audience)
      .map((spec) => ({ words: shownWordsOf(spec.name, locale).join(' / '), description: t(locale, spec.helpKey!) }));
  const leaderCommands = describe('leader');
  const view = { commands: describe('everyone'), leaderCommands, hasLeaderCommands: leaderCommands.length > 0 };
  if (unknownText === undefined) return { notUnderstood: '', ...view };
  const typed = unknownText.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
  const shown = typed !== '' && typed.length <= ECHO_MAX;
  return {
    notUnderstood: t(locale, 'cards.help.notUnderstood', {
      shown: shown ? 'yes' : 'no',
      text: userText(shown ? typed : ''),
    }),
    ...view,
  };
}

/** The plain help card (no typed text to repeat) per router and language: the router's commands are fixed once registered. */
const plainHelp = new WeakMap<Router, Map<string, string>>();

export function helpCard(router: Router, ctx: Pick<HandlerContext, 'locale'>, unknownText?: string): HandlerResult {
  if (unknownText !== undefined)
    return cardResult(renderCard('help', helpView(router, ctx.locale, unknownText), ctx.locale));
  let byLocale = plainHelp.get(router);
  if (!byLocale) {
    byLocale = new Map();
    plainHelp.set(router, byLocale);
  }
  // Keyed by the number of commands too, should one be registered after the first help card.
  const key = `${ctx.locale}|${router.commandSpecs().length}`;
  let card = byLocale.get(key);
  if (card === undefined) {
    card = JSON.stringify(renderCard('help', helpView(router, ctx.locale), ctx.locale));
    byLocale.set(key, card);
  }
  // A fresh copy: the caller stamps it with the school id.
  return cardResult(JSON.parse(card) as AdaptiveCard);
}
