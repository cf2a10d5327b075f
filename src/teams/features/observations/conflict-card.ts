/**
 * The conflict card (text-conflict): answered on the card the person pressed when the text they
 * submitted was saved differently in the meantime — by their partner, or by themselves in another
 * window (src/app/save-text.ts). It shows both texts (escaped: they are someone's words) and three
 * ways on: keep the saved text, keep mine, or save a combined text from editable fields prefilled
 * with both. Each way submits the form's own verb again with the stored version, so nothing is
 * written that the writer did not choose, and nothing disappears without them seeing it.
 */
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import type { Locale } from '../../../domain/entities';
import { userText, type UserText } from '../../../domain/typed-text';
import { t } from '../../../i18n/translate';

export interface TextConflictView {
  readonly heading: string;
  readonly intro: string;
  readonly theirsLabel: string;
  readonly fields: readonly {
    readonly id: string;
    readonly label: string;
    readonly theirs: UserText | string;
    readonly mine: UserText | string;
    /** The combined text the field starts with (an Input: the words as typed). */
    readonly merged: string;
  }[];
  readonly privacy: string;
  readonly verb: string;
  readonly mergeData: Readonly<Record<string, unknown>>;
  readonly keepMineData: Readonly<Record<string, unknown>>;
  readonly keepTheirsData: Readonly<Record<string, unknown>>;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'text-conflict': TextConflictView;
  }
}

/** How a conflict card's button resolves it. */
export type Resolution = 'theirs' | 'mine' | 'merge';

export interface TextConflict {
  /** The form's submit verb and its data (the ids: `visitId`). */
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The stored version: every way on submits against it. */
  readonly version: string;
  /** Saved by the partner (their name), or by the same person in another window. */
  readonly savedBy: { readonly partner: string } | 'self';
  /** The other person of the visit, for the privacy line. */
  readonly otherName: string;
  /** The form's fields: input id, label, the stored words and the submitted words. */
  readonly fields: readonly {
    readonly id: string;
    readonly label: string;
    readonly theirs: string;
    readonly mine: string;
  }[];
}

const combined = (theirs: string, mine: string): string =>
  theirs.trim() === mine.trim() || mine.trim() === '' ? theirs : theirs.trim() === '' ? mine : `${theirs}\n\n${mine}`;

export function textConflictView(conflict: TextConflict, locale: Locale): TextConflictView {
  const partner = conflict.savedBy === 'self' ? undefined : conflict.savedBy.partner;
  const shown = (text: string) => (text.trim() === '' ? t(locale, 'cards.text-conflict.empty') : userText(text));
  const mine = Object.fromEntries(conflict.fields.map((f) => [f.id, f.mine]));
  const base = { ...conflict.data, version: conflict.version };
  return {
    heading: t(
      locale,
      partner === undefined ? 'cards.text-conflict.headingSelf' : 'cards.text-conflict.headingPartner',
    ),
    intro:
      partner === undefined
        ? t(locale, 'cards.text-conflict.introSelf')
        : t(locale, 'cards.text-conflict.introPartner', { name: partner }),
    theirsLabel:
      partner === undefined
        ? t(locale, 'cards.text-conflict.theirsSelf')
        : t(locale, 'cards.text-conflict.theirsPartner', { name: partner }),
    fields: conflict.fields.map((f) => ({
      id: f.id,
      label: f.label,
      theirs: shown(f.theirs),
      mine: shown(f.mine),
      merged: combined(f.theirs, f.mine),
    })),
    privacy: t(locale, 'cards.text-conflict.privacy', { name: conflict.otherName }),
    verb: conflict.verb,
    mergeData: { ...base, resolve: 'merge' satisfies Resolution, keep: true },
    keepMineData: { ...base, resolve: 'mine' satisfies Resolution, keep: true, mine },
    keepTheirsData: { ...base, resolve: 'theirs' satisfies Resolution },
  };
}

export const textConflictCard = (conflict: TextConflict, locale: Locale): AdaptiveCard =>
  renderCard('text-conflict', textConflictView(conflict, locale), locale);

/** The words a "keep mine" press carries back (its own data, not the combined fields). */
export function keptMine(inputs: Readonly<Record<string, unknown>>, id: string): unknown {
  const mine = inputs['mine'];
  return mine && typeof mine === 'object' && !Array.isArray(mine) ? (mine as Record<string, unknown>)[id] : undefined;
}
